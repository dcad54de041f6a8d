import { delegationManagerAbi } from "@palisade/abis";
import { type Address, bytesToHex, type Hex } from "viem";
import { signTypedData } from "viem/actions";
import type { CoreContracts } from "../../deployment.ts";
import { readEip712Domain } from "../../internal/eip712.ts";
import type { WriteClient } from "../../internal/types.ts";

/** The DelegationManager's `DELEGATION_APPROVAL_TYPEHASH` as an EIP-712 type. */
export const delegationApprovalTypes = {
  DelegationApproval: [
    { name: "staker", type: "address" },
    { name: "operator", type: "address" },
    { name: "salt", type: "bytes32" },
    { name: "expiry", type: "uint256" },
  ],
} as const;

export interface SignDelegationApprovalParameters {
  contracts: Pick<CoreContracts, "delegationManager">;
  /** The staker allowed to delegate (the account that will call delegateTo). */
  staker: Address;
  operator: Address;
  /** Unix seconds; delegateTo reverts with ApproverSignatureExpired once a block is past it. */
  expiry: bigint;
  /** Single-use per approver. Default: 32 random bytes. */
  salt?: Hex;
}

/** Spread into delegateTo's parameters: `delegateTo(staker, { contracts, operator, ...approval })`. */
export interface SignDelegationApprovalReturnType {
  approverSignature: { signature: Hex; expiry: bigint };
  approverSalt: Hex;
}

/**
 * Signs, with the client's account (the operator's delegation approver), the EIP-712 approval the
 * DelegationManager checks in delegateTo. The domain comes from the manager's `eip712Domain()`.
 * Nothing is sent: the staker submits the signature.
 *
 * @example
 * const approval = await signDelegationApproval(approverClient, {
 *   contracts: deployment.contracts, staker, operator, expiry: BigInt(Math.floor(Date.now() / 1000) + 3600),
 * });
 * await delegateTo(stakerClient, { contracts: deployment.contracts, operator, ...approval });
 */
export async function signDelegationApproval(
  client: WriteClient,
  parameters: SignDelegationApprovalParameters,
): Promise<SignDelegationApprovalReturnType> {
  const salt = parameters.salt ?? bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
  const domain = await readEip712Domain(client, {
    address: parameters.contracts.delegationManager,
    abi: delegationManagerAbi,
  });
  const signature = await signTypedData(client, {
    account: client.account,
    domain,
    types: delegationApprovalTypes,
    primaryType: "DelegationApproval",
    message: { staker: parameters.staker, operator: parameters.operator, salt, expiry: parameters.expiry },
  });
  return { approverSignature: { signature, expiry: parameters.expiry }, approverSalt: salt };
}
