/**
 * The restaking flow end to end through the SDK on a real anvil: deposit → delegate → allocate →
 * slash → withdraw, with every amount checked exactly. Expected numbers come from the documented
 * math (IStrategy, IDelegationManager, IAllocationManager, PoolMath, MagnitudeMath), modelled
 * below in plain bigint arithmetic:
 *   - strategy shares = amount × (totalShares + 1e3) / (balance + 1e3), rounded down;
 *   - a slash of `wad` removes ⌈currentMagnitude × wad⌉ magnitude from the allocation and the max
 *     magnitude; each pool (active and queued) of the operator loses ⌈shares × slashed / prevMax⌉;
 *   - a staker's (or withdrawal's) value is ⌊units × poolShares / poolUnits⌋: rounded down.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { mockLstAbi, strategyAbi } from "@palisade/abis";
import { type Fixture, fixture, mine, sendAndWait } from "@palisade/testkit";
import { type Address, encodeFunctionData, parseEther } from "viem";
import { readContract } from "viem/actions";
import { createOperatorSets } from "./actions/allocation/createOperatorSets.ts";
import { getAllocatedStake } from "./actions/allocation/getAllocatedStake.ts";
import { getAllocation } from "./actions/allocation/getAllocation.ts";
import { modifyAllocations } from "./actions/allocation/modifyAllocations.ts";
import { registerForOperatorSets } from "./actions/allocation/registerForOperatorSets.ts";
import { slashOperator } from "./actions/allocation/slashOperator.ts";
import { completeQueuedWithdrawal } from "./actions/delegation/completeQueuedWithdrawal.ts";
import { delegateTo } from "./actions/delegation/delegateTo.ts";
import { getOperatorPool } from "./actions/delegation/getOperatorPool.ts";
import { getQueuedWithdrawals } from "./actions/delegation/getQueuedWithdrawals.ts";
import { getStakerPosition } from "./actions/delegation/getStakerPosition.ts";
import { queueWithdrawal } from "./actions/delegation/queueWithdrawal.ts";
import { registerAsOperator } from "./actions/delegation/registerAsOperator.ts";
import { depositIntoStrategy } from "./actions/strategy/depositIntoStrategy.ts";
import { ContractRevertError } from "./errors/contractRevert.ts";
import { WAD } from "./types.ts";

const VIRTUAL = 1_000n;
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** PoolMath: shares and units of one pool. */
class Pool {
  constructor(
    public shares = 0n,
    public units = 0n,
  ) {}
  join(shares: bigint): bigint {
    const units = this.units === 0n ? this.shares + shares : (shares * this.units) / this.shares;
    this.shares += shares;
    this.units += units;
    return units;
  }
  sharesOf(units: bigint): bigint {
    return this.units === 0n ? 0n : (units * this.shares) / this.units;
  }
  unitsFor(shares: bigint, available: bigint): bigint {
    if (shares >= this.sharesOf(available)) return available;
    const units = ceilDiv(shares * this.units, this.shares);
    return units > available ? available : units;
  }
  leave(units: bigint): bigint {
    const shares = this.sharesOf(units);
    this.shares -= shares;
    this.units -= units;
    return shares;
  }
  slash(prev: bigint, next: bigint): bigint {
    const slashed = ceilDiv(this.shares * (prev - next), prev);
    this.shares -= slashed;
    return slashed;
  }
}

let f: Fixture;
before(async () => {
  f = await fixture({ seed: false });
});
after(() => f?.stop());

