import { rewardsCoordinatorAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface CheckpointOperatorParameters {
  contracts: Pick<CoreContracts, "rewardsCoordinator">;
  operator: Address;
  strategy: Address;
}

/** The coordinator emits no event for a checkpoint: read its effect with getStream or getClaimable. */
export type CheckpointOperatorReturnType = TransactionResult;

/**
 * Settles an operator's earnings in every funded set for `strategy` and refreshes its cached
 * weights. Permissionless: call it when a pending allocation has become effective, since the
 * coordinator only learns of stake changes at checkpoints.
 *
 * @example
 * await checkpointOperator(anyClient, { contracts: deployment.contracts, operator, strategy });
 */
export async function checkpointOperator(
  client: WriteClient,
  parameters: CheckpointOperatorParameters,
): Promise<CheckpointOperatorReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.rewardsCoordinator,
    abi: rewardsCoordinatorAbi,
    functionName: "checkpointOperator",
    args: [parameters.operator, parameters.strategy],
  });
  return { hash, receipt };
}
