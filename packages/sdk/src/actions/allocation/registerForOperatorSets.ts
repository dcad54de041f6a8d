import { allocationManagerAbi } from "@palisade/abis";
import type { Address, Hex } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface RegisterForOperatorSetsParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  avs: Address;
  operatorSetIds: readonly number[];
  /** Passed to the AVS registrar hook. */
  data?: Hex;
}

export type RegisterForOperatorSetsReturnType = TransactionResult;

/**
 * Registers the client's account (an operator) for operator sets of `avs`.
 *
 * @example
 * await registerForOperatorSets(operatorClient, { contracts: deployment.contracts, avs, operatorSetIds: [0] });
 */
export async function registerForOperatorSets(
  client: WriteClient,
  parameters: RegisterForOperatorSetsParameters,
): Promise<RegisterForOperatorSetsReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "registerForOperatorSets",
    args: [
      client.account.address,
      { avs: parameters.avs, operatorSetIds: parameters.operatorSetIds, data: parameters.data ?? "0x" },
    ],
  });
  return { hash, receipt };
}
