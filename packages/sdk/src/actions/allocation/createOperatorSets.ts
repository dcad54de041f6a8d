import { allocationManagerAbi } from "@palisade/abis";
import { type Address, zeroAddress } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface CreateOperatorSetsParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  sets: readonly {
    id: number;
    /** The one address allowed to slash in the set. */
    slasher: Address;
    /** Where slashed tokens go; default burn (address(0)). */
    redistributionRecipient?: Address;
    strategies: readonly Address[];
  }[];
}

export type CreateOperatorSetsReturnType = TransactionResult;

/**
 * Creates operator sets owned by the client's account (the AVS).
 *
 * @example
 * await createOperatorSets(avsClient, {
 *   contracts: deployment.contracts,
 *   sets: [{ id: 0, slasher: "0x…", strategies: [deployment.strategies.stETH.strategy] }],
 * });
 */
export async function createOperatorSets(
  client: WriteClient,
  parameters: CreateOperatorSetsParameters,
): Promise<CreateOperatorSetsReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "createOperatorSets",
    args: [
      parameters.sets.map((set) => ({
        operatorSetId: set.id,
        slasher: set.slasher,
        redistributionRecipient: set.redistributionRecipient ?? zeroAddress,
        strategies: set.strategies,
      })),
    ],
  });
  return { hash, receipt };
}
