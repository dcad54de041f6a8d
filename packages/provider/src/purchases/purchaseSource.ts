import type { Address } from "viem";

/** A purchase as `IMarketplace.getPurchase` returns it. */
export interface Purchase {
  consumer: Address;
  providerId: number;
  serviceId: number;
  /** Calls bought (uint32). */
  calls: number;
  /** uint96, in utility-token wei. */
  pricePerCall: bigint;
  /** Unix seconds (uint40). */
  expiry: number;
  /** Calls claimed on-chain so far (uint32). */
  served: number;
  refunded: boolean;
}

/**
 * Where the guard reads purchases and session keys. Implementations may cache, but must never
 * report a purchase less refunded or less served than the chain does for longer than their event lag,
 * and must not remember "not found" forever (a purchase may be mined a block later).
 */
export interface PurchaseSource {
  /** The purchase, or undefined when there is none with this id. */
  getPurchase(purchaseId: bigint): Promise<Purchase | undefined>;
  /** `IMarketplace.sessionKeyValidUntil`: Unix seconds until which `key` may sign for `consumer` (0: never). */
  sessionKeyValidUntil(consumer: Address, key: Address): Promise<number>;
}
