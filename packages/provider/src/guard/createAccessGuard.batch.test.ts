// Tokens covering a range of calls, over a real socket: a token with nonce k serves calls 1 … k named
// in `X-Palisade-Call`, each once, in any order; the signer recovered for it is cached by the token's
// bytes, and nothing the cache holds lets through a token that any per-call check would refuse.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  type AccessToken,
  encodeAccessToken,
  type SignedAccessToken,
  signAccessToken,
} from "@palisade/crypto";
import { openMeteringStore, type SqliteMeteringStore } from "@palisade/store";
import type { Address, Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { InvalidGuardConfigError, NothingToClaimError } from "../errors.ts";
import { createStaticPurchaseSource } from "../purchases/createStaticPurchaseSource.ts";
import type { Purchase } from "../purchases/purchaseSource.ts";
import { usageProof } from "../usageProof.ts";
import { type AuthorizedCall, createAccessGuard, type GuardedRequest } from "./createAccessGuard.ts";
import { createSignerCache } from "./createSignerCache.ts";

const chainId = 31_337;
const marketplace: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const providerId = 7;
const NOW_MS = 1_800_000_000_000;
const now = BigInt(NOW_MS / 1000);
/** The guard's clock: moved forward by the expiry test. */
let clockMs = NOW_MS;

const consumerKey = generatePrivateKey();
const consumer = privateKeyToAccount(consumerKey).address;
const sessionKey = generatePrivateKey();
const session = privateKeyToAccount(sessionKey).address;
const strangerKey = generatePrivateKey();

const purchase = (overrides: Partial<Purchase> = {}): Purchase => ({
  consumer,
  providerId,
  serviceId: 3,
  calls: 100,
  pricePerCall: 10n ** 15n,
  expiry: Number(now) + 86_400,
  served: 0,
  refunded: false,
  ...overrides,
});

// Purchase ids by what they exercise.
const RANGE = 1n;
const HEADERS = 2n;
const FORGED = 3n;
const OTHER = 4n;
const REFUNDED = 5n;
const CLAIMED = 6n;
const SESSION = 7n;
const PROOF = 8n;
const SMALL = 9n;
const EXPIRING = 10n;
const purchases = createStaticPurchaseSource({
  purchases: [
    [RANGE, purchase()],
    [HEADERS, purchase()],
    [FORGED, purchase()],
    [OTHER, purchase()],
    [REFUNDED, purchase()],
    [CLAIMED, purchase()],
    [SESSION, purchase()],
    [PROOF, purchase({ calls: 20 })],
    [SMALL, purchase({ calls: 15 })],
    [EXPIRING, purchase()],
  ],
  sessionKeys: [{ consumer, key: session, validUntil: Number(now) + 3_600 }],
});

const dir = mkdtempSync(join(tmpdir(), "palisade-guard-batch-"));
let metering: SqliteMeteringStore;
let server: Server;
let baseUrl: string;
const served: AuthorizedCall[] = [];

before(async () => {
  metering = openMeteringStore(join(dir, "metering.sqlite"));
  const guard = createAccessGuard({
    providerId,
    marketplace,
    chainId,
    purchases,
    metering,
    maxTokenLifetimeSeconds: 300,
    now: () => clockMs,
    onInternalError: (error) => assert.fail(String(error)),
  });
  server = createServer((request, response) =>
    guard.middleware(request, response, () => {
      const call = (request as GuardedRequest).palisade;
      served.push(call);
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ call: call.call.toString() }));
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await metering.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sign(token: Partial<AccessToken> = {}, key: Hex = consumerKey): Promise<SignedAccessToken> {
  return signAccessToken({
    chainId,
    marketplace,
    privateKey: key,
    token: { purchaseId: RANGE, providerId, consumer, expiry: now + 60n, nonce: 10n, ...token },
  });
}

const header = (token: SignedAccessToken) => `Palisade ${encodeAccessToken(token)}`;

interface Answer {
  status: number;
  code: string | undefined;
  message: string | undefined;
  headers: Headers;
}

/** One request; `callNumber` is sent as X-Palisade-Call (an array sends the header once per value). */
async function call(
  token: SignedAccessToken,
  callNumber?: string | number | readonly string[],
): Promise<Answer> {
  const headers = new Headers({ authorization: header(token) });
  if (Array.isArray(callNumber)) for (const value of callNumber) headers.append("x-palisade-call", value);
  else if (callNumber !== undefined) headers.set("x-palisade-call", String(callNumber));
  const response = await fetch(`${baseUrl}/v1/check`, { headers });
  const body = (await response.json()) as { error?: { code?: string; message?: string } };
  return {
    status: response.status,
    code: body.error?.code,
    message: body.error?.message,
    headers: response.headers,
  };
}

async function assertRefused(
  token: SignedAccessToken,
  callNumber: string | number | readonly string[] | undefined,
  status: number,
  code: string,
): Promise<Answer> {
  const before = await metering.countCalls(token.purchaseId);
  const servedBefore = served.length;
  const answer = await call(token, callNumber);
  assert.equal(answer.status, status, `${answer.code}: ${answer.message}`);
  assert.equal(answer.code, code);
  assert.equal(await metering.countCalls(token.purchaseId), before, "a refused call records nothing");
  assert.equal(served.length, servedBefore, "next() did not run");
  return answer;
}

test("a token with nonce k serves calls 1 … k, concurrently and in any order; k + 1 under it is 401", async () => {
  const token = await sign({ purchaseId: RANGE, nonce: 10n });
  const order = [7, 2, 10, 1, 9, 4, 3, 8, 6, 5];
  const answers = await Promise.all(order.map((n) => call(token, n)));
  assert.deepEqual(
    answers.map((a) => a.status),
    order.map(() => 200),
  );
  const calls = served.filter((c) => c.purchaseId === RANGE);
  assert.deepEqual(
    calls.map((c) => Number(c.call)).sort((a, b) => a - b),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  for (const c of calls) {
    assert.equal(c.nonce, 10n, "every call reports the token's nonce");
    assert.equal(c.signer, consumer.toLowerCase());
  }
  assert.deepEqual(
    answers.map((a) => a.headers.get("x-palisade-calls-remaining")).sort((a, b) => Number(a) - Number(b)),
    ["90", "91", "92", "93", "94", "95", "96", "97", "98", "99"],
  );
  assert.equal(await metering.countCalls(RANGE), 10);
  assert.deepEqual(
    (await metering.listCalls(RANGE)).map((c) => [c.call, c.nonce, c.signature]),
    order.map((_, i) => [BigInt(i + 1), 10n, token.signature]),
  );

  const beyond = await assertRefused(token, 11, 401, "invalid_token");
  assert.match(beyond.message ?? "", /call 11 is outside the token's calls 1 … 10/);
  assert.equal(beyond.headers.get("www-authenticate"), 'Palisade error="invalid_token"');
  // Every call of the token is spent: a repeat, with or without the header, is a replay.
  await assertRefused(token, 4, 409, "token_replayed");
  await assertRefused(token, undefined, 409, "token_replayed");
});

test("a call number repeated at once is served once; the others are 409 and count nothing", async () => {
  const token = await sign({ purchaseId: RANGE, nonce: 20n });
  const answers = await Promise.all(Array.from({ length: 12 }, () => call(token, 15)));
  assert.equal(answers.filter((a) => a.status === 200).length, 1);
  assert.equal(answers.filter((a) => a.status === 409 && a.code === "token_replayed").length, 11);
  assert.equal(await metering.countCalls(RANGE), 11);
  // Calls 11 … 20 other than 15 are still there for the taking.
  assert.equal((await call(token, 11)).status, 200);
});

test("without X-Palisade-Call a token is one call, numbered by its nonce (a token per call)", async () => {
  const token = await sign({ purchaseId: HEADERS, nonce: 3n });
  assert.equal((await call(token)).status, 200);
  assert.equal(served.at(-1)?.call, 3n);
  assert.equal(served.at(-1)?.nonce, 3n);
  // Calls 1 and 2 of that token stay available with the header.
  assert.equal((await call(token, 1)).status, 200);
  await assertRefused(token, 3, 409, "token_replayed");
});

test("a malformed or out-of-range X-Palisade-Call: 401 invalid_token, nothing recorded", async () => {
  const token = await sign({ purchaseId: HEADERS, nonce: 50n });
  for (const value of [
    "0",
    "51",
    "-1",
    "+5",
    "05",
    "5.0",
    "1e3",
    "five",
    "0x10",
    "18446744073709551616",
    ["4", "5"],
  ]) {
    const answer = await assertRefused(token, value, 401, "invalid_token");
    assert.match(answer.message ?? "", /call/, `a clear message for ${JSON.stringify(value)}`);
  }
  // A nonce-0 token has no calls at all.
  await assertRefused(await sign({ purchaseId: HEADERS, nonce: 0n }), 1, 401, "invalid_token");
  assert.equal((await call(token, "50")).status, 200);
});

test("a cached token does not vouch for a forged, wrong-provider or wrongly signed look-alike", async () => {
  const token = await sign({ purchaseId: FORGED, nonce: 10n });
  assert.equal((await call(token, 1)).status, 200); // recovered and cached
  // The same signature over a wider range, another purchase of the consumer's, a later expiry.
  await assertRefused({ ...token, nonce: 100n }, 20, 401, "invalid_signature");
  await assertRefused({ ...token, purchaseId: OTHER }, 2, 401, "invalid_signature");
  await assertRefused({ ...token, expiry: token.expiry + 1n }, 2, 401, "invalid_signature");
  // Another provider's token: refused before any signature is looked at.
  await assertRefused({ ...token, providerId: 8 }, 2, 403, "wrong_provider");
  // The same fields signed by a stranger.
  await assertRefused(
    await sign({ purchaseId: FORGED, nonce: 10n }, strangerKey),
    2,
    401,
    "invalid_signature",
  );
  // The cached token itself still serves its other calls.
  assert.equal((await call(token, 2)).status, 200);
  assert.equal(await metering.countCalls(FORGED), 2);
});

test("a cached token past its expiry: 401 token_expired", async () => {
  const token = await sign({ purchaseId: EXPIRING, nonce: 10n, expiry: now + 30n });
  assert.equal((await call(token, 1)).status, 200);
  clockMs = NOW_MS + 31_000;
  try {
    await assertRefused(token, 2, 401, "token_expired");
  } finally {
    clockMs = NOW_MS;
  }
  assert.equal((await call(token, 2)).status, 200);
});

test("a cached token of a purchase refunded since: 410; of calls claimed since: 409", async () => {
  const refunded = await sign({ purchaseId: REFUNDED, nonce: 10n });
  assert.equal((await call(refunded, 1)).status, 200);
  purchases.setPurchase(REFUNDED, purchase({ refunded: true }));
  await assertRefused(refunded, 2, 410, "purchase_refunded");

  const claimed = await sign({ purchaseId: CLAIMED, nonce: 10n });
  assert.equal((await call(claimed, 1)).status, 200);
  // The provider (or another of its gateways) claimed calls 1 … 5 on-chain.
  purchases.setPurchase(CLAIMED, purchase({ served: 5 }));
  await assertRefused(claimed, 3, 409, "token_replayed");
  await assertRefused(claimed, 5, 409, "token_replayed");
  assert.equal((await call(claimed, 6)).status, 200);
});

test("a session key's cached token is refused once the key no longer covers its expiry", async () => {
  const token = await sign({ purchaseId: SESSION, nonce: 10n, expiry: now + 120n }, sessionKey);
  assert.equal((await call(token, 1)).status, 200);
  assert.equal(served.at(-1)?.signer, session.toLowerCase());
  purchases.setSessionKey({ consumer, key: session, validUntil: Number(now) + 60 });
  await assertRefused(token, 2, 401, "invalid_signature");
});

test("a token covering calls beyond those bought is refused whole: 402 (claim would refuse it)", async () => {
  const token = await sign({ purchaseId: SMALL, nonce: 20n });
  const answer = await assertRefused(token, 1, 402, "quota_exhausted");
  assert.equal(answer.message, "the token covers calls up to 20, beyond the 15 calls bought");
  const fits = await sign({ purchaseId: SMALL, nonce: 15n });
  assert.equal((await call(fits, 1)).status, 200);
});

test("the usage proof is the batch token with the highest nonce, claimable in token nonces", async () => {
  await assert.rejects(usageProof(metering, PROOF), NothingToClaimError);
  const first = await sign({ purchaseId: PROOF, nonce: 10n });
  for (const n of [1, 2, 3]) assert.equal((await call(first, n)).status, 200);
  // Three calls served, ten authorised: the proof is the token, for ten.
  assert.equal(await metering.countCalls(PROOF), 3);
  assert.deepEqual(await usageProof(metering, PROOF), {
    nonce: 10n,
    expiry: first.expiry,
    signature: first.signature,
  });
  await metering.markClaimed(PROOF, 10n);
  await assert.rejects(usageProof(metering, PROOF), NothingToClaimError);

  const second = await sign({ purchaseId: PROOF, nonce: 20n, expiry: now + 90n });
  assert.equal((await call(second, 11)).status, 200);
  // A late call of the first batch does not move the proof back.
  assert.equal((await call(first, 4)).status, 200);
  assert.deepEqual(await usageProof(metering, PROOF), {
    nonce: 20n,
    expiry: second.expiry,
    signature: second.signature,
  });
});

test("signerCacheSize: 0 recovers every call (same answers); a negative size is refused", async () => {
  const uncached = createAccessGuard({
    providerId,
    marketplace,
    chainId,
    purchases,
    metering,
    maxTokenLifetimeSeconds: 300,
    signerCacheSize: 0,
    now: () => NOW_MS,
  });
  const token = await sign({ purchaseId: RANGE, nonce: 30n });
  assert.equal((await uncached.authorize(header(token), "21")).call, 21n);
  assert.equal((await uncached.authorize(header(token), "22")).call, 22n);
  await assert.rejects(uncached.authorize(header(token), "22"), { code: "token_replayed" });
  assert.throws(
    () =>
      createAccessGuard({
        providerId,
        marketplace,
        chainId,
        purchases,
        metering,
        maxTokenLifetimeSeconds: 300,
        signerCacheSize: -1,
      }),
    InvalidGuardConfigError,
  );
});

test("the signer cache holds at most its bound, evicting the oldest entry first", () => {
  const cache = createSignerCache(2);
  const entry = consumer;
  cache.set("a", entry);
  cache.set("b", entry);
  cache.set("a", entry); // already there: stays where it was
  cache.set("c", entry);
  assert.equal(cache.size, 2);
  assert.equal(cache.get("a"), undefined);
  assert.equal(cache.get("b"), entry);
  assert.equal(cache.get("c"), entry);
  const none = createSignerCache(0);
  none.set("a", entry);
  assert.equal(none.size, 0);
});
