import { rewardsCoordinatorAbi } from "@palisade/abis";
import { type Address, parseEventLogs } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface ClaimRewardsParameters {
  contracts: Pick<CoreContracts, "rewardsCoordinator">;
  token: Address;
  /** Strategies to settle before paying. */
  strategies: readonly Address[];
  /** Default: the client's account. */
  recipient?: Address;
}

export interface ClaimRewardsReturnType extends TransactionResult {
  /** Tokens paid. */
  amount: bigint;
}

/**
 * Claims everything the client's account earned in `token` (as staker and as operator).
 *
 * @example
 * const { amount } = await claimRewards(stakerClient, { contracts: deployment.contracts, token, strategies: [strategy] });
 */
export async function claimRewards(
  client: WriteClient,
  parameters: ClaimRewardsParameters,
): Promise<ClaimRewardsReturnType> {
  const address = parameters.contracts.rewardsCoordinator;
  const { hash, receipt } = await execute(client, {
    address,
    abi: rewardsCoordinatorAbi,
    functionName: "claim",
    args: [parameters.token, parameters.strategies, parameters.recipient ?? client.account.address],
  });
  // Nothing earned: the coordinator pays nothing and emits no RewardsClaimed.
  const claimed = parseEventLogs({
    abi: rewardsCoordinatorAbi,
    eventName: "RewardsClaimed",
    logs: receipt.logs,
  });
  const amount = claimed.reduce((sum, log) => sum + log.args.amount, 0n);
  return { hash, receipt, amount };
}
