import { marketplaceAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface AuthorizeSessionKeyParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  /** The session key's address (e.g. a node gateway's signer). */
  key: Address;
  /** Unix seconds: the key may sign access tokens expiring at or before this time. */
  validUntil: number;
}

export type AuthorizeSessionKeyReturnType = TransactionResult;

/**
 * Lets a session key sign access tokens for the client's purchases (for example a node gateway
 * that calls providers on its users' behalf).
 *
 * @example
 * await authorizeSessionKey(walletClient, { contracts, key: gateway.address, validUntil: now + 86_400 });
 */
export async function authorizeSessionKey(
  client: WriteClient,
  parameters: AuthorizeSessionKeyParameters,
): Promise<AuthorizeSessionKeyReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "authorizeSessionKey",
    args: [parameters.key, parameters.validUntil],
  });
  return { hash, receipt };
}
