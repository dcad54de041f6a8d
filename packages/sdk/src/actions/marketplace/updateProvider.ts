import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface UpdateProviderParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  /** The provider (the client's account must own it). */
  providerId: number;
  /** New metadata URI. */
  metadataURI: string;
  /** New base URL. */
  endpoint: string;
}

export type UpdateProviderReturnType = TransactionResult;

/**
 * Replaces a provider's metadata URI and endpoint (provider owner only).
 *
 * @example
 * await updateProvider(walletClient, { contracts, providerId: 1, metadataURI: "ipfs://…", endpoint: "https://api.vendor.example" });
 */
export async function updateProvider(
  client: WriteClient,
  parameters: UpdateProviderParameters,
): Promise<UpdateProviderReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "updateProvider",
    args: [parameters.providerId, parameters.metadataURI, parameters.endpoint],
  });
  return { hash, receipt };
}
