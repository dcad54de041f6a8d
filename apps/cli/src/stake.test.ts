import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { governanceTokenAbi, mockLstAbi, revenueDistributorAbi, utilityTokenAbi } from "@palisade/abis";
import { getOperatorPool, getQueuedWithdrawals, getStakerPosition } from "@palisade/sdk";
import { type Address, formatEther, parseEther } from "viem";
import { getBlockNumber, readContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { type RestakingCliFixture, restakingCliFixture } from "./testing/restakingFixture.ts";

let f: RestakingCliFixture;
before(async () => {
  f = await restakingCliFixture({ governance: true });
});
after(() => f?.stop());

const governance = () => {
  const section = f.deployment.governance;
  assert.ok(section, "the fixture deploys governance");
  return section;
};
const token = (symbol: string) => {
  const entry = f.deployment.strategies[symbol];
  assert.ok(entry);
  return entry;
};
const balanceOf = (tokenAddress: Address, owner: Address) =>
  readContract(f.clients.public, {
    address: tokenAddress,
    abi: mockLstAbi,
    functionName: "balanceOf",
    args: [owner],
  });
const gPal = (owner: Address) =>
  readContract(f.clients.public, {
    address: governance().governanceToken,
    abi: governanceTokenAbi,
    functionName: "balanceOf",
    args: [owner],
  });
const block = () => getBlockNumber(f.clients.public, { cacheTime: 0 });
const send = async (hash: Promise<`0x${string}`>) => {
  await waitForTransactionReceipt(f.clients.public, { hash: await hash });
};

test("deposit: test tokens from dev mint, approve + deposit with progress; the shares are the staker's", async () => {
  const pauser = f.accounts.pauser.address;
  const stETH = token("stETH");
  const mint = await f.run(["dev", "mint", "--to", "pauser", "--token", "stETH", "--amount", "20"]);
  assert.equal(mint.code, 0, mint.err);
  assert.equal(await balanceOf(stETH.token, pauser), parseEther("20"));

  const run = await f.run([
    "stake",
    "deposit",
    "--account",
    "pauser",
    "--token",
    "stETH",
    "--amount",
    "12.5",
    "--json",
  ]);
  assert.equal(run.code, 0, run.err);
  const data = run.json<{
    shares: string;
    amount: string;
    position: { operator: null; withdrawableShares: string };
  }>();
  assert.equal(data.amount, parseEther("12.5").toString());
  const position = await getStakerPosition(f.clients.public, {
    contracts: f.deployment.contracts,
    staker: pauser,
    strategy: stETH.strategy,
  });
  assert.equal(position.withdrawableShares.toString(), data.shares);
  assert.equal(data.position.withdrawableShares, data.shares);
  assert.equal(data.position.operator, null);
  assert.equal(await balanceOf(stETH.token, pauser), parseEther("7.5"));
  const lines = run.err.trim().split("\n");
  assert.equal(lines[0], "approving 12.5 stETH for the StrategyManager…");
  assert.match(lines[1] ?? "", /^sent 0x[0-9a-f]{64}, waiting…$/);
  assert.match(lines[2] ?? "", /^mined in block \d+$/);
  assert.equal(lines[3], "calling depositIntoStrategy on the StrategyManager…");
});

test("deposit refuses: more than the balance (FIX: dev mint), an unknown token, --no-approve without allowance", async () => {
  const start = await block();
  const short = await f.run([
    "stake",
    "deposit",
    "--account",
    "pauser",
    "--token",
    "stETH",
    "--amount",
    "10",
  ]);
  assert.equal(short.code, 1);
  assert.match(short.err, /^error: 0x\w{40} holds 7\.5 stETH, the deposit needs 10$/m);
  assert.match(
    short.err,
    /^FIX: get test stETH on the devnet: `npx palisade dev mint --to 0x\w{40} --token stETH --amount 2\.5`$/m,
  );
  const unknown = await f.run([
    "stake",
    "deposit",
    "--account",
    "pauser",
    "--token",
    "wstETH",
    "--amount",
    "1",
  ]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /^error: no strategy for wstETH in the deployment$/m);
  assert.match(unknown.err, /^FIX: use one of the deployment's symbols: stETH, rETH, cbETH$/m);
  const noApprove = await f.run([
    "stake",
    "deposit",
    "--account",
    "pauser",
    "--token",
    "stETH",
    "--amount",
    "1",
    "--no-approve",
  ]);
  assert.equal(noApprove.code, 1);
  assert.match(
    noApprove.err,
    /^FIX: the CLI approves what a command needs unless --no-approve is given: `npx palisade stake deposit --account pauser --token stETH --amount 1`$/m,
  );
  const decimals = await f.run([
    "stake",
    "deposit",
    "--account",
    "pauser",
    "--token",
    "stETH",
    "--amount",
    "0.0000000000000000001",
  ]);
  assert.equal(decimals.code, 2);
  assert.match(decimals.err, /--amount: "0\.0000000000000000001" has more than the 18 decimals stETH has/);
  assert.equal(await block(), start, "nothing was sent");
});

test("delegate: the staker's shares join the operator's pool; refusals name the fix", async () => {
  const pauser = f.accounts.pauser.address;
  const operator3 = f.operators[3]?.address as Address;
  const stETH = token("stETH");
  const pool = () =>
    getOperatorPool(f.clients.public, {
      contracts: f.deployment.contracts,
      operator: operator3,
      strategy: stETH.strategy,
    });
  const before = (await pool()).activeShares;
  const notOperator = await f.run(["stake", "delegate", "--account", "pauser", "--operator", "consumer0"]);
  assert.equal(notOperator.code, 1);
  assert.match(
    notOperator.err,
    /^error: 0x\w{40} is not an operator: stakers delegate to registered operators only$/m,
  );
  assert.match(
    notOperator.err,
    /^FIX: delegate to a registered operator: `npx palisade status` lists them$/m,
  );

  const run = await f.run(["stake", "delegate", "--account", "pauser", "--operator", "operator3", "--json"]);
  assert.equal(run.code, 0, run.err);
  const data = run.json<{
    operator: string;
    delegated: { token: string; shares: string }[];
    transaction: string;
  }>();
  assert.equal(data.operator, operator3);
  assert.deepEqual(
    data.delegated.map((entry) => entry.token),
    ["stETH"],
  );
  assert.equal((await pool()).activeShares - before, BigInt(data.delegated[0]?.shares ?? 0));
  assert.match(run.err, /calling delegateTo on the DelegationManager…/);

  const elsewhere = await f.run(["stake", "delegate", "--account", "pauser", "--operator", "operator1"]);
  assert.equal(elsewhere.code, 1);
  assert.match(
    elsewhere.err,
    new RegExp(
      `^error: ${pauser} is delegated to ${operator3}; a staker delegates to one operator at a time$`,
      "m",
    ),
  );
  assert.match(
    elsewhere.err,
    /^FIX: to move to 0x\w{40}: withdraw everything \(`npx palisade stake withdraw --all`\), complete it after the delay/m,
  );
});

test("withdraw then complete: not ready says how many blocks remain; after the delay the tokens come back", async () => {
  const pauser = f.accounts.pauser.address;
  const stETH = token("stETH");
  const { contracts, delays } = f.deployment;
  const tooMuch = await f.run([
    "stake",
    "withdraw",
    "--account",
    "pauser",
    "--token",
    "stETH",
    "--amount",
    "13",
  ]);
  assert.equal(tooMuch.code, 1);
  assert.match(tooMuch.err, /^error: 0x\w{40} can withdraw 12\.5 stETH, not 13$/m);
  assert.match(tooMuch.err, /^FIX: withdraw at most 12\.5 stETH \(--amount\), or everything with --all$/m);
  const nothing = await f.run(["stake", "withdraw", "--account", "pauser", "--token", "rETH", "--all"]);
  assert.equal(nothing.code, 1);
  assert.match(nothing.err, /^FIX: deposit first: `npx palisade stake deposit --token rETH --amount <n>`$/m);

  const run = await f.run([
    "stake",
    "withdraw",
    "--account",
    "pauser",
    "--token",
    "stETH",
    "--amount",
    "2",
    "--json",
  ]);
  assert.equal(run.code, 0, run.err);
  const data = run.json<{
    root: `0x${string}`;
    block: string;
    completableBlock: number;
    blocksLeft: number;
    governanceTokensBurned: string;
  }>();
  assert.equal(data.completableBlock, Number(data.block) + delays.withdrawalBlocks);
  assert.equal(data.blocksLeft, delays.withdrawalBlocks);
  // Never synced: the withdrawal gate takes no gPAL from it.
  assert.equal(data.governanceTokensBurned, "0");
  const [queued] = await getQueuedWithdrawals(f.clients.public, { contracts, staker: pauser });
  assert.equal(queued?.root, data.root);
  assert.deepEqual(queued?.shares, [parseEther("2")]);

  const early = await f.run(["stake", "complete", "--account", "pauser"]);
  assert.equal(early.code, 1);
  const [, completable, left] =
    /^error: the queued withdrawal is still in the withdrawal delay: the first completes in block (\d+), (\d+) blocks from now$/m.exec(
      early.err,
    ) ?? [];
  assert.equal(Number(completable), data.completableBlock);
  assert.equal(Number(left), data.completableBlock - Number(await block()));
  assert.match(
    early.err,
    new RegExp(
      `^FIX: run \`npx palisade stake complete\` again in ${left} blocks \\(from block ${completable}, about ${left} s on the devnet\\)$`,
      "m",
    ),
  );

  await f.mine(delays.withdrawalBlocks);
  const before = await balanceOf(stETH.token, pauser);
  const done = await f.run(["stake", "complete", "--account", "pauser", "--json"]);
  assert.equal(done.code, 0, done.err);
  const completed = done.json<{
    completed: { root: string; paid: { token: string; amount: string }[] }[];
    pending: unknown[];
  }>();
  assert.deepEqual(
    completed.completed.map((entry) => ({ root: entry.root, paid: entry.paid })),
    [{ root: data.root, paid: [{ token: "stETH", amount: parseEther("2").toString() }] }],
  );
  assert.deepEqual(completed.pending, []);
  assert.equal((await balanceOf(stETH.token, pauser)) - before, parseEther("2"));
  assert.deepEqual(await getQueuedWithdrawals(f.clients.public, { contracts, staker: pauser }), []);
  assert.match(
    done.err,
    /^completing withdrawal 1\/1 0x[0-9a-f]{64}\ncalling completeQueuedWithdrawal on the DelegationManager…/m,
  );

  const none = await f.run(["stake", "complete", "--account", "pauser"]);
  assert.equal(none.code, 1);
  assert.match(
    none.err,
    /^FIX: queue one first: `npx palisade stake withdraw --token <symbol> --amount <n>`$/m,
  );
});

test("withdrawal gate: a staker who gave its gPAL away is told how many to return, then withdraws and gPAL is burned", async () => {
  const staker0 = f.accounts.stakers[0];
  const held = await gPal(staker0.address);
  assert.ok(held > 0n, "the fixture synced staker 0's gPAL");
  await send(
    writeContract(f.clients.wallet(staker0), {
      address: governance().governanceToken,
      abi: governanceTokenAbi,
      functionName: "transfer",
      args: [f.accounts.pauser.address, held],
    }),
  );
  const start = await block();
  const refused = await f.run([
    "stake",
    "withdraw",
    "--account",
    "staker0",
    "--token",
    "stETH",
    "--amount",
    "1",
  ]);
  assert.equal(refused.code, 1);
  const [, have, need] =
    /^error: queueWithdrawal reverted with InsufficientGovernanceTokens\(0x\w{40}, (\d+), (\d+)\)$/m.exec(
      refused.err,
    ) ?? [];
  assert.equal(have, "0");
  assert.ok(BigInt(need ?? 0) > 0n);
  const fix = /^FIX: (.*)$/m.exec(refused.err)?.[1] ?? "";
  assert.match(
    fix,
    new RegExp(`${staker0.address} must hold ${formatEther(BigInt(need ?? 0))} gPAL and holds 0\\.`),
  );
  assert.ok(
    fix.includes(
      `cast send ${governance().governanceToken} "transfer(address,uint256)" ${staker0.address} ${need} --rpc-url ${f.anvil.rpcUrl} `,
    ),
    fix,
  );
  // The decoded error says it all: viem's undecoded signature line is not repeated under it.
  assert.doesNotMatch(refused.err, /following signature/);
  assert.match(fix, /or withdraw less \(the gPAL owed falls with the amount\)$/);
  assert.equal(await block(), start, "the refusal sent nothing");

  // Back to the staker: the gate burns what the withdrawn stake backed.
  await send(
    writeContract(f.clients.wallet(f.accounts.pauser), {
      address: governance().governanceToken,
      abi: governanceTokenAbi,
      functionName: "transfer",
      args: [staker0.address, held],
    }),
  );
  const run = await f.run([
    "stake",
    "withdraw",
    "--account",
    "staker0",
    "--token",
    "stETH",
    "--amount",
    "1",
    "--json",
  ]);
  assert.equal(run.code, 0, run.err);
  const burned = BigInt(run.json<{ governanceTokensBurned: string }>().governanceTokensBurned);
  assert.equal(burned, BigInt(need ?? 0));
  assert.equal(await gPal(staker0.address), held - burned);
});

test("claim: rewards from the RewardsCoordinator, and with --revenue the investor share of a settled epoch", async () => {
  const staker0 = f.accounts.stakers[0].address;
  const { revenueDistributor } = governance();
  const marketplace = f.deployment.marketplace;
  assert.ok(marketplace);
  // Revenue reaches the distributor (any PAL it receives is the next epoch's), the epoch ends, anyone settles it.
  await send(
    writeContract(f.clients.wallet(f.accounts.deployer), {
      address: marketplace.utilityToken,
      abi: utilityTokenAbi,
      functionName: "transfer",
      args: [revenueDistributor, parseEther("1000")],
    }),
  );
  await f.clients.test.increaseTime({ seconds: 3_601 });
  await f.mine(1);
  await send(
    writeContract(f.clients.wallet(f.accounts.deployer), {
      address: revenueDistributor,
      abi: revenueDistributorAbi,
      functionName: "distribute",
    }),
  );
  const owed = await readContract(f.clients.public, {
    address: revenueDistributor,
    abi: revenueDistributorAbi,
    functionName: "investorClaimable",
    args: [0n, staker0],
  });
  assert.ok(owed > 0n, "staker 0 held gPAL at the epoch's end");

  const stETH = token("stETH");
  const palBefore = await balanceOf(marketplace.utilityToken, staker0);
  const stETHBefore = await balanceOf(stETH.token, staker0);
  const run = await f.run(["stake", "claim", "--account", "staker0", "--revenue", "--json"]);
  assert.equal(run.code, 0, run.err);
  const data = run.json<{
    rewards: { symbol: string; amount: string }[];
    revenue: { amount: string; epochs: { epoch: number; amount: string }[] };
  }>();
  assert.deepEqual(data.revenue.epochs, [{ epoch: 0, amount: owed.toString() }]);
  assert.equal(data.revenue.amount, owed.toString());
  assert.equal((await balanceOf(marketplace.utilityToken, staker0)) - palBefore, owed);
  assert.equal(data.rewards.length, 1);
  assert.equal(data.rewards[0]?.symbol, "stETH");
  assert.ok(BigInt(data.rewards[0]?.amount ?? 0) > 0n);
  assert.equal((await balanceOf(stETH.token, staker0)) - stETHBefore, BigInt(data.rewards[0]?.amount ?? 0));
  assert.match(run.err, /claim 1\/1: stETH rewards\ncalling claim on the RewardsCoordinator…/);
  assert.match(
    run.err,
    /claiming the investor share of 1 settled revenue epoch\(s\)\ncalling claimInvestor on the RevenueDistributor…/,
  );

  // Nothing for someone who holds no stake and no gPAL.
  const empty = await f.run(["stake", "claim", "--account", "consumer1", "--revenue"]);
  assert.equal(empty.code, 1);
  assert.match(
    empty.err,
    /^error: 0x\w{40} has no rewards to claim and no revenue share of a settled epoch$/m,
  );
  assert.match(
    empty.err,
    /^FIX: rewards accrue while your operator's allocation to a funded operator set is in force/m,
  );

  // A deployment without governance refuses --revenue before sending anything.
  const file = join(f.dir, ".palisade/devnet/deployment.json");
  const { governance: _governance, ...withoutGovernance } = JSON.parse(readFileSync(file, "utf8"));
  writeFileSync(join(f.dir, "core.json"), JSON.stringify(withoutGovernance));
  const noGovernance = await f.run([
    "stake",
    "claim",
    "--account",
    "staker0",
    "--revenue",
    "--deployment",
    "core.json",
  ]);
  assert.equal(noGovernance.code, 1);
  assert.match(noGovernance.err, /^error: the deployment has no governance section$/m);
  assert.match(noGovernance.err, /^FIX: this deployment has no governance section: leave out --revenue/m);
});
