import { operatorRegistryAbi } from "@palisade/abis";
import { type Address, isAddressEqual, parseEventLogs } from "viem";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface UpdateOperatorStakesParameters {
  operatorRegistry: Address;
  operators: readonly Address[];
}

export interface UpdateOperatorStakesReturnType extends TransactionResult {
  /** The stakes that moved (value units), from OperatorStakeUpdated; operators whose stake is unchanged are absent. */
  updated: { operator: Address; previous: bigint; current: bigint }[];
}

/**
 * Records operators' current allocated stake in Palisade's OperatorRegistry (`updateStakes`, callable
 * by anyone). Certificates weigh signers by the registry's stake at their reference block, so an
 * allocation change counts there once it is in force and recorded. Unregistered operators are skipped.
 *
 * @example
 * const { updated } = await updateOperatorStakes(walletClient, {
 *   operatorRegistry: deployment.avs.operatorRegistry, operators: [operator],
 * });
 */
export async function updateOperatorStakes(
  client: WriteClient,
  parameters: UpdateOperatorStakesParameters,
): Promise<UpdateOperatorStakesReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.operatorRegistry,
    abi: operatorRegistryAbi,
    functionName: "updateStakes",
    args: [parameters.operators],
  });
  const updated = parseEventLogs({
    abi: operatorRegistryAbi,
    eventName: "OperatorStakeUpdated",
    logs: receipt.logs,
  })
    .filter((log) => isAddressEqual(log.address, parameters.operatorRegistry))
    .map((log) => ({ operator: log.args.operator, previous: log.args.previous, current: log.args.current }));
  return { hash, receipt, updated };
}
