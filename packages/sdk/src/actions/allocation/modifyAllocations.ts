import { allocationManagerAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";
import type { OperatorSet } from "../../types.ts";

export interface ModifyAllocationsParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  allocations: readonly {
    operatorSet: OperatorSet;
    strategies: readonly Address[];
    /** Target magnitudes (WAD share of the operator's stake), one per strategy. */
    newMagnitudes: readonly bigint[];
  }[];
}

export type ModifyAllocationsReturnType = TransactionResult;

/**
 * Sets the client account's (an operator's) target magnitudes. Increases take effect after the
 * allocation delay, decreases after the deallocation delay.
 *
 * @example
 * await modifyAllocations(operatorClient, {
 *   contracts: deployment.contracts,
 *   allocations: [{ operatorSet: { avs, id: 0 }, strategies: [strategy], newMagnitudes: [parseEther("0.5")] }],
 * });
 */
export async function modifyAllocations(
  client: WriteClient,
  parameters: ModifyAllocationsParameters,
): Promise<ModifyAllocationsReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "modifyAllocations",
    args: [client.account.address, parameters.allocations],
  });
  return { hash, receipt };
}
