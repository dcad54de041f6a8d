import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";
import { categoryName, type MarketplaceService } from "../../marketplaceTypes.ts";

export interface GetServiceParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  serviceId: number;
}

export type GetServiceReturnType = MarketplaceService;

/**
 * A service's provider, category, fee, endpoint path and schema (`ServiceNotFound` for an unknown id).
 *
 * @example
 * const service = await getService(publicClient, { contracts, serviceId: 1 });
 * service.category; // "address-risk"
 */
export async function getService(
  client: ReadClient,
  parameters: GetServiceParameters,
): Promise<GetServiceReturnType> {
  const service = await read<Omit<MarketplaceService, "serviceId" | "category"> & { category: number }>(
    client,
    {
      address: parameters.contracts.marketplace,
      abi: marketplaceAbi,
      functionName: "getService",
      args: [parameters.serviceId],
    },
  );
  return { serviceId: parameters.serviceId, ...service, category: categoryName(service.category) };
}
