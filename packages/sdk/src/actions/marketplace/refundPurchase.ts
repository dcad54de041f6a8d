import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface RefundPurchaseParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  purchaseId: bigint;
}

export interface RefundPurchaseReturnType extends TransactionResult {
  /** Unused calls refunded. */
  calls: number;
  /** Utility tokens returned to the consumer. */
  amount: bigint;
}

/**
 * Returns the escrow of a purchase's unclaimed calls to its consumer and closes it. Anyone may call it
 * once `expiry + refundGrace` has passed (the grace lets the provider claim what it served);
 * `RefundNotYetAvailable` carries the time it opens.
 *
 * @example
 * const { amount } = await refundPurchase(walletClient, { contracts, purchaseId: 7n });
 */
export async function refundPurchase(
  client: WriteClient,
  parameters: RefundPurchaseParameters,
): Promise<RefundPurchaseReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "refund",
    args: [parameters.purchaseId],
  });
  const { calls, amount } = eventArgs<{ calls: number; amount: bigint }>(receipt, {
    abi: marketplaceAbi,
    eventName: "Refunded",
    address: parameters.contracts.marketplace,
  });
  return { hash, receipt, calls, amount };
}
