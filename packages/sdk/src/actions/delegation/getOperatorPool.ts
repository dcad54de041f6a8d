import { delegationManagerAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";

export interface GetOperatorPoolParameters {
  contracts: Pick<CoreContracts, "delegationManager">;
  operator: Address;
  strategy: Address;
}

export interface GetOperatorPoolReturnType {
  /** Strategy shares delegated to the operator now (what it can allocate). */
  activeShares: bigint;
  activeUnits: bigint;
  /** Strategy shares in withdrawals queued while delegated to it (still slashable). */
  queuedShares: bigint;
  queuedUnits: bigint;
}

/**
 * Both pools of (operator, strategy).
 *
 * @example
 * const { activeShares } = await getOperatorPool(publicClient, { contracts: deployment.contracts, operator, strategy });
 */
export async function getOperatorPool(
  client: ReadClient,
  parameters: GetOperatorPoolParameters,
): Promise<GetOperatorPoolReturnType> {
  const [activeShares, activeUnits, queuedShares, queuedUnits] = await read<
    readonly [bigint, bigint, bigint, bigint]
  >(client, {
    address: parameters.contracts.delegationManager,
    abi: delegationManagerAbi,
    functionName: "getOperatorPool",
    args: [parameters.operator, parameters.strategy],
  });
  return { activeShares, activeUnits, queuedShares, queuedUnits };
}
