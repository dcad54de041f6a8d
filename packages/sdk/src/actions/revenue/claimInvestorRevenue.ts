import { revenueDistributorAbi } from "@palisade/abis";
import { isAddressEqual, parseEventLogs } from "viem";
import type { GovernanceDeployment } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface ClaimInvestorRevenueParameters {
  governance: Pick<GovernanceDeployment, "revenueDistributor">;
  /** Settled epochs to claim (see getInvestorRevenue); each can be claimed once per account. */
  epochs: readonly number[];
}

export interface ClaimInvestorRevenueReturnType extends TransactionResult {
  /** PAL paid in all. */
  amount: bigint;
  /** PAL per epoch, from the InvestorClaimed events. */
  epochs: { epoch: number; amount: bigint }[];
}

/**
 * Claims the client account's investor share of settled RevenueDistributor epochs (paid in PAL).
 * An epoch already claimed reverts with AlreadyClaimed; an unknown one with UnknownEpoch.
 *
 * @example
 * const { claimable } = await getInvestorRevenue(publicClient, { governance, investor: account.address });
 * const { amount } = await claimInvestorRevenue(walletClient, {
 *   governance, epochs: claimable.map((entry) => entry.epoch),
 * });
 */
export async function claimInvestorRevenue(
  client: WriteClient,
  parameters: ClaimInvestorRevenueParameters,
): Promise<ClaimInvestorRevenueReturnType> {
  const address = parameters.governance.revenueDistributor;
  const { hash, receipt } = await execute(client, {
    address,
    abi: revenueDistributorAbi,
    functionName: "claimInvestor",
    args: [parameters.epochs.map(BigInt)],
  });
  const epochs = parseEventLogs({
    abi: revenueDistributorAbi,
    eventName: "InvestorClaimed",
    logs: receipt.logs,
  })
    .filter((log) => isAddressEqual(log.address, address))
    .map((log) => ({ epoch: Number(log.args.epoch), amount: log.args.amount }));
  return { hash, receipt, amount: epochs.reduce((sum, entry) => sum + entry.amount, 0n), epochs };
}
