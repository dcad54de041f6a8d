import { allocationManagerAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";
import type { OperatorSet } from "../../types.ts";

export interface GetCriticalOperatorsParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  operatorSet: OperatorSet;
}

/** Members whose exit alone would make the set insecure (all of them if it already is; none with π = 0). */
export type GetCriticalOperatorsReturnType = readonly Address[];

/**
 * The members of a set whose leaving (their whole allocated value gone) would break α·U ≥ (1 + γ)·π.
 *
 * @example
 * const critical = await getCriticalOperators(publicClient, {
 *   contracts: deployment.contracts, operatorSet: { avs, id: 0 },
 * });
 */
export async function getCriticalOperators(
  client: ReadClient,
  parameters: GetCriticalOperatorsParameters,
): Promise<GetCriticalOperatorsReturnType> {
  return read<readonly Address[]>(client, {
    address: parameters.contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "getCriticalOperators",
    args: [parameters.operatorSet],
  });
}
