import { mockLstAbi, rewardsCoordinatorAbi } from "@palisade/abis";
import type { Address, Hash, Hex } from "viem";
import { readContract } from "viem/actions";
import type { CoreContracts } from "../../deployment.ts";
import { InsufficientAllowanceError, InsufficientBalanceError } from "../../errors/token.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";
import type { OperatorSet } from "../../types.ts";

export interface CreateRewardsSubmissionParameters {
  contracts: Pick<CoreContracts, "rewardsCoordinator">;
  operatorSet: OperatorSet;
  strategy: Address;
  /** Reward token, pulled from the client's account. */
  token: Address;
  amount: bigint;
  /** Seconds over which `amount` streams. */
  duration: number;
  /** Approve the RewardsCoordinator for `amount` when the allowance is short (default true). */
  approve?: boolean;
}

export interface CreateRewardsSubmissionReturnType extends TransactionResult {
  streamId: Hex;
  approvalHash: Hash | undefined;
}

/**
 * Funds (or tops up) a rewards stream of an operator set the client's account owns.
 *
 * @example
 * await createRewardsSubmission(avsClient, {
 *   contracts: deployment.contracts, operatorSet: { avs, id: 0 }, strategy, token,
 *   amount: parseEther("100"), duration: 86_400,
 * });
 */
export async function createRewardsSubmission(
  client: WriteClient,
  parameters: CreateRewardsSubmissionParameters,
): Promise<CreateRewardsSubmissionReturnType> {
  const { contracts, token, amount } = parameters;
  const owner = client.account.address;
  const spender = contracts.rewardsCoordinator;
  const [balance, allowance] = await Promise.all([
    readContract(client, { address: token, abi: mockLstAbi, functionName: "balanceOf", args: [owner] }),
    readContract(client, {
      address: token,
      abi: mockLstAbi,
      functionName: "allowance",
      args: [owner, spender],
    }),
  ]);
  if (balance < amount) throw new InsufficientBalanceError(token, owner, balance, amount);
  let approvalHash: Hash | undefined;
  if (allowance < amount) {
    if (parameters.approve === false)
      throw new InsufficientAllowanceError(token, owner, spender, allowance, amount);
    approvalHash = (
      await execute(client, {
        address: token,
        abi: mockLstAbi,
        functionName: "approve",
        args: [spender, amount],
      })
    ).hash;
  }
  const { hash, receipt } = await execute(client, {
    address: spender,
    abi: rewardsCoordinatorAbi,
    functionName: "createRewardsSubmission",
    args: [
      {
        operatorSet: parameters.operatorSet,
        strategy: parameters.strategy,
        token,
        amount,
        duration: parameters.duration,
      },
    ],
  });
  const { streamId } = eventArgs<{ streamId: Hex }>(receipt, {
    abi: rewardsCoordinatorAbi,
    eventName: "RewardsSubmissionCreated",
    address: spender,
  });
  return { hash, receipt, streamId, approvalHash };
}
