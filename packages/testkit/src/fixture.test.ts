import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { getAllocatedStake, getAllocation, getStakerPosition } from "@palisade/sdk";
import { parseEther } from "viem";
import { getCode } from "viem/actions";
import { type Fixture, fixture, testDelays } from "./fixture.ts";
import { seedDeposit, seedMagnitudes } from "./seed.ts";

let f: Fixture;
before(async () => {
  f = await fixture();
});
after(() => f?.stop());

test("deployCore puts every core contract at its predicted address", async () => {
  const { contracts, delays } = f.deployment;
  for (const [name, address] of Object.entries(contracts)) {
    const code = await getCode(f.clients.public, { address });
    assert.ok(code && code.length > 2, `${name} has code at ${address}`);
  }
  assert.deepEqual(delays, {
    withdrawalBlocks: testDelays.withdrawalDelayBlocks,
    allocationBlocks: testDelays.allocationDelayBlocks,
    deallocationBlocks: testDelays.deallocationDelayBlocks,
  });
  assert.deepEqual(Object.keys(f.deployment.strategies), ["stETH", "rETH", "cbETH"]);
});

test("seedDevnet leaves each operator with its staker's deposit allocated at its magnitude", async () => {
  const { contracts, operatorSet, strategies } = f.deployment;
  assert.ok(operatorSet);
  const strategyList = Object.values(strategies).map((entry) => entry.strategy);
  const operators = f.accounts.operators.map((account) => account.address);
  const stake = await getAllocatedStake(f.clients.public, {
    contracts,
    operatorSet,
    operators,
    strategies: strategyList,
  });
  for (const [i, operator] of operators.entries()) {
    const magnitude = seedMagnitudes[i] ?? 0n;
    for (const [j, strategy] of strategyList.entries()) {
      assert.equal(stake[i]?.[j], (seedDeposit(i) * magnitude) / parseEther("1"));
      const allocation = await getAllocation(f.clients.public, {
        contracts,
        operator,
        operatorSet,
        strategy,
      });
      assert.equal(allocation.currentMagnitude, magnitude);
      const staker = f.accounts.stakers[i]?.address;
      assert.ok(staker);
      const position = await getStakerPosition(f.clients.public, { contracts, staker, strategy });
      assert.equal(position.operator, operator);
      assert.equal(position.withdrawableShares, seedDeposit(i));
    }
  }
});
