import { allocationManagerAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";

export interface GetAllocatableMagnitudeParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  operator: Address;
  strategy: Address;
}

/** WAD magnitude the operator may still allocate in the strategy. */
export type GetAllocatableMagnitudeReturnType = bigint;

/**
 * Max magnitude minus encumbered magnitude (allocated plus pending increases), counting decreases
 * that are due as already freed even before clearDeallocationQueue applies them.
 *
 * @example
 * const free = await getAllocatableMagnitude(publicClient, { contracts: deployment.contracts, operator, strategy });
 */
export async function getAllocatableMagnitude(
  client: ReadClient,
  parameters: GetAllocatableMagnitudeParameters,
): Promise<GetAllocatableMagnitudeReturnType> {
  return read<bigint>(client, {
    address: parameters.contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "getAllocatableMagnitude",
    args: [parameters.operator, parameters.strategy],
  });
}
