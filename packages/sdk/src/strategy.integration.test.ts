/**
 * Strategy actions on an unseeded fixture: listing the strategies, and a one-transaction deposit
 * approved by an EIP-2612 permit signed against the MockLST's EIP-5267 domain.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { mockLstAbi } from "@palisade/abis";
import { type Fixture, fixture } from "@palisade/testkit";
import { type Address, parseEther } from "viem";
import { getBlock, readContract } from "viem/actions";
import { depositIntoStrategyWithPermit } from "./actions/strategy/depositIntoStrategyWithPermit.ts";
import { getStrategies } from "./actions/strategy/getStrategies.ts";
import { ContractRevertError } from "./errors/contractRevert.ts";
import { InsufficientBalanceError } from "./errors/token.ts";
import { execute } from "./internal/execute.ts";

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
const mint = (token: Address, to: Address, amount: bigint) =>
  execute(f.clients.wallet(f.accounts.deployer), {
    address: token,
    abi: mockLstAbi,
    functionName: "mint",
    args: [to, amount],
  });
const tokenRead = (token: Address, functionName: "nonces" | "balanceOf", owner: Address) =>
  readContract(f.clients.public, { address: token, abi: mockLstAbi, functionName, args: [owner] });

test("getStrategies lists every strategy with its token, symbol, shares and balance", async () => {
  const listed = await getStrategies(f.clients.public, { contracts: f.deployment.contracts });
  assert.deepEqual(
    listed,
    Object.entries(f.deployment.strategies).map(([symbol, { strategy, token }]) => ({
      strategy,
      token,
      symbol,
      totalShares: 0n,
      balance: 0n,
    })),
  );
});

test("depositIntoStrategyWithPermit deposits without a prior approval; an expired permit is decoded", async () => {
  const contracts = f.deployment.contracts;
  const { strategy, token } = stETH();
  const staker = f.clients.wallet(f.accounts.stakers[0]);
  const owner = staker.account.address;
  const amount = parseEther("3");

  await assert.rejects(
    depositIntoStrategyWithPermit(staker, { contracts, strategy, amount }),
    (error: unknown) => error instanceof InsufficientBalanceError && error.needed === amount,
  );
  await mint(token, owner, amount);

  // The manager swallows the failing permit (front-running protection), so an expired one shows
  // as the missing allowance when the token pulls the deposit.
  const { timestamp } = await getBlock(f.clients.public);
  await assert.rejects(
    depositIntoStrategyWithPermit(staker, { contracts, strategy, amount, deadline: timestamp - 1n }),
    (error: unknown) => {
      assert.ok(error instanceof ContractRevertError);
      assert.equal(error.errorName, "ERC20InsufficientAllowance");
      assert.deepEqual(error.args, [contracts.strategyManager, 0n, amount]);
      assert.ok(error.declaredBy.includes("MockLST"));
      return true;
    },
  );
  assert.equal(await tokenRead(token, "nonces", owner), 0n);

  const { shares, deadline } = await depositIntoStrategyWithPermit(staker, { contracts, strategy, amount });
  assert.ok(deadline > timestamp);
  // First deposit into an empty strategy: shares = amount × (0 + 1e3) / (0 + 1e3).
  assert.equal(shares, amount);
  assert.equal(await tokenRead(token, "nonces", owner), 1n, "the permit was used");
  assert.equal(await tokenRead(token, "balanceOf", owner), 0n);
  const allowance = await readContract(f.clients.public, {
    address: token,
    abi: mockLstAbi,
    functionName: "allowance",
    args: [owner, contracts.strategyManager],
  });
  assert.equal(allowance, 0n, "the permitted amount was pulled in full");

  const listed = await getStrategies(f.clients.public, { contracts });
  assert.deepEqual(
    listed.find((entry) => entry.strategy === strategy),
    { strategy, token, symbol: "stETH", totalShares: amount, balance: amount },
  );
});
