import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { marketplaceAbi, mockLstAbi } from "@palisade/abis";
import { depositIntoStrategy } from "@palisade/sdk";
import { accounts, createClients, freePort, repoRoot, sendAndWait } from "@palisade/testkit";
import { encodeFunctionData, parseEther } from "viem";
import { getBlock, getBlockNumber, readContract } from "viem/actions";
import { type GovCliFixture, govCliFixture } from "./testing/govFixture.ts";

// One chain under governance for the whole file (testkit governanceFixture): the tests run in order
// and build on each other's proposals.
const named = accounts();
let f: GovCliFixture;

before(async () => {
  f = await govCliFixture();
});
after(() => f?.stop());

const proposalCount = async () =>
  (await f.run(["gov", "list", "--json"])).json<{ proposals: unknown[] }>().proposals.length;

test("gov --help lists every command; each command's help has a devnet example", async () => {
  const group = await f.run(["gov", "--help"]);
  assert.equal(group.code, 0, group.err);
  for (const name of ["sync", "propose", "vote", "queue", "execute", "list", "show"])
    assert.match(group.out, new RegExp(`^ {2}${name} +\\S`, "m"), name);
  const propose = await f.run(["gov", "propose", "--help"]);
  assert.match(
    propose.out,
    /npx palisade gov propose --account staker2 --param marketplace\.protocolFeeBps --value 300/,
  );
  assert.match(
    propose.out,
    /^ {2}marketplace: minStake \(PAL\), inFlightMultipleBps \(bps\), protocolFeeBps \(bps\)/m,
  );
  const warp = await f.run(["dev", "warp", "--help"]);
  assert.match(warp.out, /npx palisade dev warp --seconds 3600/);
});

test("gov sync mints the rise of a staker's allocated stake; an account without stake is told to restake", async () => {
  // staker0 restakes 10 more stETH with operator 0, which allocates half of its stake to Palisade's set.
  const stETH = f.deployment.strategies.stETH;
  assert.ok(stETH);
  const staker = named.stakers[0];
  const mint = encodeFunctionData({
    abi: mockLstAbi,
    functionName: "mint",
    args: [staker.address, parseEther("10")],
  });
  await sendAndWait(f.clients.wallet(named.deployer), { to: stETH.token, data: mint }, "mint");
  await depositIntoStrategy(f.clients.wallet(staker), {
    contracts: f.deployment.contracts,
    strategy: stETH.strategy,
    amount: parseEther("10"),
  });

  const synced = await f.run(["gov", "sync", "--account", "staker0", "--json"]);
  assert.equal(synced.code, 0, synced.err);
  const data = synced.json<{ minted: string; burned: string; balance: string; backed: string }>();
  assert.equal(data.minted, parseEther("5").toString());
  assert.equal(data.burned, "0");
  assert.equal(data.backed, parseEther("20").toString());
  assert.equal(data.balance, parseEther("20").toString());

  const again = await f.run(["gov", "sync", "--staker", "staker0", "--account", "staker1"]);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /: nothing to mint or burn \(already in sync\)\n {2}backed by +20 gPAL/);

  const none = await f.run(["gov", "sync", "--account", "consumer0"]);
  assert.equal(none.code, 1);
  assert.match(none.err, /^error: 0x[0-9a-fA-F]{40} has no stake allocated to Palisade's operator set/m);
  assert.match(
    none.err,
    /^FIX: restake first: deposit into a strategy and delegate to an operator of Palisade's set/m,
  );
});

