import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";
import type { MarketplacePurchase } from "../../marketplaceTypes.ts";

export interface GetPurchaseParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  purchaseId: bigint;
}

export type GetPurchaseReturnType = MarketplacePurchase;

/**
 * A purchase's consumer, provider, service, calls, locked price, expiry, served calls and refund state
 * (`PurchaseNotFound` for an unknown id).
 *
 * @example
 * const purchase = await getPurchase(publicClient, { contracts, purchaseId: 7n });
 * const remaining = purchase.calls - purchase.served;
 */
export async function getPurchase(
  client: ReadClient,
  parameters: GetPurchaseParameters,
): Promise<GetPurchaseReturnType> {
  const purchase = await read<Omit<MarketplacePurchase, "purchaseId">>(client, {
    address: parameters.contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "getPurchase",
    args: [parameters.purchaseId],
  });
  return { purchaseId: parameters.purchaseId, ...purchase };
}
