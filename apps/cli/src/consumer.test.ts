import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { decodeAccessToken } from "@palisade/crypto";
import { accounts } from "@palisade/testkit";
import { type CliFixture, cliFixture } from "./testing/cliFixture.ts";
import { type ProviderServer, startProviderServer } from "./testing/providerServer.ts";

const named = accounts();
const consumer0 = named.consumers[0].address;
const consumer1 = named.consumers[1].address;
const dead = "0x000000000000000000000000000000000000dEaD";
const hash = /0x[0-9a-f]{64}/;

let f: CliFixture;
let servers: ProviderServer[] = [];
let meteringDir: string;

before(async () => {
  meteringDir = mkdtempSync(join(tmpdir(), "palisade-cli-metering-"));
  f = await cliFixture({
    endpoints: async (base) => {
      servers = await Promise.all(
        [0, 1].map((index) =>
          startProviderServer({
            client: base.clients.public,
            contracts: base.deployment.marketplace,
            chainId: base.clients.chain.id,
            meteringPath: join(meteringDir, `provider${index + 1}.sqlite`),
          }),
        ),
      );
      // A fresh marketplace numbers the seeded providers 1 and 2.
      for (const [index, server] of servers.entries()) server.serve(index + 1);
      return [servers[0]?.url ?? "", servers[1]?.url ?? ""];
    },
  });
});
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await f?.stop();
});

test("buy approves, then purchases, announcing each transaction on stderr", async () => {
  const run = await f.run(["consumer", "buy", "--account", "consumer1", "--service", "1", "--calls", "10"]);
  assert.equal(run.code, 0, run.err);
  assert.match(
    run.out,
    /^purchase 2: 10 calls of service 1 \(provider 1\) at 0\.01 PAL, 0\.1 PAL in escrow\n/,
  );
  assert.match(run.out, /\nnext: npx palisade consumer call --purchase 2\n$/);
  const lines = run.err.trim().split("\n");
  assert.equal(lines[0], "approving 0.1 PAL for the Marketplace…");
  assert.match(lines[1] ?? "", /^sent 0x[0-9a-f]{64}, waiting…$/);
  assert.match(lines[2] ?? "", /^mined in block \d+$/);
  assert.equal(lines[3], "calling purchase on the Marketplace…");
});

test("buy --permit buys in one transaction; --json prints the purchase with amounts as strings", async () => {
  const run = await f.run([
    "consumer",
    "buy",
    "--account",
    "consumer1",
    "--service",
    "2",
    "--calls",
    "5",
    "--permit",
    "--json",
  ]);
  assert.equal(run.code, 0, run.err);
  const { purchase, total, approvalTransaction, transaction } = run.json<{
    purchase: Record<string, unknown>;
    total: string;
    approvalTransaction: null;
    transaction: string;
  }>();
  assert.equal(purchase.purchaseId, "3");
  assert.equal(purchase.consumer, consumer1);
  assert.equal(purchase.providerId, 2);
  assert.equal(purchase.pricePerCall, "8000000000000000");
  assert.equal(total, "40000000000000000");
  assert.equal(approvalTransaction, null);
  assert.match(transaction, hash);
  assert.doesNotMatch(run.err, /approving/);
  assert.match(run.err, /calling purchaseWithPermit on the Marketplace/);
});

test("buy refuses a price above --max-price and, with --no-approve, a short allowance", async () => {
  const price = await f.run([
    "consumer",
    "buy",
    "--account",
    "consumer1",
    "--service",
    "1",
    "--calls",
    "1",
    "--max-price",
    "0.001",
  ]);
  assert.equal(price.code, 1);
  assert.match(
    price.err,
    /^error: purchase reverted with PriceAboveMax\(10000000000000000, 1000000000000000\)$/m,
  );
  assert.match(price.err, /^FIX: the service costs 0\.01 PAL per call, above --max-price 0\.001 PAL/m);
  assert.equal(
    price.err.split("\n")[0],
    "error: purchase reverted with PriceAboveMax(10000000000000000, 1000000000000000)",
  );
  const argv = [
    "consumer",
    "buy",
    "--account",
    "consumer1",
    "--service",
    "1",
    "--calls",
    "3",
    "--no-approve",
  ];
  const allowance = await f.run(argv);
  assert.equal(allowance.code, 1);
  // The refused purchase above approved nothing (its simulation failed before the approval).
  assert.match(
    allowance.err,
    /^error: allowance of 0x[0-9a-fA-F]{40} on token 0x[0-9a-fA-F]{40} from 0x[0-9a-fA-F]{40} is 0, needs 30000000000000000$/m,
  );
  assert.match(
    allowance.err,
    /^FIX: the CLI approves what a command needs unless --no-approve is given: `npx palisade consumer buy --account consumer1 --service 1 --calls 3`$/m,
  );
});

