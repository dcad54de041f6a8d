import { marketplaceAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface RevokeSessionKeyParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  /** The session key to revoke. */
  key: Address;
}

export type RevokeSessionKeyReturnType = TransactionResult;

/**
 * Ends a session key's authority after the marketplace's revocation delay (so tokens providers
 * already accepted stay claimable).
 *
 * @example
 * await revokeSessionKey(walletClient, { contracts, key: gateway.address });
 */
export async function revokeSessionKey(
  client: WriteClient,
  parameters: RevokeSessionKeyParameters,
): Promise<RevokeSessionKeyReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "revokeSessionKey",
    args: [parameters.key],
  });
  return { hash, receipt };
}
