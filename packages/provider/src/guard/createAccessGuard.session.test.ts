// The SDK's call session against the guard over a real socket: one token per batch of calls, each
// call sent with its number (callService's `call`), every call served once, the proof the last batch.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  CallSessionExhaustedError,
  callService,
  createCallSession,
  InvalidCallSessionError,
  ServiceCallError,
} from "@palisade/sdk";
import { openMeteringStore, type SqliteMeteringStore } from "@palisade/store";
import { type Address, createWalletClient, http } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { createStaticPurchaseSource } from "../purchases/createStaticPurchaseSource.ts";
import type { Purchase } from "../purchases/purchaseSource.ts";
import { usageProof } from "../usageProof.ts";
import { createAccessGuard, type GuardedRequest } from "./createAccessGuard.ts";

const marketplace: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const contracts = { marketplace };
const providerId = 7;
const account = privateKeyToAccount(generatePrivateKey());
// Signing typed data with a local account never touches the transport: no chain is needed.
const wallet = createWalletClient({ account, chain: foundry, transport: http("http://127.0.0.1:9") });

const purchase = (calls: number): Purchase => ({
  consumer: account.address,
  providerId,
  serviceId: 1,
  calls,
  pricePerCall: 1n,
  expiry: Math.floor(Date.now() / 1000) + 86_400,
  served: 0,
  refunded: false,
});
const purchases = createStaticPurchaseSource({
  purchases: [
    [1n, purchase(25)],
    [2n, purchase(1_000)],
  ],
});

const dir = mkdtempSync(join(tmpdir(), "palisade-guard-session-"));
let metering: SqliteMeteringStore;
let server: Server;
let url: string;

before(async () => {
  metering = openMeteringStore(join(dir, "metering.sqlite"));
  const guard = createAccessGuard({
    providerId,
    marketplace,
    chainId: foundry.id,
    purchases,
    metering,
    maxTokenLifetimeSeconds: 300,
  });
  server = createServer((request, response) =>
    guard.middleware(request, response, () => {
      const { call, nonce } = (request as GuardedRequest).palisade;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ call: String(call), nonce: String(nonce) }));
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/check`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await metering.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a session signs one token per batch and serves every call of the purchase once", async () => {
  const session = createCallSession(wallet, {
    contracts,
    purchaseId: 1n,
    providerId,
    calls: 25,
    batchSize: 10,
  });
  // Handed out concurrently: numbers in order, one signature per batch shared by its calls.
  const pairs = await Promise.all(Array.from({ length: 25 }, () => session.next()));
  assert.deepEqual(
    pairs.map((p) => p.call),
    Array.from({ length: 25 }, (_, i) => BigInt(i + 1)),
  );
  assert.deepEqual(
    pairs.map((p) => p.token.nonce),
    [...Array(10).fill(10n), ...Array(10).fill(20n), ...Array(5).fill(25n)],
    "batches of 10, the last one cut at the calls bought",
  );
  assert.equal(new Set(pairs.map((p) => p.authorization)).size, 3, "three signatures");
  await assert.rejects(session.next(), CallSessionExhaustedError);

  const answers = await Promise.all(
    pairs.map(({ authorization, call }) => callService({ url, authorization, call })),
  );
  assert.deepEqual(
    answers.map((a) => (a.body as { call: string }).call),
    pairs.map((p) => String(p.call)),
  );
  assert.equal(await metering.countCalls(1n), 25);
  assert.equal((await usageProof(metering, 1n)).nonce, 25n);
  // A pair used twice is a replay.
  const first = pairs[0] as (typeof pairs)[number];
  await assert.rejects(callService({ url, authorization: first.authorization, call: first.call }), {
    name: "ServiceCallError",
    status: 409,
    code: "token_replayed",
  });
});

test("a session resumes at firstCall; its token is re-signed (same nonce) when it nears expiry", async () => {
  let clock = Date.now();
  const session = createCallSession(wallet, {
    contracts,
    purchaseId: 2n,
    providerId,
    calls: 1_000,
    firstCall: 101n,
    tokenSeconds: 60,
    now: () => clock,
  });
  const a = await session.next();
  assert.equal(a.call, 101n);
  assert.equal(a.token.nonce, 200n, "a batch of 100 by default, from the first call");
  clock += 50_000; // 10 s left: under the renewal margin
  const b = await session.next();
  assert.equal(b.token.nonce, 200n);
  assert.ok(b.token.expiry > a.token.expiry, "a fresh expiry for the rest of the batch");
  assert.equal(session.nextCall, 103n);
  for (const { authorization, call } of [a, b])
    assert.equal((await callService({ url, authorization, call })).status, 200);
  assert.equal(await metering.countCalls(2n), 2);
});

test("a call number outside the token's range is refused by the provider with a clear message", async () => {
  const session = createCallSession(wallet, {
    contracts,
    purchaseId: 2n,
    providerId,
    calls: 1_000,
    firstCall: 301n,
  });
  const { authorization } = await session.next();
  const refused = await callService({ url, authorization, call: 401 }).catch((error: unknown) => error);
  assert.ok(refused instanceof ServiceCallError);
  assert.equal(refused.status, 401);
  assert.equal(refused.code, "invalid_token");
  assert.match(refused.details ?? "", /call 401 is outside the token's calls 1 … 400/);
  assert.throws(
    () => createCallSession(wallet, { contracts, purchaseId: 2n, providerId, calls: 10, batchSize: 0 }),
    InvalidCallSessionError,
  );
});