test("deposit → delegate → allocate → slash → withdraw, exact amounts", async () => {
  const { deployment, clients } = f;
  const contracts = deployment.contracts;
  const stETH = deployment.strategies.stETH;
  assert.ok(stETH);
  const { strategy, token } = stETH;
  const [operatorAccount] = f.accounts.operators;
  const [alice, bob] = f.accounts.stakers;
  const operator = operatorAccount.address;
  const wallet = (account: typeof alice) => clients.wallet(account);
  const balanceOf = (owner: Address) =>
    readContract(clients.public, {
      address: token,
      abi: mockLstAbi,
      functionName: "balanceOf",
      args: [owner],
    });
  const mint = (to: Address, amount: bigint) =>
    sendAndWait(
      clients.wallet(f.accounts.deployer),
      { to: token, data: encodeFunctionData({ abi: mockLstAbi, functionName: "mint", args: [to, amount] }) },
      "mint",
    );

  // ── Deposit. An odd amount for bob so that rounding shows.
  const aliceAmount = parseEther("100");
  const bobAmount = parseEther("50") + 7n;
  await mint(alice.address, aliceAmount);
  await mint(bob.address, bobAmount);
  let strategyBalance = 0n;
  let totalShares = 0n;
  const toShares = (amount: bigint) => (amount * (totalShares + VIRTUAL)) / (strategyBalance + VIRTUAL);

  const aliceShares = toShares(aliceAmount);
  const deposited = await depositIntoStrategy(wallet(alice), { contracts, strategy, amount: aliceAmount });
  assert.equal(deposited.shares, aliceShares);
  strategyBalance += aliceAmount;
  totalShares += aliceShares;
  const bobShares = toShares(bobAmount);
  assert.equal(
    (await depositIntoStrategy(wallet(bob), { contracts, strategy, amount: bobAmount })).shares,
    bobShares,
  );
  strategyBalance += bobAmount;
  totalShares += bobShares;

  // ── Delegate: plain shares become units of the operator's active pool.
  await registerAsOperator(wallet(operatorAccount), { contracts, metadataURI: "https://op.example/0.json" });
  const active = new Pool();
  const queued = new Pool();
  await delegateTo(wallet(alice), { contracts, operator });
  const aliceUnits = active.join(aliceShares);
  await delegateTo(wallet(bob), { contracts, operator });
  let bobUnits = active.join(bobShares);
  assert.deepEqual(await getOperatorPool(clients.public, { contracts, operator, strategy }), {
    activeShares: active.shares,
    activeUnits: active.units,
    queuedShares: 0n,
    queuedUnits: 0n,
  });
  const alicePosition = await getStakerPosition(clients.public, {
    contracts,
    staker: alice.address,
    strategy,
  });
  assert.equal(alicePosition.operator, operator);
  assert.equal(alicePosition.units, aliceUnits);
  assert.equal(alicePosition.withdrawableShares, aliceShares);

  // ── Allocate half the operator's magnitude to the AVS's set; effective after the allocation delay.
  const avs = f.accounts.avs.address;
  const operatorSet = { avs, id: 0 };
  await createOperatorSets(wallet(f.accounts.avs), {
    contracts,
    sets: [{ id: 0, slasher: f.accounts.slasher.address, strategies: [strategy] }],
  });
  await registerForOperatorSets(wallet(operatorAccount), { contracts, avs, operatorSetIds: [0] });
  const magnitude = parseEther("0.5");
  await modifyAllocations(wallet(operatorAccount), {
    contracts,
    allocations: [{ operatorSet, strategies: [strategy], newMagnitudes: [magnitude] }],
  });
  const pending = await getAllocation(clients.public, { contracts, operator, operatorSet, strategy });
  assert.equal(pending.currentMagnitude, 0n);
  assert.equal(pending.pendingDiff, magnitude);
  await mine(clients, deployment.delays.allocationBlocks);
  const allocation = await getAllocation(clients.public, { contracts, operator, operatorSet, strategy });
  assert.equal(allocation.currentMagnitude, magnitude);
  assert.equal(allocation.maxMagnitude, WAD);
  const allocated = (
    await getAllocatedStake(clients.public, {
      contracts,
      operatorSet,
      operators: [operator],
      strategies: [strategy],
    })
  )[0]?.[0];
  assert.equal(allocated, (active.shares * magnitude) / WAD);

  // ── Bob queues 20 stETH of shares before the slash: they stay slashable in the queued pool.
  const bobQueuedShares = parseEther("20");
  const bobQueued = await queueWithdrawal(wallet(bob), {
    contracts,
    entries: [{ strategy, shares: bobQueuedShares }],
  });
  const bobBurned = active.unitsFor(bobQueuedShares, bobUnits);
  bobUnits -= bobBurned;
  const bobWithdrawalUnits = queued.join(active.leave(bobBurned));
  await assert.rejects(
    completeQueuedWithdrawal(wallet(bob), { contracts, root: bobQueued.root }),
    (error: unknown) =>
      error instanceof ContractRevertError && error.errorName === "WithdrawalNotCompletable",
  );

  // ── Slash a third of the set's allocation: a fraction that does not divide evenly.
  const wadToSlash = WAD / 3n;
  const slashedMagnitude = ceilDiv(magnitude * wadToSlash, WAD);
  const newMax = WAD - slashedMagnitude;
  const expectedSlashed = active.slash(WAD, newMax) + queued.slash(WAD, newMax);
  const dead: Address = "0x000000000000000000000000000000000000dEaD";
  const deadBefore = await balanceOf(dead);
  const slash = await slashOperator(wallet(f.accounts.slasher), {
    contracts,
    avs,
    operator,
    operatorSetId: 0,
    strategies: [strategy],
    wadsToSlash: [wadToSlash],
    description: "integration test: equivocation",
  });
  assert.deepEqual(slash.sharesSlashed, [expectedSlashed]);
  // Slashed shares leave the strategy as tokens, burned to 0x…dEaD.
  const burned = (expectedSlashed * (strategyBalance + VIRTUAL)) / (totalShares + VIRTUAL);
  assert.equal((await balanceOf(dead)) - deadBefore, burned);
  strategyBalance -= burned;
  totalShares -= expectedSlashed;

  assert.deepEqual(await getOperatorPool(clients.public, { contracts, operator, strategy }), {
    activeShares: active.shares,
    activeUnits: active.units,
    queuedShares: queued.shares,
    queuedUnits: queued.units,
  });
  const afterSlash = await getAllocation(clients.public, { contracts, operator, operatorSet, strategy });
  assert.equal(afterSlash.currentMagnitude, magnitude - slashedMagnitude);
  assert.equal(afterSlash.maxMagnitude, newMax);
  const allocatedAfter = (
    await getAllocatedStake(clients.public, {
      contracts,
      operatorSet,
      operators: [operator],
      strategies: [strategy],
    })
  )[0]?.[0];
  assert.equal(allocatedAfter, (active.shares * (magnitude - slashedMagnitude)) / newMax);

  // Every staker lost the same fraction, rounded down for them.
  const aliceAfter = await getStakerPosition(clients.public, { contracts, staker: alice.address, strategy });
  assert.equal(aliceAfter.withdrawableShares, active.sharesOf(aliceUnits));
  assert.equal(
    (await getStakerPosition(clients.public, { contracts, staker: bob.address, strategy }))
      .withdrawableShares,
    active.sharesOf(bobUnits),
  );
  const [bobPending] = await getQueuedWithdrawals(clients.public, { contracts, staker: bob.address });
  assert.ok(bobPending);
  assert.deepEqual(bobPending.shares, [queued.sharesOf(bobWithdrawalUnits)]);

  // ── Alice withdraws everything; after the delay both withdrawals complete as tokens.
  const aliceWithdrawable = aliceAfter.withdrawableShares;
  const aliceQueued = await queueWithdrawal(wallet(alice), {
    contracts,
    entries: [{ strategy, shares: aliceWithdrawable }],
  });
  const aliceWithdrawalUnits = queued.join(active.leave(active.unitsFor(aliceWithdrawable, aliceUnits)));
  await mine(clients, deployment.delays.withdrawalBlocks);

  const toTokens = (shares: bigint) => (shares * (strategyBalance + VIRTUAL)) / (totalShares + VIRTUAL);
  for (const [who, root, units] of [
    [alice, aliceQueued.root, aliceWithdrawalUnits],
    [bob, bobQueued.root, bobWithdrawalUnits],
  ] as const) {
    const shares = queued.leave(units);
    const tokens = toTokens(shares);
    const before = await balanceOf(who.address);
    const completed = await completeQueuedWithdrawal(wallet(who), { contracts, root });
    assert.deepEqual(completed.shares, [shares]);
    assert.equal((await balanceOf(who.address)) - before, tokens);
    strategyBalance -= tokens;
    totalShares -= shares;
  }
  assert.deepEqual(await getQueuedWithdrawals(clients.public, { contracts, staker: alice.address }), []);
  const read = (functionName: "totalShares") =>
    readContract(clients.public, { address: strategy, abi: strategyAbi, functionName });
  assert.equal(await read("totalShares"), totalShares);
  assert.equal(await balanceOf(strategy), strategyBalance);
});
