import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface CompleteUnstakeParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  providerId: number;
}

export interface CompleteUnstakeReturnType extends TransactionResult {
  /** Utility tokens sent to the provider's owner. */
  amount: bigint;
}

/**
 * Withdraws a provider's unstaking amount once the unstake delay has passed (`UnstakeNotReady`
 * before; the error carries the time it becomes available).
 *
 * @example
 * const { amount } = await completeUnstake(walletClient, { contracts, providerId: 1 });
 */
export async function completeUnstake(
  client: WriteClient,
  parameters: CompleteUnstakeParameters,
): Promise<CompleteUnstakeReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "completeUnstake",
    args: [parameters.providerId],
  });
  const { amount } = eventArgs<{ amount: bigint }>(receipt, {
    abi: marketplaceAbi,
    eventName: "UnstakeCompleted",
    address: parameters.contracts.marketplace,
  });
  return { hash, receipt, amount };
}
