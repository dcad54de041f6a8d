import { rewardsCoordinatorAbi } from "@palisade/abis";
import type { Address } from "viem";
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
  const { hash, receipt, result } = await execute<bigint>(client, {
    address: parameters.contracts.rewardsCoordinator,
    abi: rewardsCoordinatorAbi,
    functionName: "claim",
    args: [parameters.token, parameters.strategies, parameters.recipient ?? client.account.address],
  });
  return { hash, receipt, amount: result };
}
