/**
 * Flows on the seeded fixture (three operators, each with a staker, set 0 allocated, a stETH
 * rewards stream): rewards accrue and are claimed; undelegating queues every strategy at once.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { mockLstAbi, rewardsCoordinatorAbi } from "@palisade/abis";
import { type Fixture, fixture, mine, seedDeposit } from "@palisade/testkit";
import type { Address } from "viem";
import { increaseTime, readContract } from "viem/actions";
import { completeQueuedWithdrawal } from "./actions/delegation/completeQueuedWithdrawal.ts";
import { getQueuedWithdrawals } from "./actions/delegation/getQueuedWithdrawals.ts";
import { getStakerPosition } from "./actions/delegation/getStakerPosition.ts";
import { undelegate } from "./actions/delegation/undelegate.ts";
import { claimRewards } from "./actions/rewards/claimRewards.ts";

let f: Fixture;
before(async () => {
  f = await fixture();
});
after(() => f?.stop());

test("the rewards stream pays operators and stakers, never more than funded", async () => {
  const { clients, deployment } = f;
  const seed = f.seed;
  assert.ok(seed);
  const { token, strategy } = seed.rewards;
  const contracts = deployment.contracts;
  const coordinator = { address: contracts.rewardsCoordinator, abi: rewardsCoordinatorAbi } as const;
  const balanceOf = (owner: Address) =>
    readContract(clients.public, {
      address: token,
      abi: mockLstAbi,
      functionName: "balanceOf",
      args: [owner],
    });

  await increaseTime(clients.test, { seconds: 3_600 });
  await mine(clients, 1);

  let paid = 0n;
  for (const account of [f.accounts.stakers[0], f.accounts.operators[0]]) {
    const claimable = await readContract(clients.public, {
      ...coordinator,
      functionName: "claimable",
      args: [account.address, token, [strategy]],
    });
    assert.ok(claimable > 0n, `${account.address} earned something in an hour`);
    const before = await balanceOf(account.address);
    const { amount } = await claimRewards(clients.wallet(account), {
      contracts,
      token,
      strategies: [strategy],
    });
    // The claim is mined a block (and at least a second) after the view: it can only have grown.
    assert.ok(amount >= claimable);
    assert.equal((await balanceOf(account.address)) - before, amount);
    paid += amount;
  }
  const [funded, claimed] = await Promise.all([
    readContract(clients.public, { ...coordinator, functionName: "totalFunded", args: [token] }),
    readContract(clients.public, { ...coordinator, functionName: "totalClaimed", args: [token] }),
  ]);
  assert.equal(claimed, paid);
  assert.ok(claimed <= funded);
  assert.equal(funded, seed.rewards.amount);
});

test("undelegate queues all the staker's strategies in one withdrawal, completable after the delay", async () => {
  const { clients, deployment } = f;
  const contracts = deployment.contracts;
  const staker = f.accounts.stakers[1];
  const strategies = Object.values(deployment.strategies).map((entry) => entry.strategy);

  const { root } = await undelegate(clients.wallet(staker), { contracts });
  const [pending] = await getQueuedWithdrawals(clients.public, { contracts, staker: staker.address });
  assert.ok(pending);
  assert.equal(pending.root, root);
  assert.equal(pending.operator, f.accounts.operators[1].address);
  assert.deepEqual([...pending.strategies].sort(), [...strategies].sort());
  assert.deepEqual(
    pending.shares,
    strategies.map(() => seedDeposit(1)),
  );
  assert.equal(pending.completable, false);

  await mine(clients, deployment.delays.withdrawalBlocks);
  const [ready] = await getQueuedWithdrawals(clients.public, { contracts, staker: staker.address });
  assert.equal(ready?.completable, true);
  const { shares } = await completeQueuedWithdrawal(clients.wallet(staker), {
    contracts,
    root,
    receiveAsTokens: false,
  });
  assert.deepEqual(
    shares,
    strategies.map(() => seedDeposit(1)),
  );
  // Received as shares while undelegated: a plain, unslashable position again.
  const [first] = strategies;
  assert.ok(first);
  const position = await getStakerPosition(clients.public, {
    contracts,
    staker: staker.address,
    strategy: first,
  });
  assert.equal(position.operator, "0x0000000000000000000000000000000000000000");
  assert.equal(position.withdrawableShares, seedDeposit(1));
});
