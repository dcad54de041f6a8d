import type { Address } from "viem";
import type { Purchase, PurchaseSource } from "./purchaseSource.ts";

export interface StaticSessionKey {
  consumer: Address;
  key: Address;
  /** Unix seconds. */
  validUntil: number;
}

export interface CreateStaticPurchaseSourceParameters {
  purchases: Iterable<readonly [bigint, Purchase]>;
  sessionKeys?: Iterable<StaticSessionKey>;
}

/** A PurchaseSource held in memory, changed only by its setters. */
export interface StaticPurchaseSource extends PurchaseSource {
  setPurchase(purchaseId: bigint, purchase: Purchase): void;
  deletePurchase(purchaseId: bigint): void;
  setSessionKey(sessionKey: StaticSessionKey): void;
}

const pairKey = (consumer: string, key: string) => `${consumer.toLowerCase()}:${key.toLowerCase()}`;

/**
 * FOR BENCHES AND TESTS WITHOUT A CHAIN: purchases and session keys given up front (and changed only
 * through the setters). It never learns of purchases, refunds, claims or session keys made on-chain,
 * so a provider serving real consumers must use `createChainPurchaseSource`.
 *
 * @example
 * const purchases = createStaticPurchaseSource({
 *   purchases: [[1n, { consumer, providerId: 7, serviceId: 1, calls: 1_000_000, pricePerCall: 10n, expiry: 2_000_000_000, served: 0, refunded: false }]],
 * });
 */
export function createStaticPurchaseSource(
  parameters: CreateStaticPurchaseSourceParameters,
): StaticPurchaseSource {
  const purchases = new Map<bigint, Purchase>();
  const sessionKeys = new Map<string, number>();
  for (const [purchaseId, purchase] of parameters.purchases) purchases.set(purchaseId, { ...purchase });
  for (const { consumer, key, validUntil } of parameters.sessionKeys ?? [])
    sessionKeys.set(pairKey(consumer, key), validUntil);
  return {
    async getPurchase(purchaseId) {
      const purchase = purchases.get(purchaseId);
      // A copy: the guard cannot change the source, nor the source a purchase already handed out.
      return purchase ? { ...purchase } : undefined;
    },
    async sessionKeyValidUntil(consumer, key) {
      return sessionKeys.get(pairKey(consumer, key)) ?? 0;
    },
    setPurchase(purchaseId, purchase) {
      purchases.set(purchaseId, { ...purchase });
    },
    deletePurchase(purchaseId) {
      purchases.delete(purchaseId);
    },
    setSessionKey({ consumer, key, validUntil }) {
      sessionKeys.set(pairKey(consumer, key), validUntil);
    },
  };
}
