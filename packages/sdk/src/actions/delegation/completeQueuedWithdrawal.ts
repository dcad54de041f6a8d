import { delegationManagerAbi } from "@palisade/abis";
import type { Hex } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface CompleteQueuedWithdrawalParameters {
  contracts: Pick<CoreContracts, "delegationManager">;
  root: Hex;
  /** Receive tokens (default) or shares back into a position (the path to redelegate). */
  receiveAsTokens?: boolean;
}

export interface CompleteQueuedWithdrawalReturnType extends TransactionResult {
  /** Strategy shares per entry, after any slashing while queued. */
  shares: readonly bigint[];
}

/**
 * Completes the client account's queued withdrawal once its delay has passed.
 *
 * @example
 * await completeQueuedWithdrawal(stakerClient, { contracts: deployment.contracts, root });
 */
export async function completeQueuedWithdrawal(
  client: WriteClient,
  parameters: CompleteQueuedWithdrawalParameters,
): Promise<CompleteQueuedWithdrawalReturnType> {
  const address = parameters.contracts.delegationManager;
  const { hash, receipt } = await execute(client, {
    address,
    abi: delegationManagerAbi,
    functionName: "completeQueuedWithdrawal",
    args: [parameters.root, parameters.receiveAsTokens ?? true],
  });
  const { shares } = eventArgs<{ shares: readonly bigint[] }>(receipt, {
    abi: delegationManagerAbi,
    eventName: "WithdrawalCompleted",
    address,
  });
  return { hash, receipt, shares };
}
