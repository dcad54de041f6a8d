import { rewardsCoordinatorAbi } from "@palisade/abis";
import type { CoreContracts } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";
import type { OperatorSet } from "../../types.ts";

export interface SetOperatorCommissionParameters {
  contracts: Pick<CoreContracts, "rewardsCoordinator">;
  operatorSet: OperatorSet;
  /** Commission in basis points, 0 to 10 000 (10 000: the operator keeps everything). */
  bips: number;
}

export interface SetOperatorCommissionReturnType extends TransactionResult {
  /** The commission now in force, as recorded by the coordinator. */
  bips: number;
}

/**
 * Sets the client's account's (an operator's) commission in an operator set. Earnings up to this
 * block are settled at the old rate first.
 *
 * @example
 * await setOperatorCommission(operatorClient, {
 *   contracts: deployment.contracts, operatorSet: { avs, id: 0 }, bips: 1_000, // 10 %
 * });
 */
export async function setOperatorCommission(
  client: WriteClient,
  parameters: SetOperatorCommissionParameters,
): Promise<SetOperatorCommissionReturnType> {
  const address = parameters.contracts.rewardsCoordinator;
  const { hash, receipt } = await execute(client, {
    address,
    abi: rewardsCoordinatorAbi,
    functionName: "setOperatorCommission",
    args: [parameters.operatorSet, parameters.bips],
  });
  const { bips } = eventArgs<{ bips: number }>(receipt, {
    abi: rewardsCoordinatorAbi,
    eventName: "OperatorCommissionSet",
    address,
  });
  return { hash, receipt, bips };
}
