import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { mintAccessToken } from "@palisade/sdk";
import { openMeteringStore } from "@palisade/store";
import { accounts } from "@palisade/testkit";
import { type CliFixture, cliFixture } from "./testing/cliFixture.ts";

const named = accounts();
let f: CliFixture;

before(async () => {
  f = await cliFixture();
});
after(() => f?.stop());

test("register stakes PAL and prints the provider id and the next step", async () => {
  const run = await f.run([
    "provider",
    "register",
    "--account",
    "provider1",
    "--stake",
    "500",
    "--metadata",
    "https://vendor.example/palisade.json",
    "--endpoint",
    "http://127.0.0.1:8702",
  ]);
  assert.equal(run.code, 0, run.err);
  assert.match(
    run.out,
    new RegExp(`^provider 3 registered by ${named.providers[1].address} with 500 PAL staked\\n`),
  );
  assert.match(
    run.out,
    /\ntransactions:\n {2}approve: 0x[0-9a-f]{64}\n {2}registerProvider: 0x[0-9a-f]{64}\nnext: npx palisade provider service add --provider 3 /,
  );
  assert.match(run.err, /^approving 500 PAL for the Marketplace…$/m);
});

test("register below the minimum stake, or with --no-approve and no allowance, says what to do", async () => {
  const base = [
    "provider",
    "register",
    "--account",
    "provider1",
    "--metadata",
    "m",
    "--endpoint",
    "http://127.0.0.1:8703",
  ];
  const low = await f.run([...base, "--stake", "1"]);
  assert.equal(low.code, 1);
  assert.match(
    low.err,
    /^error: registerProvider reverted with StakeTooLow\(1000000000000000000, 100000000000000000000\)$/m,
  );
  assert.match(low.err, /^FIX: stake at least 100 PAL \(--stake 100\)$/m);
  // Refused before any approval was sent.
  assert.doesNotMatch(low.err, /approving/);
  const noApprove = await f.run([...base, "--stake", "200", "--no-approve", "--json"]);
  assert.equal(noApprove.code, 1);
  const { error } = noApprove.json<{ error: { name: string; fix: string } }>();
  assert.equal(error.name, "InsufficientAllowanceError");
  assert.match(
    error.fix,
    /`npx palisade provider register --account provider1 --metadata m --endpoint http:\/\/127\.0\.0\.1:8703 --stake 200 --json`/,
  );
});

test("service add lists a service; service update reprices and delists it; only the owner may", async () => {
  const add = await f.run([
    "provider",
    "service",
    "add",
    "--account",
    "provider1",
    "--provider",
    "3",
    "--category",
    "phishing",
    "--price",
    "0.004",
    "--path",
    "/v1/phishing",
    "--schema",
    "http://127.0.0.1:8702/openapi.json#/v1/phishing",
    "--json",
  ]);
  assert.equal(add.code, 0, add.err);
  assert.equal(add.json<{ serviceId: number }>().serviceId, 7);
  const update = await f.run([
    "provider",
    "service",
    "update",
    "--account",
    "provider1",
    "--service",
    "7",
    "--price",
    "0.005",
    "--active",
    "false",
  ]);
  assert.equal(update.code, 0, update.err);
  assert.match(
    update.out,
    /^service 7: 0\.005 PAL per call, active no\ntransactions:\n {2}updateServiceFee: 0x[0-9a-f]{64}\n {2}setServiceActive: 0x/,
  );
  const listed = await f.run(["market", "services", "--provider", "3", "--all", "--json"]);
  assert.deepEqual(
    listed
      .json<{ services: { serviceId: number; active: boolean; pricePerCall: string }[] }>()
      .services.map((service) => [service.serviceId, service.active, service.pricePerCall]),
    [[7, false, "5000000000000000"]],
  );
  const stranger = await f.run([
    "provider",
    "service",
    "update",
    "--account",
    "provider0",
    "--service",
    "7",
    "--active",
    "true",
  ]);
  assert.equal(stranger.code, 1);
  assert.match(
    stranger.err,
    new RegExp(
      `FIX: ${named.providers[0].address} does not own provider 3: sign as its owner \\(\`npx palisade market provider --provider 3\` shows it\\)`,
    ),
  );
});

test("status shows stake, in-flight value against the cap, score, fees and services", async () => {
  const run = await f.run(["provider", "status", "--provider", "1"]);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^provider 1\n/);
  assert.match(run.out, new RegExp(`\\n {2}owner +${named.providers[0].address}\\n`));
  assert.match(run.out, /\n {2}stake +10000 PAL\n/);
  // The seeded purchase: 100 calls at 0.01 PAL.
  assert.match(run.out, /\n {2}in flight +1 PAL \(0\.01 % of a 10000 PAL cap\)\n/);
  assert.match(run.out, /\n {2}unstaking +none\n/);
  assert.match(run.out, /\n {2}fees +0 PAL pending, 0 PAL releasable now; new claims release after 10 min\n/);
  assert.match(
    run.out,
    /\nservices \(4\)\nid +category +price\/call +active +path +schema\n1 +address-risk +0\.01 PAL +yes +\/v1\/address +\S+\n3 +token-risk +0\.02 PAL +yes +\/v1\/token +\S+\n4 +phishing/,
  );
  const json = await f.run(["provider", "status", "--provider", "1", "--json"]);
  const data = json.json<{
    provider: { stake: string; inFlight: string };
    inFlightCap: string;
    fees: { releaseDelay: number };
  }>();
  assert.equal(data.provider.stake, "10000000000000000000000");
  assert.equal(data.provider.inFlight, "1000000000000000000");
  assert.equal(data.inFlightCap, "10000000000000000000000");
  assert.equal(data.fees.releaseDelay, 600);
  const unknown = await f.run(["provider", "status", "--provider", "99"]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /ProviderNotFound\(99\)[\s\S]*FIX: no provider 99 on this marketplace/);
});

