import { allocationManagerAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface SlashOperatorParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  /** The AVS owning the operator set. */
  avs: Address;
  operator: Address;
  operatorSetId: number;
  strategies: readonly Address[];
  /** Fraction (WAD, in (0, 1e18]) of the set's current allocation to slash, per strategy. */
  wadsToSlash: readonly bigint[];
  description: string;
}

export interface SlashOperatorReturnType extends TransactionResult {
  slashId: bigint;
  /** Strategy shares removed per strategy (active and queued pools together). */
  sharesSlashed: readonly bigint[];
}

/**
 * Slashes an operator in a set; the client's account must be the set's slasher.
 *
 * @example
 * const { sharesSlashed } = await slashOperator(slasherClient, {
 *   contracts: deployment.contracts, avs, operator, operatorSetId: 0,
 *   strategies: [strategy], wadsToSlash: [parseEther("0.5")], description: "double signing",
 * });
 */
export async function slashOperator(
  client: WriteClient,
  parameters: SlashOperatorParameters,
): Promise<SlashOperatorReturnType> {
  const address = parameters.contracts.allocationManager;
  const { hash, receipt } = await execute(client, {
    address,
    abi: allocationManagerAbi,
    functionName: "slashOperator",
    args: [
      parameters.avs,
      {
        operator: parameters.operator,
        operatorSetId: parameters.operatorSetId,
        strategies: parameters.strategies,
        wadsToSlash: parameters.wadsToSlash,
        description: parameters.description,
      },
    ],
  });
  const { slashId, sharesSlashed } = eventArgs<{ slashId: bigint; sharesSlashed: readonly bigint[] }>(
    receipt,
    {
      abi: allocationManagerAbi,
      eventName: "OperatorSlashed",
      address,
    },
  );
  return { hash, receipt, slashId, sharesSlashed };
}