test("an account without PAL is told how to get some on the devnet, and the fix works", async () => {
  const staker = named.stakers[0].address;
  const broke = await f.run(["consumer", "buy", "--account", "staker0", "--service", "1", "--calls", "10"]);
  assert.equal(broke.code, 1);
  assert.match(broke.err, new RegExp(`^error: ${staker} holds 0 of token`, "m"));
  const fix =
    /^FIX: get PAL on the devnet from the deployer: `npx palisade (dev fund --to 0x[0-9a-fA-F]{40} --pal 0\.1)` \(a seeded account may also take the faucet's drip/m.exec(
      broke.err,
    );
  assert.ok(fix?.[1], broke.err);
  const fund = await f.run(fix[1].split(" "));
  assert.equal(fund.code, 0, fund.err);
  assert.match(fund.out, new RegExp(`^sent 0\\.1 PAL to ${staker}; it holds 0\\.1 PAL`));
  assert.equal(
    (await f.run(["consumer", "buy", "--account", "staker0", "--service", "1", "--calls", "10"])).code,
    0,
  );
});

test("a purchase beyond the provider's in-flight cap names the cap and the stake to add", async () => {
  // Provider 2 stakes 5000 PAL with a 1× multiple: 700 000 calls at 0.008 PAL (5600 PAL) exceed it.
  const argv = ["consumer", "buy", "--account", "consumer1", "--service", "2", "--calls", "700000"];
  const capped = await f.run(argv);
  assert.equal(capped.code, 1);
  assert.match(capped.err, /^error: purchase reverted with InFlightCapExceeded\(2, /);
  assert.match(
    capped.err,
    /^FIX: provider 2's stake caps its unclaimed sales at 5000 PAL \(this purchase would make 5600\.04 PAL\)\. Its owner can add stake with `npx palisade provider stake add --provider 2 --amount <PAL>`/m,
  );
  const stake = await f.run([
    "provider",
    "stake",
    "add",
    "--account",
    "provider1",
    "--provider",
    "2",
    "--amount",
    "1000",
  ]);
  assert.equal(stake.code, 0, stake.err);
  assert.match(stake.out, /^provider 2: 1000 PAL added, stake now 6000 PAL\n/);
  assert.equal((await f.run(argv)).code, 0);
});

test("token prints the Authorization header value and moves to the next nonce each time", async () => {
  const first = await f.run(["consumer", "token", "--account", "consumer1", "--purchase", "2"]);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /^Palisade [A-Za-z0-9_-]+\n$/);
  const token = decodeAccessToken(first.out.trim().slice("Palisade ".length));
  assert.equal(token.purchaseId, 2n);
  assert.equal(token.providerId, 1);
  assert.equal(token.consumer.toLowerCase(), consumer1.toLowerCase());
  assert.equal(token.nonce, 1n);
  // Within the marketplace's session revocation delay (60 s on the devnet), by the wall clock.
  const lifetime = token.expiry - BigInt(Math.floor(Date.now() / 1000));
  assert.ok(lifetime > 40n && lifetime <= 55n, `lifetime ${lifetime}`);
  assert.match(first.err, /^token for call 1 of 10 of purchase 2, expires /);
  const second = await f.run(["consumer", "token", "--account", "consumer1", "--purchase", "2", "--json"]);
  assert.equal(second.json<{ token: { nonce: string } }>().token.nonce, "2");
  const explicit = await f.run([
    "consumer",
    "token",
    "--account",
    "consumer1",
    "--purchase",
    "2",
    "--nonce",
    "5",
    "--expiry",
    "30",
  ]);
  const five = decodeAccessToken(explicit.out.trim().slice("Palisade ".length));
  assert.equal(five.nonce, 5n);
  const next = await f.run(["consumer", "token", "--account", "consumer1", "--purchase", "2", "--json"]);
  assert.equal(next.json<{ token: { nonce: string } }>().token.nonce, "6");
});

test("call signs the next nonce, calls the provider through its access guard and prints the answer", async () => {
  const run = await f.run([
    "consumer",
    "call",
    "--account",
    "consumer0",
    "--purchase",
    "1",
    "--query",
    `address=${dead}`,
  ]);
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(JSON.parse(run.out), {
    verdict: "benign",
    address: dead,
    path: "/v1/address",
    nonce: "1",
  });
  assert.match(run.err, /^call 1 of 100 of purchase 1 \(99 left\)$/m);
  const json = await f.run(["consumer", "call", "--account", "consumer0", "--purchase", "1", "--json"]);
  const data = json.json<{
    nonce: string;
    status: number;
    callsRemaining: number;
    url: string;
    body: { nonce: string };
  }>();
  assert.equal(data.nonce, "2");
  assert.equal(data.status, 200);
  assert.equal(data.callsRemaining, 98);
  assert.equal(data.url, `${servers[0]?.url}/v1/address`);
  assert.equal(data.body.nonce, "2");
  assert.equal(await servers[0]?.metering.countCalls(1n), 2);
});