test("stake add, unstake, and unstake complete after the delay", async () => {
  const add = await f.run([
    "provider",
    "stake",
    "add",
    "--account",
    "provider1",
    "--provider",
    "3",
    "--amount",
    "100",
  ]);
  assert.equal(add.code, 0, add.err);
  assert.match(add.out, /^provider 3: 100 PAL added, stake now 600 PAL\n/);
  const tooMuch = await f.run([
    "provider",
    "unstake",
    "--account",
    "provider1",
    "--provider",
    "3",
    "--amount",
    "601",
  ]);
  assert.equal(tooMuch.code, 1);
  assert.match(
    tooMuch.err,
    /InsufficientStake[\s\S]*FIX: the active stake is 600 PAL: pass an --amount of at most that/,
  );
  const unstake = await f.run([
    "provider",
    "unstake",
    "--account",
    "provider1",
    "--provider",
    "3",
    "--amount",
    "50",
  ]);
  assert.equal(unstake.code, 0, unstake.err);
  assert.match(
    unstake.out,
    /^provider 3: 50 PAL unstaking, available \S+ \(in 10 min\); stake now 550 PAL\n/,
  );
  const early = await f.run(["provider", "unstake", "complete", "--account", "provider1", "--provider", "3"]);
  assert.equal(early.code, 1);
  assert.match(
    early.err,
    /^FIX: the unstake delay ends at \S+Z: run `npx palisade provider unstake complete --provider 3` then$/m,
  );
  await f.advance(601);
  const complete = await f.run([
    "provider",
    "unstake",
    "complete",
    "--account",
    "provider1",
    "--provider",
    "3",
  ]);
  assert.equal(complete.code, 0, complete.err);
  assert.equal(complete.out.split("\n")[0], `sent 50 PAL to ${named.providers[1].address}`);
  const nothing = await f.run([
    "provider",
    "unstake",
    "complete",
    "--account",
    "provider1",
    "--provider",
    "3",
  ]);
  assert.match(nothing.err, /NothingToUnstake[\s\S]*FIX: request an unstake first/);
});

test("claim reads the highest metered call from the store; withdraw pays once released", async () => {
  const dir = mkdtempSync(join(tmpdir(), "palisade-cli-claim-"));
  const path = join(dir, "metering.sqlite");
  const missing = await f.run([
    "provider",
    "claim",
    "--account",
    "provider0",
    "--purchase",
    "1",
    "--store",
    path,
  ]);
  assert.equal(missing.code, 1);
  assert.match(
    missing.err,
    /^error: no metering store at .*metering\.sqlite\nFIX: pass --store the SQLite file/m,
  );
  // What a provider's access guard records: the consumer's tokens for calls 1…3.
  const metering = openMeteringStore(path);
  const consumer = f.clients.wallet(named.consumers[0]);
  for (const nonce of [1n, 2n, 3n]) {
    const { token } = await mintAccessToken(consumer, {
      contracts: f.deployment.marketplace,
      purchaseId: 1n,
      providerId: 1,
      nonce,
    });
    await metering.recordCall({
      purchaseId: 1n,
      nonce,
      expiry: token.expiry,
      signer: consumer.account.address,
      signature: token.signature,
      servedAt: Date.now(),
    });
  }
  await metering.close();
  const claim = await f.run([
    "provider",
    "claim",
    "--account",
    "provider0",
    "--purchase",
    "1",
    "--store",
    path,
    "--json",
  ]);
  assert.equal(claim.code, 0, claim.err);
  const claimed = claim.json<{
    claimed: boolean;
    nonce: string;
    served: number;
    providerAmount: string;
    protocolFee: string;
  }>();
  assert.deepEqual(
    [claimed.claimed, claimed.nonce, claimed.served, claimed.providerAmount, claimed.protocolFee],
    [true, "3", 3, "28500000000000000", "1500000000000000"],
  );
  const reopened = openMeteringStore(path);
  assert.equal(await reopened.claimedUpTo(1n), 3n);
  await reopened.close();
  const status = await f.run(["provider", "status", "--provider", "1", "--json"]);
  assert.equal(status.json<{ fees: { pending: string } }>().fees.pending, "28500000000000000");
  await f.advance(601);
  const withdraw = await f.run(["provider", "withdraw", "--account", "provider0", "--provider", "1"]);
  assert.equal(withdraw.code, 0, withdraw.err);
  assert.match(
    withdraw.out,
    new RegExp(`^withdrew 0\\.0285 PAL to ${named.providers[0].address}; 0 PAL still pending\\n`),
  );
});
