import { marketplaceAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";
import type { MarketplaceProvider } from "../../marketplaceTypes.ts";

export interface GetProviderParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  providerId: number;
  blockNumber?: bigint;
}

export type GetProviderReturnType = MarketplaceProvider;

/**
 * A provider's owner, stake, in-flight value, score, unstaking amount and endpoints
 * (`ProviderNotFound` for an unknown id).
 *
 * @example
 * const provider = await getProvider(publicClient, { contracts, providerId: 1 });
 * provider.inFlight <= provider.stake * 10n; // with a 10× multiple
 */
export async function getProvider(
  client: ReadClient,
  parameters: GetProviderParameters,
): Promise<GetProviderReturnType> {
  const provider = await read<Omit<MarketplaceProvider, "providerId"> & { owner: Address }>(client, {
    address: parameters.contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "getProvider",
    args: [parameters.providerId],
    ...(parameters.blockNumber === undefined ? {} : { blockNumber: parameters.blockNumber }),
  });
  return { providerId: parameters.providerId, ...provider };
}
