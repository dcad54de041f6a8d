/**
 * Allocation actions on the seeded fixture: three operators with 10, 20, 30 × 1e18 delegated in
 * each of the n strategies, allocating 0.5, 0.3 and 0.2 to set 0, so allocated underlying per
 * strategy is 5, 6 and 6 × 1e18 (deposits were 1:1 into empty strategies: shares = tokens). The
 * tests run in order and build on each other's state.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type Fixture, fixture, mine } from "@palisade/testkit";
import { parseEther } from "viem";
import { clearDeallocationQueue } from "./actions/allocation/clearDeallocationQueue.ts";
import { deregisterFromOperatorSets } from "./actions/allocation/deregisterFromOperatorSets.ts";
import { getAllocatableMagnitude } from "./actions/allocation/getAllocatableMagnitude.ts";
import { getCriticalOperators } from "./actions/allocation/getCriticalOperators.ts";
import { getEconomicSecurity } from "./actions/allocation/getEconomicSecurity.ts";
import { getMaxMagnitude } from "./actions/allocation/getMaxMagnitude.ts";
import { getOperatorSetMembers } from "./actions/allocation/getOperatorSetMembers.ts";
import { modifyAllocations } from "./actions/allocation/modifyAllocations.ts";
import { setEconomicSecurityConfig } from "./actions/allocation/setEconomicSecurityConfig.ts";
import { setStrategyValueWeights } from "./actions/allocation/setStrategyValueWeights.ts";
import { slashOperator } from "./actions/allocation/slashOperator.ts";
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
const revertsWith =
  (errorName: string, args?: readonly unknown[]) =>
  (error: unknown): boolean => {
    assert.ok(error instanceof ContractRevertError, String(error));
    assert.equal(error.errorName, errorName);
    if (args) assert.deepEqual(error.args, args);
    return true;
  };

test("economic security: config and value weights decide which operators are critical", async () => {
  const { operatorSet } = seeded();
  const contracts = f.deployment.contracts;
  const avs = f.clients.wallet(f.accounts.avs);
  const strategies = Object.values(f.deployment.strategies).map((entry) => entry.strategy);
  const n = BigInt(strategies.length);
  const [, op1, op2] = f.accounts.operators;
  const config = {
    // α = 0.5, γ = 0, π = 6n: without op0 α·U = 0.5 × 12n = 6n (secure, just); without op1 or
    // op2 it is 0.5 × 11n = 5.5n (insecure).
    profitFromCorruption: parseEther("6") * n,
    corruptionThresholdWad: parseEther("0.5"),
    gammaWad: 0n,
    enforceOnDeallocation: false,
  };

  await assert.rejects(
    setEconomicSecurityConfig(avs, {
      contracts,
      operatorSetId: operatorSet.id,
      config: { ...config, corruptionThresholdWad: 0n },
    }),
    revertsWith("InvalidEconomicSecurityConfig", []),
  );
  await assert.rejects(
    setEconomicSecurityConfig(avs, { contracts, operatorSetId: 7, config }),
    revertsWith("OperatorSetDoesNotExist", [operatorSet.avs, 7]),
  );
  assert.deepEqual(await getCriticalOperators(f.clients.public, { contracts, operatorSet }), []);

  await setEconomicSecurityConfig(avs, { contracts, operatorSetId: operatorSet.id, config });
  assert.deepEqual(await getEconomicSecurity(f.clients.public, { contracts, operatorSet }), {
    allocatedValue: parseEther("17") * n,
    costOfCorruption: parseEther("8.5") * n,
    requiredCost: parseEther("6") * n,
    secure: true,
  });
  assert.deepEqual(await getCriticalOperators(f.clients.public, { contracts, operatorSet }), [
    op1.address,
    op2.address,
  ]);

  await assert.rejects(
    setStrategyValueWeights(avs, {
      contracts,
      operatorSetId: operatorSet.id,
      strategies,
      weights: [WAD],
    }),
    revertsWith("InputLengthMismatch", []),
  );
  await assert.rejects(
    setStrategyValueWeights(avs, {
      contracts,
      operatorSetId: operatorSet.id,
      strategies: strategies.slice(0, 1),
      // above the 1e36 cap
      weights: [WAD * WAD + 1n],
    }),
    revertsWith("InvalidEconomicSecurityConfig", []),
  );
  // Every token worth two value units: U doubles and no single exit breaks the condition.
  await setStrategyValueWeights(avs, {
    contracts,
    operatorSetId: operatorSet.id,
    strategies,
    weights: strategies.map(() => 2n * WAD),
  });
  const doubled = await getEconomicSecurity(f.clients.public, { contracts, operatorSet });
  assert.equal(doubled.allocatedValue, parseEther("34") * n);
  assert.deepEqual(await getCriticalOperators(f.clients.public, { contracts, operatorSet }), []);
});

test("a decrease frees magnitude once due and clearDeallocationQueue applies it; a slash lowers the max", async () => {
  const { operatorSet } = seeded();
  const contracts = f.deployment.contracts;
  const [op0] = f.accounts.operators;
  const operator = op0.address;
  const stETH = f.deployment.strategies.stETH;
  assert.ok(stETH);
  const { strategy } = stETH;
  const allocatable = () => getAllocatableMagnitude(f.clients.public, { contracts, operator, strategy });
  // Anyone may clear: a staker does.
  const clearer = f.clients.wallet(f.accounts.stakers[2]);

  assert.equal(await getMaxMagnitude(f.clients.public, { contracts, operator, strategy }), WAD);
  assert.equal(await allocatable(), WAD - parseEther("0.5"));
  await modifyAllocations(f.clients.wallet(op0), {
    contracts,
    allocations: [{ operatorSet, strategies: [strategy], newMagnitudes: [parseEther("0.2")] }],
  });
  // Still slashable during the deallocation delay, so still encumbered.
  assert.equal(await allocatable(), WAD - parseEther("0.5"));
  const early = await clearDeallocationQueue(clearer, {
    contracts,
    operator,
    strategies: [strategy],
    numToClear: [1],
  });
  assert.deepEqual(early.freed, []);

  await mine(f.clients, f.deployment.delays.deallocationBlocks);
  assert.equal(await allocatable(), WAD - parseEther("0.2"), "a due decrease counts as freed");
  await assert.rejects(
    clearDeallocationQueue(clearer, { contracts, operator, strategies: [strategy], numToClear: [1, 1] }),
    revertsWith("InputLengthMismatch", []),
  );
  const { freed } = await clearDeallocationQueue(clearer, {
    contracts,
    operator,
    strategies: [strategy],
    numToClear: [1],
  });
  assert.deepEqual(freed, [{ strategy, encumberedMagnitude: parseEther("0.2") }]);

  // Slashing half of the 0.2 allocation removes 0.1 from the max magnitude (and the allocation).
  await slashOperator(f.clients.wallet(f.accounts.slasher), {
    contracts,
    avs: operatorSet.avs,
    operator,
    operatorSetId: operatorSet.id,
    strategies: [strategy],
    wadsToSlash: [WAD / 2n],
    description: "allocation test",
  });
  assert.equal(await getMaxMagnitude(f.clients.public, { contracts, operator, strategy }), parseEther("0.9"));
  assert.equal(await allocatable(), parseEther("0.8"));
});

test("deregisterFromOperatorSets: by the operator or the AVS, slashable for the delay, others refused", async () => {
  const { operatorSet } = seeded();
  const contracts = f.deployment.contracts;
  const [, op1, op2] = f.accounts.operators;
  const { avs, id } = operatorSet;

  const left = await deregisterFromOperatorSets(f.clients.wallet(op2), {
    contracts,
    avs,
    operatorSetIds: [id],
  });
  assert.deepEqual(left.slashableUntilBlocks, [
    Number(left.receipt.blockNumber) + f.deployment.delays.deallocationBlocks,
  ]);
  assert.equal(left.hookFailed, false);
  await assert.rejects(
    deregisterFromOperatorSets(f.clients.wallet(op2), { contracts, avs, operatorSetIds: [id] }),
    revertsWith("NotMemberOfSet", [op2.address, avs, id]),
  );

  const stranger = f.accounts.stakers[0];
  await assert.rejects(
    deregisterFromOperatorSets(f.clients.wallet(stranger), {
      contracts,
      avs,
      operatorSetIds: [id],
      operator: op1.address,
    }),
    revertsWith("Unauthorized", [stranger.address]),
  );
  await deregisterFromOperatorSets(f.clients.wallet(f.accounts.avs), {
    contracts,
    avs,
    operatorSetIds: [id],
    operator: op1.address,
  });
  assert.deepEqual(await getOperatorSetMembers(f.clients.public, { contracts, operatorSet }), [
    f.accounts.operators[0].address,
  ]);
});
