/**
 * Delegation approvers on an unseeded fixture: an operator sets an approver, whose EIP-712
 * signature (domain from the DelegationManager's `eip712Domain()`) a staker passes to delegateTo.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { delegationManagerAbi } from "@palisade/abis";
import { type Fixture, fixture } from "@palisade/testkit";
import { type Hex, keccak256, recoverAddress, toHex, zeroAddress } from "viem";
import { getBlock, readContract } from "viem/actions";
import { delegateTo } from "./actions/delegation/delegateTo.ts";
import { registerAsOperator } from "./actions/delegation/registerAsOperator.ts";
import { setDelegationApprover } from "./actions/delegation/setDelegationApprover.ts";
import { signDelegationApproval } from "./actions/delegation/signDelegationApproval.ts";
import { ContractRevertError } from "./errors/contractRevert.ts";

let f: Fixture;
before(async () => {
  f = await fixture({ seed: false });
});
after(() => f?.stop());

const manager = () =>
  ({ address: f.deployment.contracts.delegationManager, abi: delegationManagerAbi }) as const;
const revertsWith =
  (errorName: string, args?: readonly unknown[]) =>
  (error: unknown): boolean => {
    assert.ok(error instanceof ContractRevertError, String(error));
    assert.equal(error.errorName, errorName);
    if (args) assert.deepEqual(error.args, args);
    return true;
  };
/** Fixed salts keep the test deterministic. */
const salt = (label: string): Hex => keccak256(toHex(label));

test("setDelegationApprover: only an operator; the approver is recorded", async () => {
  const contracts = f.deployment.contracts;
  const [operator, approver] = f.accounts.operators;
  const staker = f.accounts.stakers[0];
  await registerAsOperator(f.clients.wallet(operator), { contracts });

  await assert.rejects(
    setDelegationApprover(f.clients.wallet(staker), { contracts, delegationApprover: approver.address }),
    revertsWith("NotOperator", [staker.address]),
  );
  const set = await setDelegationApprover(f.clients.wallet(operator), {
    contracts,
    delegationApprover: approver.address,
  });
  assert.equal(set.delegationApprover, approver.address);
  assert.equal(
    await readContract(f.clients.public, {
      ...manager(),
      functionName: "delegationApprover",
      args: [operator.address],
    }),
    approver.address,
  );
});

test("delegateTo with the approver's signature: expired, wrong signer and spent salt are refused", async () => {
  const contracts = f.deployment.contracts;
  const [operatorAccount, approverAccount] = f.accounts.operators;
  const operator = operatorAccount.address;
  const approver = f.clients.wallet(approverAccount);
  const [alice, bob] = f.accounts.stakers;
  const { timestamp } = await getBlock(f.clients.public);

  // No signature at all: an empty one with expiry 0, already past.
  await assert.rejects(
    delegateTo(f.clients.wallet(alice), { contracts, operator }),
    revertsWith("ApproverSignatureExpired"),
  );

  const expired = await signDelegationApproval(approver, {
    contracts,
    staker: alice.address,
    operator,
    expiry: timestamp - 1n,
    salt: salt("expired"),
  });
  await assert.rejects(
    delegateTo(f.clients.wallet(alice), { contracts, operator, ...expired }),
    (error: unknown) => {
      revertsWith("ApproverSignatureExpired")(error);
      const [expiry, now] = (error as ContractRevertError).args as readonly [bigint, bigint];
      assert.equal(expiry, timestamp - 1n);
      assert.ok(now > expiry);
      return true;
    },
  );

  const expiry = timestamp + 3_600n;
  // Signed by the staker itself rather than the approver.
  const forged = await signDelegationApproval(f.clients.wallet(alice), {
    contracts,
    staker: alice.address,
    operator,
    expiry,
    salt: salt("forged"),
  });
  await assert.rejects(
    delegateTo(f.clients.wallet(alice), { contracts, operator, ...forged }),
    revertsWith("InvalidApproverSignature", []),
  );

  const approval = await signDelegationApproval(approver, {
    contracts,
    staker: alice.address,
    operator,
    expiry,
    salt: salt("alice"),
  });
  // The digest the SDK signed is the one the contract computes.
  const digest = await readContract(f.clients.public, {
    ...manager(),
    functionName: "calculateDelegationApprovalDigestHash",
    args: [alice.address, operator, approverAccount.address, approval.approverSalt, expiry],
  });
  assert.equal(
    await recoverAddress({ hash: digest, signature: approval.approverSignature.signature }),
    approverAccount.address,
  );
  await delegateTo(f.clients.wallet(alice), { contracts, operator, ...approval });
  assert.equal(
    await readContract(f.clients.public, {
      ...manager(),
      functionName: "delegatedTo",
      args: [alice.address],
    }),
    operator,
  );

  // Each salt serves once per approver, even in a new signature for another staker.
  const reused = await signDelegationApproval(approver, {
    contracts,
    staker: bob.address,
    operator,
    expiry,
    salt: approval.approverSalt,
  });
  await assert.rejects(
    delegateTo(f.clients.wallet(bob), { contracts, operator, ...reused }),
    revertsWith("ApproverSaltSpent", [approval.approverSalt]),
  );
  assert.equal(
    await readContract(f.clients.public, { ...manager(), functionName: "delegatedTo", args: [bob.address] }),
    zeroAddress,
  );
});
