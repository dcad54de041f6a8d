import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";
import type { MarketplaceService, ServiceCategory } from "../../marketplaceTypes.ts";
import { getService } from "./getService.ts";

export interface ListServicesParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  /** Only services of this category. */
  category?: ServiceCategory;
  /** Only services of this provider. */
  providerId?: number;
  /** Only services at or below this fee per call. */
  maxPricePerCall?: bigint;
  /** Include delisted services (default false). */
  includeInactive?: boolean;
  /** First service id to look at (default 1) and how many ids to scan (default all): a page. */
  fromId?: number;
  limit?: number;
}

export interface ListServicesReturnType {
  services: MarketplaceService[];
  /** Services in the catalogue (ids run 1 … total). */
  total: number;
  /** The next `fromId` for the following page, or undefined at the end. */
  nextFromId: number | undefined;
}

/**
 * The service catalogue, filtered by category, provider and price, one page of ids at a time.
 *
 * @example
 * const { services } = await listServices(publicClient, { contracts, category: "phishing", maxPricePerCall: parseEther("0.05") });
 */
export async function listServices(
  client: ReadClient,
  parameters: ListServicesParameters,
): Promise<ListServicesReturnType> {
  const total = await read<number>(client, {
    address: parameters.contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "serviceCount",
  });
  const fromId = Math.max(1, parameters.fromId ?? 1);
  const lastId = Math.min(total, fromId + (parameters.limit ?? total) - 1);
  const ids = Array.from({ length: Math.max(0, lastId - fromId + 1) }, (_, index) => fromId + index);
  const all = await Promise.all(
    ids.map((serviceId) => getService(client, { contracts: parameters.contracts, serviceId })),
  );
  const services = all.filter(
    (service) =>
      (parameters.includeInactive === true || service.active) &&
      (parameters.category === undefined || service.category === parameters.category) &&
      (parameters.providerId === undefined || service.providerId === parameters.providerId) &&
      (parameters.maxPricePerCall === undefined || service.pricePerCall <= parameters.maxPricePerCall),
  );
  return { services, total, nextFromId: lastId < total ? lastId + 1 : undefined };
}
