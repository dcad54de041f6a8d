import { delegationManagerAbi } from "@palisade/abis";
import type { Address, Hex } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface QueueWithdrawalParameters {
  contracts: Pick<CoreContracts, "delegationManager">;
  /** Strategy shares (current value) to withdraw from each strategy. */
  entries: readonly { strategy: Address; shares: bigint }[];
}

export interface QueueWithdrawalReturnType extends TransactionResult {
  root: Hex;
}

/**
 * Queues a withdrawal; it completes after the withdrawal delay and stays slashable until then.
 *
 * @example
 * const { root } = await queueWithdrawal(stakerClient, {
 *   contracts: deployment.contracts,
 *   entries: [{ strategy, shares: parseEther("1") }],
 * });
 */
export async function queueWithdrawal(
  client: WriteClient,
  parameters: QueueWithdrawalParameters,
): Promise<QueueWithdrawalReturnType> {
  const address = parameters.contracts.delegationManager;
  const { hash, receipt } = await execute(client, {
    address,
    abi: delegationManagerAbi,
    functionName: "queueWithdrawal",
    args: [
      parameters.entries.map((entry) => entry.strategy),
      parameters.entries.map((entry) => entry.shares),
    ],
  });
  const { root } = eventArgs<{ root: Hex }>(receipt, {
    abi: delegationManagerAbi,
    eventName: "WithdrawalQueued",
    address,
  });
  return { hash, receipt, root };
}
