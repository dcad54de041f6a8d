import { allocationManagerAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";
import type { OperatorSet } from "../../types.ts";

export interface GetOperatorSetMembersParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  operatorSet: OperatorSet;
}

export type GetOperatorSetMembersReturnType = readonly Address[];

/**
 * The operators registered in a set.
 *
 * @example
 * const members = await getOperatorSetMembers(publicClient, { contracts: deployment.contracts, operatorSet: { avs, id: 0 } });
 */
export function getOperatorSetMembers(
  client: ReadClient,
  parameters: GetOperatorSetMembersParameters,
): Promise<GetOperatorSetMembersReturnType> {
  return read<GetOperatorSetMembersReturnType>(client, {
    address: parameters.contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "getMembers",
    args: [parameters.operatorSet],
  });
}
