import { delegationManagerAbi } from "@palisade/abis";
import { type Address, type Hex, zeroHash } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface DelegateToParameters {
  contracts: Pick<CoreContracts, "delegationManager">;
  operator: Address;
  /** The operator's delegation approver signature, when it has an approver (see signDelegationApproval). */
  approverSignature?: { signature: Hex; expiry: bigint };
  /** The salt the approver signed over. */
  approverSalt?: Hex;
}

export type DelegateToReturnType = TransactionResult;

/**
 * Delegates all the client account's shares to `operator`.
 *
 * @example
 * await delegateTo(stakerClient, { contracts: deployment.contracts, operator: "0x…" });
 *
 * // An operator with a delegation approver: the approver signs, the staker submits.
 * const approval = await signDelegationApproval(approverClient, { contracts, staker, operator, expiry });
 * await delegateTo(stakerClient, { contracts, operator, ...approval });
 */
export async function delegateTo(
  client: WriteClient,
  parameters: DelegateToParameters,
): Promise<DelegateToReturnType> {
  const signature = parameters.approverSignature ?? { signature: "0x", expiry: 0n };
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.delegationManager,
    abi: delegationManagerAbi,
    functionName: "delegateTo",
    args: [parameters.operator, signature, parameters.approverSalt ?? zeroHash],
  });
  return { hash, receipt };
}
