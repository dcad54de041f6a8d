import { allocationManagerAbi } from "@palisade/abis";
import type { CoreContracts } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";
import type { OperatorSet } from "../../types.ts";

export interface GetEconomicSecurityParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  operatorSet: OperatorSet;
}

export interface GetEconomicSecurityReturnType {
  /** U: allocated value over all members. */
  allocatedValue: bigint;
  /** α·U. */
  costOfCorruption: bigint;
  /** (1 + γ)·π. */
  requiredCost: bigint;
  /** α·U ≥ (1 + γ)·π. */
  secure: boolean;
}

/**
 * The robust-restaking check of an operator set.
 *
 * @example
 * const { secure } = await getEconomicSecurity(publicClient, { contracts: deployment.contracts, operatorSet: { avs, id: 0 } });
 */
export async function getEconomicSecurity(
  client: ReadClient,
  parameters: GetEconomicSecurityParameters,
): Promise<GetEconomicSecurityReturnType> {
  const [allocatedValue, costOfCorruption, requiredCost, secure] = await read<
    readonly [bigint, bigint, bigint, boolean]
  >(client, {
    address: parameters.contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "getEconomicSecurity",
    args: [parameters.operatorSet],
  });
  return { allocatedValue, costOfCorruption, requiredCost, secure };
}