test("call --body POSTs JSON (inline or @file) to --path", async () => {
  writeFileSync(join(f.dir, "request.json"), JSON.stringify({ address: dead, chain: 1 }));
  const argv = [
    "consumer",
    "call",
    "--account",
    "consumer0",
    "--purchase",
    "1",
    "--path",
    "/v1/address/batch",
  ];
  const inline = await f.run([...argv, "--body", `{"address":"${dead}"}`]);
  assert.equal(inline.code, 0, inline.err);
  assert.deepEqual(JSON.parse(inline.out), {
    verdict: "benign",
    address: null,
    path: "/v1/address/batch",
    nonce: "3",
    method: "POST",
    body: { address: dead },
  });
  const fromFile = await f.run([...argv, "--body", "@request.json"]);
  assert.deepEqual(JSON.parse(fromFile.out).body, { address: dead, chain: 1 });
  const bad = await f.run([...argv, "--body", "{nope"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^error: --body is not JSON \(give JSON, or @file\)$/m);
});

test("call skips nonces another client used (409 token_replayed) and records them", async () => {
  // A second machine: its own state dir, so it starts at nonce 1, which the provider has served.
  const elsewhere = ["--state-dir", join(f.dir, "elsewhere")];
  const run = await f.run(["consumer", "call", "--account", "consumer0", "--purchase", "1", ...elsewhere]);
  assert.equal(run.code, 0, run.err);
  assert.match(
    run.err,
    /^nonce 1 was already used; trying 2\n(nonce \d was already used; trying \d\n){3}call 5 of 100/m,
  );
  assert.equal(JSON.parse(run.out).nonce, "5");
  const explicit = await f.run([
    "consumer",
    "call",
    "--account",
    "consumer0",
    "--purchase",
    "1",
    "--nonce",
    "2",
    ...elsewhere,
  ]);
  assert.equal(explicit.code, 1);
  assert.match(
    explicit.err,
    /^error: http:\/\/127\.0\.0\.1:\d+\/v1\/address refused the call: 409 token_replayed$/m,
  );
  assert.match(explicit.err, /^FIX: the provider has served this nonce: leave --nonce out/m);
});

test("a session key calls for its consumer once authorised, and not before", async () => {
  const argv = [
    "consumer",
    "call",
    "--account",
    "consumer1",
    "--purchase",
    "1",
    "--state-dir",
    join(f.dir, "gateway"),
  ];
  const refused = await f.run(argv);
  assert.equal(refused.code, 1);
  assert.match(
    refused.err,
    new RegExp(
      `^error: ${consumer1} is not the purchase's consumer \\(${consumer0}\\) nor a session key of it$`,
      "m",
    ),
  );
  assert.match(refused.err, new RegExp(`FIX: .*session-key authorize --key ${consumer1} --valid-for 86400`));
  const authorize = await f.run([
    "consumer",
    "session-key",
    "authorize",
    "--account",
    "consumer0",
    "--key",
    consumer1,
    "--valid-for",
    "3600",
  ]);
  assert.equal(authorize.code, 0, authorize.err);
  assert.match(
    authorize.out,
    new RegExp(`^${consumer1} may sign access tokens for ${consumer0} until .* \\(in 1 h\\)`),
  );
  const served = await f.run(argv);
  assert.equal(served.code, 0, served.err);
  assert.equal(JSON.parse(served.out).nonce, "6");
  const revoke = await f.run([
    "consumer",
    "session-key",
    "revoke",
    "--account",
    "consumer0",
    "--key",
    consumer1,
    "--json",
  ]);
  assert.equal(revoke.code, 0, revoke.err);
  assert.ok(revoke.json<{ validUntil: number }>().validUntil > 0);
});

test("the provider claims what the guard metered, then withdraws once released", async () => {
  const store = join(meteringDir, "provider1.sqlite");
  const claim = await f.run([
    "provider",
    "claim",
    "--account",
    "provider0",
    "--purchase",
    "1",
    "--store",
    store,
  ]);
  assert.equal(claim.code, 0, claim.err);
  assert.match(
    claim.out,
    /^purchase 1: 6 more calls claimed \(6 of 100 in total\); 0\.057 PAL for the provider after a 0\.003 PAL protocol fee, released /,
  );
  const again = await f.run([
    "provider",
    "claim",
    "--account",
    "provider0",
    "--purchase",
    "1",
    "--store",
    store,
  ]);
  assert.equal(again.code, 1);
  assert.match(again.err, /^error: purchase 1 has no recorded call beyond the 6 already claimed$/m);
  const early = await f.run(["provider", "withdraw", "--account", "provider0", "--provider", "1"]);
  assert.equal(early.code, 1);
  assert.match(
    early.err,
    /NothingToWithdraw\(1\)[\s\S]*FIX: no fees are released yet: `npx palisade provider status --provider 1`/,
  );
});

test("a provider whose server does not answer is reported as unreachable", async () => {
  // Port 9 (discard): nothing listens there.
  const register = await f.run([
    "provider",
    "register",
    "--account",
    "provider1",
    "--stake",
    "100",
    "--metadata",
    "m",
    "--endpoint",
    "http://127.0.0.1:9",
    "--json",
  ]);
  const { providerId } = register.json<{ providerId: number }>();
  const add = await f.run([
    "provider",
    "service",
    "add",
    "--account",
    "provider1",
    "--provider",
    String(providerId),
    "--category",
    "phishing",
    "--price",
    "0.001",
    "--path",
    "/v1/phishing",
    "--schema",
    "s",
    "--json",
  ]);
  const { serviceId } = add.json<{ serviceId: number }>();
  const buy = await f.run([
    "consumer",
    "buy",
    "--account",
    "consumer0",
    "--service",
    String(serviceId),
    "--calls",
    "1",
    "--json",
  ]);
  const { purchaseId } = buy.json<{ purchase: { purchaseId: string } }>().purchase;
  const call = await f.run(["consumer", "call", "--account", "consumer0", "--purchase", purchaseId]);
  assert.equal(call.code, 1);
  assert.match(
    call.err,
    /^error: the provider's server at http:\/\/127\.0\.0\.1:9\/v1\/phishing did not answer$/m,
  );
  assert.match(call.err, /^FIX: the provider's server is down or its endpoint is wrong/m);
});

test("review pays the fee; the provider challenges it with a bond; errors name the fix", async () => {
  const review = await f.run([
    "consumer",
    "review",
    "--account",
    "consumer0",
    "--purchase",
    "1",
    "--rating",
    "1",
    "--text",
    "stale verdicts",
    "--json",
  ]);
  assert.equal(review.code, 0, review.err);
  const { reviewId, scoreDelta } = review.json<{ reviewId: string; scoreDelta: string }>();
  assert.equal(reviewId, "1");
  assert.ok(BigInt(scoreDelta) <= 0n);
  const twice = await f.run([
    "consumer",
    "review",
    "--account",
    "consumer0",
    "--purchase",
    "1",
    "--rating",
    "5",
    "--text",
    "better now",
  ]);
  assert.match(twice.err, /AlreadyReviewed[\s\S]*FIX: purchase 1 already has review 1/);
  const stranger = await f.run(["provider", "challenge", "--account", "provider1", "--review", "1"]);
  assert.equal(stranger.code, 1);
  assert.match(stranger.err, /NotReviewedProvider[\s\S]*FIX: .* does not own the provider review 1 is about/);
  const challenge = await f.run(["provider", "challenge", "--account", "provider0", "--review", "1"]);
  assert.equal(challenge.code, 0, challenge.err);
  assert.match(challenge.out, /^review 1 \(rating 1\) is challenged; bond 50 PAL posted\n/);
});

test("refund opens after expiry and the claim grace; before, the FIX says when", async () => {
  const buy = await f.run([
    "consumer",
    "buy",
    "--account",
    "consumer0",
    "--service",
    "1",
    "--calls",
    "5",
    "--expiry",
    "60",
    "--json",
  ]);
  assert.equal(buy.code, 0, buy.err);
  const purchaseId = buy.json<{ purchase: { purchaseId: string } }>().purchase.purchaseId;
  const early = await f.run(["consumer", "refund", "--account", "consumer0", "--purchase", purchaseId]);
  assert.equal(early.code, 1);
  assert.match(
    early.err,
    new RegExp(`FIX: purchase ${purchaseId} is refundable from \\S+Z \\(its expiry plus`),
  );
  await f.advance(200);
  const refund = await f.run(["consumer", "refund", "--account", "consumer0", "--purchase", purchaseId]);
  assert.equal(refund.code, 0, refund.err);
  assert.match(
    refund.out,
    new RegExp(`^purchase ${purchaseId}: 5 unused calls refunded, 0\\.05 PAL returned to its consumer\\n`),
  );
  const call = await f.run(["consumer", "call", "--account", "consumer0", "--purchase", purchaseId]);
  assert.equal(call.code, 1);
  assert.match(
    call.err,
    new RegExp(`^error: purchase ${purchaseId} is refunded: its calls can no longer be used$`, "m"),
  );
});
