import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

/** Released tranches withdrawn per transaction by default (bounds the gas of one call). */
const DEFAULT_MAX_TRANCHES = 100n;

export interface WithdrawFeesParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  providerId: number;
  /** At most this many released tranches (default 100). */
  maxTranches?: bigint;
}

export interface WithdrawFeesReturnType extends TransactionResult {
  /** Utility tokens sent to the provider's owner. */
  amount: bigint;
}

/**
 * Withdraws a provider's released fees (tranches whose release time has passed, in order) to its
 * owner. `NothingToWithdraw` when none is released yet; `getPendingFees` tells what is pending.
 *
 * @example
 * const { amount } = await withdrawFees(walletClient, { contracts, providerId: 1 });
 */
export async function withdrawFees(
  client: WriteClient,
  parameters: WithdrawFeesParameters,
): Promise<WithdrawFeesReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "withdrawFees",
    args: [parameters.providerId, parameters.maxTranches ?? DEFAULT_MAX_TRANCHES],
  });
  const { amount } = eventArgs<{ amount: bigint }>(receipt, {
    abi: marketplaceAbi,
    eventName: "FeesWithdrawn",
    address: parameters.contracts.marketplace,
  });
  return { hash, receipt, amount };
}
