import { allocationManagerAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface SetStrategyValueWeightsParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  /** A set owned by the client's account (the AVS). */
  operatorSetId: number;
  strategies: readonly Address[];
  /** Value units per underlying token of `strategies[i]` (WAD, at most 1e36; the default is 1e18). */
  weights: readonly bigint[];
}

export type SetStrategyValueWeightsReturnType = TransactionResult;

/**
 * Sets how much each strategy's underlying token counts toward an operator set's allocated value U.
 *
 * @example
 * await setStrategyValueWeights(avsClient, {
 *   contracts: deployment.contracts, operatorSetId: 0,
 *   strategies: [stETHStrategy, rETHStrategy], weights: [WAD, parseEther("1.1")],
 * });
 */
export async function setStrategyValueWeights(
  client: WriteClient,
  parameters: SetStrategyValueWeightsParameters,
): Promise<SetStrategyValueWeightsReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "setStrategyValueWeights",
    args: [parameters.operatorSetId, parameters.strategies, parameters.weights],
  });
  return { hash, receipt };
}
