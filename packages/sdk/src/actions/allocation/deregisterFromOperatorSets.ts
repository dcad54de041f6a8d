import { allocationManagerAbi } from "@palisade/abis";
import { type Address, isAddressEqual, parseEventLogs } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface DeregisterFromOperatorSetsParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  /** The AVS owning the sets. */
  avs: Address;
  operatorSetIds: readonly number[];
  /** The operator to remove. Default: the client's account (an operator leaving); the AVS may remove any. */
  operator?: Address;
}

export interface DeregisterFromOperatorSetsReturnType extends TransactionResult {
  /** Per set left, in the order given: the first block at which the operator is no longer slashable there. */
  slashableUntilBlocks: readonly number[];
  /** The AVS's deregistration hook failed or ran out of gas (the exit went ahead regardless). */
  hookFailed: boolean;
}

/**
 * Removes an operator from operator sets of `avs`, called by the operator or by the AVS. The
 * operator stays slashable in each set for the deallocation delay.
 *
 * @example
 * const { slashableUntilBlocks } = await deregisterFromOperatorSets(operatorClient, {
 *   contracts: deployment.contracts, avs, operatorSetIds: [0],
 * });
 */
export async function deregisterFromOperatorSets(
  client: WriteClient,
  parameters: DeregisterFromOperatorSetsParameters,
): Promise<DeregisterFromOperatorSetsReturnType> {
  const address = parameters.contracts.allocationManager;
  const { hash, receipt } = await execute(client, {
    address,
    abi: allocationManagerAbi,
    functionName: "deregisterFromOperatorSets",
    args: [
      {
        operator: parameters.operator ?? client.account.address,
        avs: parameters.avs,
        operatorSetIds: parameters.operatorSetIds,
      },
    ],
  });
  const logs = parseEventLogs({ abi: allocationManagerAbi, logs: receipt.logs }).filter((log) =>
    isAddressEqual(log.address, address),
  );
  const slashableUntilBlocks = logs.flatMap((log) =>
    log.eventName === "OperatorRemovedFromOperatorSet" ? [log.args.slashableUntilBlock] : [],
  );
  const hookFailed = logs.some((log) => log.eventName === "DeregistrationHookFailed");
  return { hash, receipt, slashableUntilBlocks, hookFailed };
}
