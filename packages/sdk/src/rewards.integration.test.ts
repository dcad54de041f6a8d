/**
 * Rewards actions on the seeded fixture (three operators with 10, 20, 30 × 1e18 delegated in every
 * strategy, magnitudes 0.5, 0.3, 0.2 in set 0, a stETH stream of 100 stETH over 30 days). The
 * tests run in order and build on each other's state.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { rewardsCoordinatorAbi } from "@palisade/abis";
import { type Fixture, fixture, mine, seedDeposit, seedMagnitudes } from "@palisade/testkit";
import { parseEther } from "viem";
import { increaseTime, readContract } from "viem/actions";
import { modifyAllocations } from "./actions/allocation/modifyAllocations.ts";
import { checkpointOperator } from "./actions/rewards/checkpointOperator.ts";
import { getClaimable } from "./actions/rewards/getClaimable.ts";
import { getStream } from "./actions/rewards/getStream.ts";
import { setOperatorCommission } from "./actions/rewards/setOperatorCommission.ts";
import { ContractRevertError } from "./errors/contractRevert.ts";
import { WAD } from "./types.ts";

let f: Fixture;
before(async () => {
  f = await fixture();
});
after(() => f?.stop());

const seeded = () => {
  assert.ok(f.seed);
  return f.seed;
};

/** Σ operator shares × magnitude / WAD: every operator's stake in the strategy is its staker's deposit. */
const seededWeight = seedMagnitudes.reduce(
  (sum, magnitude, i) => sum + (seedDeposit(i) * magnitude) / WAD,
  0n,
);

test("getStream reads the seeded stream; a stream never funded reads as zeros", async () => {
  const { operatorSet, rewards } = seeded();
  const contracts = f.deployment.contracts;
  const stream = await getStream(f.clients.public, {
    contracts,
    operatorSet,
    strategy: rewards.strategy,
    token: rewards.token,
  });
  // RewardsMath.rateFor: amount × 1e18 / duration, rounded down.
  assert.equal(stream.ratePerSecond, (rewards.amount * WAD) / BigInt(rewards.duration));
  assert.equal(stream.finish, stream.lastUpdate + BigInt(rewards.duration));
  assert.equal(stream.totalWeight, seededWeight);

  const rETH = f.deployment.strategies.rETH;
  assert.ok(rETH);
  assert.deepEqual(
    await getStream(f.clients.public, {
      contracts,
      operatorSet,
      strategy: rETH.strategy,
      token: rewards.token,
    }),
    { ratePerSecond: 0n, finish: 0n, lastUpdate: 0n, totalWeight: 0n },
  );
});

test("setOperatorCommission: a 100 % commission stops the staker's earnings; bad calls are decoded", async () => {
  const { operatorSet, rewards } = seeded();
  const contracts = f.deployment.contracts;
  const [operator] = f.accounts.operators;
  const [staker] = f.accounts.stakers;
  const claimable = (earner: `0x${string}`) =>
    getClaimable(f.clients.public, {
      contracts,
      earner,
      token: rewards.token,
      strategies: [rewards.strategy],
    });

  await assert.rejects(
    setOperatorCommission(f.clients.wallet(operator), { contracts, operatorSet, bips: 10_001 }),
    (error: unknown) =>
      error instanceof ContractRevertError &&
      error.errorName === "CommissionTooHigh" &&
      error.args[0] === 10_001 &&
      error.args[1] === 10_000,
  );
  await assert.rejects(
    setOperatorCommission(f.clients.wallet(staker), { contracts, operatorSet, bips: 100 }),
    (error: unknown) => {
      assert.ok(error instanceof ContractRevertError);
      assert.equal(error.errorName, "NotOperator");
      assert.deepEqual(error.args, [staker.address]);
      return true;
    },
  );

  const { bips } = await setOperatorCommission(f.clients.wallet(operator), {
    contracts,
    operatorSet,
    bips: 10_000,
  });
  assert.equal(bips, 10_000);
  assert.equal(
    await readContract(f.clients.public, {
      address: contracts.rewardsCoordinator,
      abi: rewardsCoordinatorAbi,
      functionName: "operatorCommission",
      args: [operator.address, operatorSet],
    }),
    10_000,
  );

  const [stakerBefore, operatorBefore] = await Promise.all([
    claimable(staker.address),
    claimable(operator.address),
  ]);
  await increaseTime(f.clients.test, { seconds: 3_600 });
  await mine(f.clients, 1);
  const [stakerAfter, operatorAfter] = await Promise.all([
    claimable(staker.address),
    claimable(operator.address),
  ]);
  assert.equal(stakerAfter, stakerBefore, "the operator keeps all its set's earnings");
  assert.ok(operatorAfter > operatorBefore);
});

test("checkpointOperator makes an allocation that became effective count toward the stream's weight", async () => {
  const { operatorSet, rewards } = seeded();
  const contracts = f.deployment.contracts;
  const operator = f.accounts.operators[1];
  const weight = async () =>
    (
      await getStream(f.clients.public, {
        contracts,
        operatorSet,
        strategy: rewards.strategy,
        token: rewards.token,
      })
    ).totalWeight;

  const raised = parseEther("0.5");
  await modifyAllocations(f.clients.wallet(operator), {
    contracts,
    allocations: [{ operatorSet, strategies: [rewards.strategy], newMagnitudes: [raised] }],
  });
  await mine(f.clients, f.deployment.delays.allocationBlocks);
  // Effective now, but the coordinator still has the weight of the last checkpoint.
  assert.equal(await weight(), seededWeight);

  // Permissionless: a staker of another operator checkpoints it.
  await checkpointOperator(f.clients.wallet(f.accounts.stakers[2]), {
    contracts,
    operator: operator.address,
    strategy: rewards.strategy,
  });
  const [, magnitudeBefore] = seedMagnitudes;
  assert.equal(await weight(), seededWeight + (seedDeposit(1) * (raised - magnitudeBefore)) / WAD);
});
