import { allocationManagerAbi } from "@palisade/abis";
import { type Address, isAddressEqual, parseEventLogs } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface ClearDeallocationQueueParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  operator: Address;
  strategies: readonly Address[];
  /** Per strategy, the most due decreases to apply (oldest first). */
  numToClear: readonly number[];
}

export interface ClearDeallocationQueueReturnType extends TransactionResult {
  /**
   * Strategies whose encumbered magnitude went down, with the new value. Empty when no decrease
   * was due yet (the call then changes nothing).
   */
  freed: readonly { strategy: Address; encumberedMagnitude: bigint }[];
}

/**
 * Applies an operator's due allocation decreases, returning their magnitude to the allocatable
 * pool. Permissionless.
 *
 * @example
 * const { freed } = await clearDeallocationQueue(anyClient, {
 *   contracts: deployment.contracts, operator, strategies: [strategy], numToClear: [10],
 * });
 */
export async function clearDeallocationQueue(
  client: WriteClient,
  parameters: ClearDeallocationQueueParameters,
): Promise<ClearDeallocationQueueReturnType> {
  const address = parameters.contracts.allocationManager;
  const { hash, receipt } = await execute(client, {
    address,
    abi: allocationManagerAbi,
    functionName: "clearDeallocationQueue",
    args: [parameters.operator, parameters.strategies, parameters.numToClear],
  });
  const freed = parseEventLogs({
    abi: allocationManagerAbi,
    eventName: "EncumberedMagnitudeUpdated",
    logs: receipt.logs,
  })
    .filter((log) => isAddressEqual(log.address, address))
    .map((log) => ({ strategy: log.args.strategy, encumberedMagnitude: log.args.encumberedMagnitude }));
  return { hash, receipt, freed };
}
