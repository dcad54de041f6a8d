import { delegationManagerAbi } from "@palisade/abis";
import type { Hex } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface UndelegateParameters {
  contracts: Pick<CoreContracts, "delegationManager">;
}

export interface UndelegateReturnType extends TransactionResult {
  /** Root of the withdrawal queued for all the account's shares (zero hash if it had none). */
  root: Hex;
}

/**
 * Undelegates the client's account: all its shares enter one queued withdrawal.
 *
 * @example
 * const { root } = await undelegate(stakerClient, { contracts: deployment.contracts });
 */
export async function undelegate(
  client: WriteClient,
  parameters: UndelegateParameters,
): Promise<UndelegateReturnType> {
  const { hash, receipt, result } = await execute<Hex>(client, {
    address: parameters.contracts.delegationManager,
    abi: delegationManagerAbi,
    functionName: "undelegate",
    args: [],
  });
  return { hash, receipt, root: result };
}
