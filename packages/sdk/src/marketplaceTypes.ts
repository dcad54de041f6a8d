import type { Address } from "viem";

/**
 * Service categories in the order of `IMarketplace.Category`: the seven stages of the cyber kill
 * chain, then the check types.
 */
export const serviceCategories = [
  "reconnaissance",
  "weaponization",
  "delivery",
  "exploitation",
  "installation",
  "command-and-control",
  "actions-on-objectives",
  "address-risk",
  "token-risk",
  "phishing",
  "transaction",
  "monitoring",
] as const;

export type ServiceCategory = (typeof serviceCategories)[number];

/** The on-chain enum value of a category name. */
export function categoryIndex(category: ServiceCategory): number {
  return serviceCategories.indexOf(category);
}

/** The category name of an on-chain enum value (throws RangeError for an unknown value). */
export function categoryName(index: number): ServiceCategory {
  const name = serviceCategories[index];
  if (name === undefined) throw new RangeError(`unknown service category ${index}`);
  return name;
}

export interface MarketplaceProvider {
  providerId: number;
  owner: Address;
  /** Active stake: slashable and counted for the in-flight cap. */
  stake: bigint;
  /** Escrow of calls bought and neither claimed nor refunded. */
  inFlight: bigint;
  score: bigint;
  /** Requested for withdrawal, still slashable until `unstakeAvailableAt`. */
  unstaking: bigint;
  unstakeAvailableAt: number;
  serviceCount: number;
  metadataURI: string;
  endpoint: string;
}

export interface MarketplaceService {
  serviceId: number;
  providerId: number;
  category: ServiceCategory;
  active: boolean;
  pricePerCall: bigint;
  endpointPath: string;
  schemaRef: string;
}

export interface MarketplacePurchase {
  purchaseId: bigint;
  consumer: Address;
  providerId: number;
  serviceId: number;
  calls: number;
  pricePerCall: bigint;
  /** Unix seconds. */
  expiry: number;
  /** Calls claimed by the provider so far. */
  served: number;
  refunded: boolean;
}
