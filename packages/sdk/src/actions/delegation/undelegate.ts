import { delegationManagerAbi } from "@palisade/abis";
import { type Address, type Hex, type TransactionReceipt, zeroHash } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { eventArgs, MissingEventError } from "../../internal/events.ts";
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
  const address = parameters.contracts.delegationManager;
  const { hash, receipt } = await execute(client, {
    address,
    abi: delegationManagerAbi,
    functionName: "undelegate",
    args: [],
  });
  // No shares, no withdrawal: the contract returns the zero hash and emits nothing.
  const queued = receipt.logs.length === 0 ? undefined : tryRoot(receipt, address);
  return { hash, receipt, root: queued ?? zeroHash };
}

function tryRoot(receipt: TransactionReceipt, address: Address): Hex | undefined {
  try {
    return eventArgs<{ root: Hex }>(receipt, {
      abi: delegationManagerAbi,
      eventName: "WithdrawalQueued",
      address,
    }).root;
  } catch (error) {
    if (error instanceof MissingEventError) return undefined;
    throw error;
  }
}
