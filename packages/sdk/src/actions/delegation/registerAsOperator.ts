import { delegationManagerAbi } from "@palisade/abis";
import { type Address, zeroAddress } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface RegisterAsOperatorParameters {
  contracts: Pick<CoreContracts, "delegationManager">;
  /** If set, stakers need this address's signature to delegate. Default: anyone may delegate. */
  delegationApprover?: Address;
  metadataURI?: string;
}

export type RegisterAsOperatorReturnType = TransactionResult;

/**
 * Registers the client's account as an operator (delegated to itself).
 *
 * @example
 * await registerAsOperator(operatorClient, { contracts: deployment.contracts, metadataURI: "https://op.example/meta.json" });
 */
export async function registerAsOperator(
  client: WriteClient,
  parameters: RegisterAsOperatorParameters,
): Promise<RegisterAsOperatorReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.delegationManager,
    abi: delegationManagerAbi,
    functionName: "registerAsOperator",
    args: [parameters.delegationApprover ?? zeroAddress, parameters.metadataURI ?? ""],
  });
  return { hash, receipt };
}
