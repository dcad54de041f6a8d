import { allocationManagerAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";
import type { OperatorSet } from "../../types.ts";

export interface GetAllocatedStakeParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  operatorSet: OperatorSet;
  operators: readonly Address[];
  strategies: readonly Address[];
}

/** `[i][j]`: strategy shares of `operators[i]` slashable in the set for `strategies[j]`. */
export type GetAllocatedStakeReturnType = readonly (readonly bigint[])[];

/**
 * Slashable stake now: `operatorShares × currentMagnitude / maxMagnitude` per operator and strategy.
 *
 * @example
 * const [[stake]] = await getAllocatedStake(publicClient, {
 *   contracts: deployment.contracts, operatorSet: { avs, id: 0 }, operators: [operator], strategies: [strategy],
 * });
 */
export function getAllocatedStake(
  client: ReadClient,
  parameters: GetAllocatedStakeParameters,
): Promise<GetAllocatedStakeReturnType> {
  return read<GetAllocatedStakeReturnType>(client, {
    address: parameters.contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "getAllocatedStake",
    args: [parameters.operatorSet, parameters.operators, parameters.strategies],
  });
}