test("propose → vote → queue → warp → execute changes the marketplace's protocol fee; each early step says when", async () => {
  const proposed = await f.run([
    "gov",
    "propose",
    "--account",
    "staker2",
    "--param",
    "marketplace.protocolFeeBps",
    "--value",
    "300",
    "--description",
    "Lower the protocol fee to 3 %",
    "--json",
  ]);
  assert.equal(proposed.code, 0, proposed.err);
  const { proposalId, state } = proposed.json<{ proposalId: string; state: string }>();
  assert.equal(state, "Pending");
  const id = proposalId.slice(0, 10);
  const vote = (account: string) =>
    f.run(["gov", "vote", "--account", account, "--proposal", id, "--support", "for"]);

  // Too early: voting opens 30 s after the proposal.
  const early = await vote("staker2");
  assert.equal(early.code, 1);
  assert.match(
    early.err,
    new RegExp(
      `^error: proposal ${id}… is Pending until \\d\\d:\\d\\d:\\d\\d UTC \\(in \\d+ s\\); run it again then$`,
      "m",
    ),
  );
  const waitSeconds = /`npx palisade dev warp --seconds (\d+)`/.exec(early.err)?.[1];
  assert.ok(waitSeconds, early.err);

  const before = (await getBlock(f.clients.public, { blockTag: "latest" })).timestamp;
  const warp = await f.run(["dev", "warp", "--seconds", waitSeconds, "--json"]);
  assert.equal(warp.code, 0, warp.err);
  assert.ok(BigInt(warp.json<{ timestamp: string }>().timestamp) >= before + BigInt(waitSeconds));

  const stranger = await vote("consumer0");
  assert.equal(stranger.code, 1);
  assert.match(
    stranger.err,
    /^error: no voting weight: 0x[0-9a-fA-F]{40} held no gPAL at the snapshot of proposal/m,
  );

  const voted = await vote("staker2");
  assert.equal(voted.code, 0, voted.err);
  assert.match(
    voted.out,
    new RegExp(`^${named.stakers[2].address} voted for proposal ${id}… with 45\\.\\d{4} votes$`, "m"),
  );
  // Quorum: 4 % of twice the supply at the snapshot (155 gPAL after staker0's sync) = 12.4 votes.
  assert.match(voted.out, /^ {2}tally +for 45\.\d{4}, against 0, abstain 0; quorum 12\.4 \(reached\)$/m);
  const twice = await vote("staker2");
  assert.equal(twice.code, 1);
  assert.match(twice.err, /has already voted on proposal/);

  // Voting lasts an hour.
  const queueEarly = await f.run(["gov", "queue", "--account", "staker0", "--proposal", id]);
  assert.equal(queueEarly.code, 1);
  assert.match(
    queueEarly.err,
    new RegExp(`^error: voting on proposal ${id}… is open until .+ \\(in \\d+ min`, "m"),
  );
  assert.match(
    queueEarly.err,
    /^FIX: voting ends in .+; on the devnet move its clock there now: `npx palisade dev warp --seconds \d+`$/m,
  );
  assert.equal((await f.run(["dev", "warp", "--seconds", "3600"])).code, 0);

  const queued = await f.run(["gov", "queue", "--account", "staker0", "--proposal", id]);
  assert.equal(queued.code, 0, queued.err);
  assert.match(
    queued.out,
    new RegExp(`^proposal ${id}… queued: the Timelock executes it from .+ \\(in 1 h\\)$`, "m"),
  );

  // The Timelock holds it an hour.
  const executeEarly = await f.run(["gov", "execute", "--account", "staker0", "--proposal", id]);
  assert.equal(executeEarly.code, 1);
  assert.match(
    executeEarly.err,
    new RegExp(`^error: the timelock ETA of proposal ${id}… is .+ \\(in (1 h|59 min \\d+ s)\\)$`, "m"),
  );
  assert.match(
    executeEarly.err,
    /; on the devnet move its clock there now: `npx palisade dev warp --seconds 3\d{3}`$/m,
  );
  assert.equal((await f.run(["dev", "warp", "--seconds", "3600"])).code, 0);

  const feeBefore = await protocolFeeBps();
  assert.equal(feeBefore, 500);
  const executed = await f.run(["gov", "execute", "--account", "staker0", "--proposal", id]);
  assert.equal(executed.code, 0, executed.err);
  assert.match(executed.out, /^ {2}Marketplace\.setParams\(\{.*protocolFeeBps: 300,/m);
  assert.equal(await protocolFeeBps(), 300);

  const shown = await f.run(["gov", "show", "--account", "staker2", "--proposal", id]);
  assert.equal(shown.code, 0, shown.err);
  assert.match(shown.out, /^state +Executed$/m);
  assert.match(shown.out, /^votes +for 45\.\d{4}, against 0, abstain 0; quorum 12\.4 \(reached\)$/m);
  assert.match(
    shown.out,
    new RegExp(
      `^your weight +45\\.\\d{4} votes for ${named.stakers[2].address} at the snapshot; voted$`,
      "m",
    ),
  );
  const listed = await f.run(["gov", "list", "--state", "executed", "--json"]);
  const proposals = listed.json<{ proposals: { proposalId: string; state: string }[] }>().proposals;
  assert.deepEqual(
    proposals.map((proposal) => [proposal.proposalId, proposal.state]),
    [[proposalId, "Executed"]],
  );
  const again = await f.run(["gov", "execute", "--account", "staker0", "--proposal", id]);
  assert.equal(again.code, 1);
  assert.match(again.err, /has been executed already/);
});

async function protocolFeeBps(): Promise<number> {
  const params = await readContract(f.clients.public, {
    address: f.deployment.marketplace.marketplace,
    abi: marketplaceAbi,
    functionName: "params",
  });
  return params.protocolFeeBps;
}

test("propose refuses a value the setter would reject, a proposer without gPAL, and an unknown parameter", async () => {
  const count = await proposalCount();
  const outOfBounds = await f.run([
    "gov",
    "propose",
    "--account",
    "staker2",
    "--param",
    "marketplace.protocolFeeBps",
    "--value",
    "5000",
  ]);
  assert.equal(outOfBounds.code, 1);
  assert.match(
    outOfBounds.err,
    /^error: the proposal's call Marketplace\.protocolFeeBps = 5000 bps would revert when the Timelock executes it: ParamOutOfBounds\(protocolFeeBps, 5000, 0, 2000\)$/m,
  );
  assert.match(outOfBounds.err, /^FIX: protocolFeeBps must be within \[0, 2000\] \(got 5000\)$/m);

  const noWeight = await f.run(["gov", "propose", "--account", "consumer0", "--delist", "2"]);
  assert.equal(noWeight.code, 1);
  assert.match(
    noWeight.err,
    /^error: no voting weight: 0x[0-9a-fA-F]{40} holds no gPAL \(proposing needs 0\.3\d* votes\)$/m,
  );
  assert.match(
    noWeight.err,
    /^FIX: restake with an operator of Palisade's set, then `npx palisade gov sync`/m,
  );
  assert.equal(await proposalCount(), count, "nothing was proposed");

  const unknown = await f.run([
    "gov",
    "propose",
    "--account",
    "staker2",
    "--param",
    "marketplace.fee",
    "--value",
    "1",
  ]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /^error: --param: unknown parameter/m);
});

test("presets: a delisting, a disciplinary provider slash (vetoable) and the raw form, decoded by gov show", async () => {
  const delist = await f.run(["gov", "propose", "--account", "staker1", "--delist", "2", "--json"]);
  assert.equal(delist.code, 0, delist.err);
  const delistId = delist.json<{ proposalId: string }>().proposalId.slice(0, 10);
  const shownDelist = await f.run(["gov", "show", "--proposal", delistId]);
  assert.match(shownDelist.out, /^calls +Marketplace\.setServiceActive\(2, false\)$/m);
  assert.match(shownDelist.out, /^description +Delist service 2 \(address-risk of provider 2\)$/m);
  assert.match(shownDelist.out, /^disciplinary +no$/m);
  const duplicate = await f.run(["gov", "propose", "--account", "staker1", "--delist", "2"]);
  assert.equal(duplicate.code, 1);
  assert.match(
    duplicate.err,
    new RegExp(
      `^error: an identical proposal \\(the same calls and description\\) exists: proposal ${delistId}…, Pending$`,
      "m",
    ),
  );

  const slash = await f.run([
    "gov",
    "propose",
    "--account",
    "staker1",
    "--slash-provider",
    "2",
    "--amount",
    "100",
    "--evidence",
    "served stale verdicts",
    "--compensate",
    "consumer0=10",
  ]);
  assert.equal(slash.code, 0, slash.err);
  assert.match(
    slash.out,
    new RegExp(
      `^ {2}proposes +slash provider 2 \\(stake 5000 PAL\\) by 100 PAL, paying ${named.consumers[0].address} 10 PAL first$`,
      "m",
    ),
  );
  assert.match(
    slash.out,
    /^ {2}veto +disciplinary: the veto committee may veto it while queued, until its ETA$/m,
  );

  const target = f.deployment.avs.serviceManager;
  const raw = await f.run([
    "gov",
    "propose",
    "--account",
    "staker1",
    "--target",
    target,
    "--signature",
    "setQuorumThreshold(uint16)",
    "--args",
    "7000",
    "--json",
  ]);
  assert.equal(raw.code, 0, raw.err);
  const rawId = raw.json<{ proposalId: string }>().proposalId.slice(0, 10);
  const shownRaw = await f.run(["gov", "show", "--proposal", rawId]);
  assert.match(shownRaw.out, /^calls +ServiceManager\.setQuorumThreshold\(7000\)$/m);

  const missing = await f.run([
    "gov",
    "propose",
    "--account",
    "staker1",
    "--target",
    target,
    "--signature",
    "setQuorumThreshold(uint16)",
  ]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /^error: setQuorumThreshold takes 1 argument; --args was given 0 times$/m);
  const pending = await f.run(["gov", "list", "--state", "pending"]);
  assert.equal(pending.out.trim().split("\n").length, 4, pending.out);
});

test("an unknown proposal id says where to find them", async () => {
  const run = await f.run(["gov", "show", "--proposal", "99999"]);
  assert.equal(run.code, 1);
  assert.match(run.err, /^error: no proposal 99999 on this governor$/m);
  assert.match(run.err, /^FIX: `npx palisade gov list` shows the proposals with their ids$/m);
});

test("dev warp refuses a chain that is not the devnet and leaves it alone", async () => {
  const port = await freePort();
  const anvil = spawn(
    join(repoRoot, "node_modules/.bin/anvil"),
    ["--port", String(port), "--host", "127.0.0.1", "--chain-id", "5"],
    {
      stdio: "ignore",
    },
  );
  try {
    const rpc = `http://127.0.0.1:${port}`;
    const client = createClients(rpc, { chainId: 5 }).public;
    for (let tries = 0; ; tries++) {
      try {
        await getBlockNumber(client);
        break;
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((wait) => setTimeout(wait, 100));
      }
    }
    const blockBefore = await getBlockNumber(client, { cacheTime: 0 });
    const run = await f.run(["dev", "warp", "--seconds", "60", "--rpc", rpc]);
    assert.equal(run.code, 1);
    assert.match(
      run.err,
      /^error: dev warp works on the devnet \(chain id 31337\) only; this chain's id is 5$/m,
    );
    assert.equal(await getBlockNumber(client, { cacheTime: 0 }), blockBefore);
  } finally {
    anvil.kill("SIGTERM");
  }
});
