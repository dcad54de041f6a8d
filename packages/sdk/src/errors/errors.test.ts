import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { mockLstAbi, strategyManagerAbi } from "@palisade/abis";
import { type Fixture, fixture } from "@palisade/testkit";
import { parseEther, zeroAddress } from "viem";
import { delegateTo } from "../actions/delegation/delegateTo.ts";
import { depositIntoStrategy } from "../actions/strategy/depositIntoStrategy.ts";
import { execute } from "../internal/execute.ts";
import { BaseError } from "./base.ts";
import { ContractRevertError } from "./contractRevert.ts";
import { InsufficientAllowanceError, InsufficientBalanceError } from "./token.ts";

let f: Fixture;
before(async () => {
  f = await fixture({ seed: false });
});
after(() => f?.stop());

const stETH = () => {
  const entry = f.deployment.strategies.stETH;
  assert.ok(entry);
  return entry;
};

test("a custom error of the DelegationManager is decoded with its arguments", async () => {
  const staker = f.clients.wallet(f.accounts.stakers[0]);
  // Nobody registered as an operator in an unseeded fixture.
  const notOperator = f.accounts.operators[2].address;
  await assert.rejects(
    delegateTo(staker, { contracts: f.deployment.contracts, operator: notOperator }),
    (error: unknown) => {
      assert.ok(error instanceof ContractRevertError);
      assert.ok(error instanceof BaseError);
      assert.equal(error.errorName, "NotOperator");
      assert.deepEqual(error.args, [notOperator]);
      assert.equal(error.functionName, "delegateTo");
      assert.ok(error.declaredBy.includes("DelegationManager"));
      assert.match(error.shortMessage, /delegateTo reverted with NotOperator\(0x/);
      return true;
    },
  );
});

test("a revert raised in a nested call (StrategyManager → token) is decoded from the token's ABI", async () => {
  const staker = f.clients.wallet(f.accounts.stakers[0]);
  // Not the owner: MockLST (Ownable) refuses to mint.
  await assert.rejects(
    execute(staker, {
      address: stETH().token,
      abi: mockLstAbi,
      functionName: "mint",
      args: [staker.account.address, 1n],
    }),
    (error: unknown) => {
      assert.ok(error instanceof ContractRevertError);
      assert.equal(error.errorName, "OwnableUnauthorizedAccount");
      assert.deepEqual(error.args, [staker.account.address]);
      return true;
    },
  );
});

test("depositing into something that is not a strategy reverts with UnknownStrategy", async () => {
  const deployer = f.clients.wallet(f.accounts.deployer);
  await assert.rejects(
    execute(deployer, {
      address: f.deployment.contracts.strategyManager,
      abi: strategyManagerAbi,
      functionName: "depositIntoStrategy",
      args: [zeroAddress, 1n],
    }),
    (error: unknown) => error instanceof ContractRevertError && error.errorName === "UnknownStrategy",
  );
});

test("deposit checks the balance and, with approve: false, the allowance before sending", async () => {
  const staker = f.clients.wallet(f.accounts.stakers[1]);
  const { strategy, token } = stETH();
  const contracts = f.deployment.contracts;
  await assert.rejects(
    depositIntoStrategy(staker, { contracts, strategy, amount: parseEther("1") }),
    (error: unknown) =>
      error instanceof InsufficientBalanceError && error.balance === 0n && error.needed === parseEther("1"),
  );
  await execute(f.clients.wallet(f.accounts.deployer), {
    address: token,
    abi: mockLstAbi,
    functionName: "mint",
    args: [staker.account.address, parseEther("1")],
  });
  await assert.rejects(
    depositIntoStrategy(staker, { contracts, strategy, amount: parseEther("1"), approve: false }),
    (error: unknown) =>
      error instanceof InsufficientAllowanceError && error.spender === contracts.strategyManager,
  );
  const { shares, approvalHash } = await depositIntoStrategy(staker, {
    contracts,
    strategy,
    amount: parseEther("1"),
  });
  assert.equal(shares, parseEther("1"));
  assert.ok(approvalHash);
});
