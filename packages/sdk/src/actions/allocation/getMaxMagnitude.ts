import { allocationManagerAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";

export interface GetMaxMagnitudeParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  operator: Address;
  strategy: Address;
}

/** WAD: 1e18 until the operator is first slashed in the strategy, then lower. */
export type GetMaxMagnitudeReturnType = bigint;

/**
 * An operator's max magnitude in a strategy: the magnitude standing for all its delegated stake.
 *
 * @example
 * const max = await getMaxMagnitude(publicClient, { contracts: deployment.contracts, operator, strategy });
 */
export async function getMaxMagnitude(
  client: ReadClient,
  parameters: GetMaxMagnitudeParameters,
): Promise<GetMaxMagnitudeReturnType> {
  return read<bigint>(client, {
    address: parameters.contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "getMaxMagnitude",
    args: [parameters.operator, parameters.strategy],
  });
}
