import { marketplaceAbi } from "@palisade/abis";
import type { Address, TransactionReceipt } from "viem";
import { getBlock } from "viem/actions";
import type { MarketplacePurchase } from "../marketplaceTypes.ts";
import { eventArgs } from "./events.ts";
import { read } from "./read.ts";
import type { ReadClient } from "./types.ts";

/** Default validity of a purchase: one day past the latest block. */
export const DEFAULT_PURCHASE_SECONDS = 86_400;

/**
 * The price cap and expiry of a purchase: the caller's, else the service's current fee and the latest
 * block's time + one day.
 */
export async function purchaseTerms(
  client: ReadClient,
  parameters: { marketplace: Address; serviceId: number; maxPricePerCall?: bigint; expiry?: number },
): Promise<{ maxPricePerCall: bigint; expiry: number }> {
  const [maxPricePerCall, expiry] = await Promise.all([
    parameters.maxPricePerCall ??
      read<{ pricePerCall: bigint }>(client, {
        address: parameters.marketplace,
        abi: marketplaceAbi,
        functionName: "getService",
        args: [parameters.serviceId],
      }).then((service) => service.pricePerCall),
    parameters.expiry ??
      getBlock(client, { blockTag: "latest" }).then(
        (block) => Number(block.timestamp) + DEFAULT_PURCHASE_SECONDS,
      ),
  ]);
  return { maxPricePerCall, expiry };
}

/** The purchase a `PurchaseConfirmed` event in the receipt announces. */
export function confirmedPurchase(receipt: TransactionReceipt, marketplace: Address): MarketplacePurchase {
  const args = eventArgs<Omit<MarketplacePurchase, "served" | "refunded">>(receipt, {
    abi: marketplaceAbi,
    eventName: "PurchaseConfirmed",
    address: marketplace,
  });
  return { ...args, served: 0, refunded: false };
}
