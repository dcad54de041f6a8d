import { allocationManagerAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";
import type { OperatorSet } from "../../types.ts";

export interface GetAllocationParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  operator: Address;
  operatorSet: OperatorSet;
  strategy: Address;
}

export interface GetAllocationReturnType {
  /** Magnitude in force now (WAD share of the operator's max magnitude). */
  currentMagnitude: bigint;
  /** Pending change (positive: increase) and the block it takes effect; 0 when none. */
  pendingDiff: bigint;
  effectBlock: number;
  /** The operator's max magnitude in the strategy (1e18 until slashed). */
  maxMagnitude: bigint;
}

/**
 * An operator's allocation to a set in one strategy, with its pending change.
 *
 * @example
 * const { currentMagnitude } = await getAllocation(publicClient, {
 *   contracts: deployment.contracts, operator, operatorSet: { avs, id: 0 }, strategy,
 * });
 */
export async function getAllocation(
  client: ReadClient,
  parameters: GetAllocationParameters,
): Promise<GetAllocationReturnType> {
  const address = parameters.contracts.allocationManager;
  const [allocation, maxMagnitude] = await Promise.all([
    read<{ currentMagnitude: bigint; pendingDiff: bigint; effectBlock: number }>(client, {
      address,
      abi: allocationManagerAbi,
      functionName: "getAllocation",
      args: [parameters.operator, parameters.operatorSet, parameters.strategy],
    }),
    read<bigint>(client, {
      address,
      abi: allocationManagerAbi,
      functionName: "getMaxMagnitude",
      args: [parameters.operator, parameters.strategy],
    }),
  ]);
  return {
    currentMagnitude: allocation.currentMagnitude,
    pendingDiff: allocation.pendingDiff,
    effectBlock: allocation.effectBlock,
    maxMagnitude,
  };
}
