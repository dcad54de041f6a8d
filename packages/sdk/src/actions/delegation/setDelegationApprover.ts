import { delegationManagerAbi } from "@palisade/abis";
import { type Address, zeroAddress } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface SetDelegationApproverParameters {
  contracts: Pick<CoreContracts, "delegationManager">;
  /** The address whose EIP-712 (or ERC-1271) approval delegations need; the zero address (default): none. */
  delegationApprover?: Address;
}

export interface SetDelegationApproverReturnType extends TransactionResult {
  /** The approver now in force. */
  delegationApprover: Address;
}

/**
 * Changes the client's account's (an operator's) delegation approver. Signatures of the previous
 * approver stop working: the DelegationManager checks the current one.
 *
 * @example
 * await setDelegationApprover(operatorClient, { contracts: deployment.contracts, delegationApprover: "0x…" });
 */
export async function setDelegationApprover(
  client: WriteClient,
  parameters: SetDelegationApproverParameters,
): Promise<SetDelegationApproverReturnType> {
  const address = parameters.contracts.delegationManager;
  const { hash, receipt } = await execute(client, {
    address,
    abi: delegationManagerAbi,
    functionName: "setDelegationApprover",
    args: [parameters.delegationApprover ?? zeroAddress],
  });
  const { delegationApprover } = eventArgs<{ delegationApprover: Address }>(receipt, {
    abi: delegationManagerAbi,
    eventName: "DelegationApproverUpdated",
    address,
  });
  return { hash, receipt, delegationApprover };
}
