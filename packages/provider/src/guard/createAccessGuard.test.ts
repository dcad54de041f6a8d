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
import { NothingToClaimError, WrongServiceError } from "../errors.ts";
import { createStaticPurchaseSource } from "../purchases/createStaticPurchaseSource.ts";
import type { Purchase } from "../purchases/purchaseSource.ts";
import { usageProof } from "../usageProof.ts";
import { type AuthorizedCall, createAccessGuard, type GuardedRequest } from "./createAccessGuard.ts";

const chainId = 31_337;
const marketplace: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const providerId = 7;
const NOW_MS = 1_800_000_000_000;
const now = BigInt(NOW_MS / 1000);
const maxTokenLifetimeSeconds = 300;

const consumerKey = generatePrivateKey();
const consumer = privateKeyToAccount(consumerKey).address;
const sessionKey = generatePrivateKey();
const session = privateKeyToAccount(sessionKey).address;
const shortSessionKey = generatePrivateKey();
const shortSession = privateKeyToAccount(shortSessionKey).address;
const strangerKey = generatePrivateKey();
const stranger = privateKeyToAccount(strangerKey).address;

const purchase = (overrides: Partial<Purchase> = {}): Purchase => ({
  consumer,
  providerId,
  serviceId: 3,
  calls: 3,
  pricePerCall: 10n ** 15n,
  expiry: Number(now) + 86_400,
  served: 0,
  refunded: false,
  ...overrides,
});

// Purchase ids by what they exercise.
const OPEN = 1n;
const REFUNDED = 2n;
const EXPIRED = 3n;
const OTHER_PROVIDER = 4n;
const PARTLY_CLAIMED = 5n;
const RACE = 6n;
const QUOTA = 7n;
const SESSION = 8n;
const STRANGERS = 9n;
const purchases = createStaticPurchaseSource({
  purchases: [
    [OPEN, purchase({ calls: 10 })],
    [REFUNDED, purchase({ refunded: true })],
    [EXPIRED, purchase({ expiry: Number(now) - 1 })],
    [OTHER_PROVIDER, purchase({ providerId: 8 })],
    [PARTLY_CLAIMED, purchase({ calls: 10, served: 4 })],
    [RACE, purchase({ calls: 100 })],
    [QUOTA, purchase({ calls: 3 })],
    [SESSION, purchase({ calls: 10 })],
    [STRANGERS, purchase({ consumer: stranger, calls: 10 })],
  ],
  sessionKeys: [
    { consumer, key: session, validUntil: Number(now) + 3_600 },
    { consumer, key: shortSession, validUntil: Number(now) + 60 },
  ],
});

const dir = mkdtempSync(join(tmpdir(), "palisade-guard-"));
let metering: SqliteMeteringStore;
let server: Server;
let baseUrl: string;
let served: AuthorizedCall[] = [];
const internalErrors: unknown[] = [];

before(async () => {
  metering = openMeteringStore(join(dir, "metering.sqlite"));
  const guard = createAccessGuard({
    providerId,
    marketplace,
    chainId,
    purchases,
    metering,
    maxTokenLifetimeSeconds,
    now: () => NOW_MS,
    onInternalError: (error) => internalErrors.push(error),
  });
  server = createServer((request, response) =>
    guard.middleware(request, response, () => {
      const call = (request as GuardedRequest).palisade;
      served.push(call);
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ verdict: "benign", nonce: call.nonce.toString() }));
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
    token: { purchaseId: OPEN, providerId, consumer, expiry: now + 60n, nonce: 1n, ...token },
  });
}

const header = (token: SignedAccessToken) => `Palisade ${encodeAccessToken(token)}`;

interface Answer {
  status: number;
  code: string | undefined;
  headers: Headers;
  body: unknown;
}

async function call(authorization: string | undefined): Promise<Answer> {
  const response = await fetch(`${baseUrl}/v1/check`, {
    headers: authorization === undefined ? {} : { authorization },
  });
  const body = (await response.json()) as { error?: { code?: string } };
  return { status: response.status, code: body.error?.code, headers: response.headers, body };
}

/** Every purchase's recorded calls: a refusal must leave all of them unchanged. */
async function counts(): Promise<number[]> {
  return Promise.all(
    [OPEN, REFUNDED, EXPIRED, OTHER_PROVIDER, PARTLY_CLAIMED, QUOTA, SESSION, STRANGERS, 99n].map((id) =>
      metering.countCalls(id),
    ),
  );
}

async function assertRefused(
  authorization: string | undefined,
  status: number,
  code: string,
): Promise<Answer> {
  const before = await counts();
  const servedBefore = served.length;
  const answer = await call(authorization);
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(answer.code, code);
  assert.equal(typeof (answer.body as { error: { message: unknown } }).error.message, "string");
  assert.equal(answer.headers.get("x-palisade-calls-remaining"), null);
  assert.deepEqual(await counts(), before, "a refused call changes no counter");
  assert.equal(served.length, servedBefore, "next() did not run");
  return answer;
}

test("a valid token is served once, recorded before the handler runs, with the calls remaining", async () => {
  const token = await sign({ nonce: 1n });
  const answer = await call(header(token));
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get("x-palisade-calls-remaining"), "9");
  const last = served.at(-1);
  assert.equal(last?.purchaseId, OPEN);
  assert.equal(last?.signer, consumer.toLowerCase());
  assert.equal(last?.callsRecorded, 1);
  assert.deepEqual(await metering.highestCall(OPEN), {
    purchaseId: OPEN,
    call: 1n,
    nonce: 1n,
    expiry: token.expiry,
    signer: consumer.toLowerCase(),
    signature: token.signature,
    servedAt: NOW_MS,
  });
  // The same token again: 409, nothing moves.
  await assertRefused(header(token), 409, "token_replayed");
});

test("malformed tokens: 401 invalid_token", async () => {
  const encoded = encodeAccessToken(await sign({ nonce: 2n }));
  const bytes = Buffer.from(encoded, "base64url");
  bytes[0] = 9;
  const cases = [
    undefined,
    "",
    `Bearer ${encoded}`,
    "Palisade",
    "Palisade not-a-token",
    `Palisade ${encoded.slice(1)}`,
    `Palisade ${encoded.slice(0, -1)}=`,
    `Palisade ${bytes.toString("base64url")}`,
  ];
  for (const authorization of cases) {
    const answer = await assertRefused(authorization, 401, "invalid_token");
    assert.equal(answer.headers.get("www-authenticate"), 'Palisade error="invalid_token"');
  }
  await assertRefused(header(await sign({ nonce: 0n })), 401, "invalid_token");
  // The scheme is case-insensitive.
  assert.equal((await call(`palisade ${encodeAccessToken(await sign({ nonce: 2n }))}`)).status, 200);
});

test("a token for another provider: 403 wrong_provider", async () => {
  await assertRefused(header(await sign({ providerId: 8, nonce: 3n })), 403, "wrong_provider");
});

test("an expired token: 401 token_expired; one living too long: 401 token_lifetime_too_long", async () => {
  await assertRefused(header(await sign({ expiry: now - 1n, nonce: 3n })), 401, "token_expired");
  await assertRefused(
    header(await sign({ expiry: now + BigInt(maxTokenLifetimeSeconds) + 1n, nonce: 3n })),
    401,
    "token_lifetime_too_long",
  );
  // At the edges both are accepted.
  assert.equal((await call(header(await sign({ expiry: now, nonce: 3n })))).status, 200);
  assert.equal(
    (await call(header(await sign({ expiry: now + BigInt(maxTokenLifetimeSeconds), nonce: 4n })))).status,
    200,
  );
});

test("forged or malformed signatures: 401 invalid_signature", async () => {
  // Signed by a stranger in the consumer's name.
  await assertRefused(header(await sign({ nonce: 5n }, strangerKey)), 401, "invalid_signature");
  // The high-s twin of a valid signature.
  const valid = await sign({ nonce: 5n });
  const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
  const s = BigInt(`0x${valid.signature.slice(66, 130)}`);
  const v = valid.signature.endsWith("1b") ? "1c" : "1b";
  const twin: Hex = `${valid.signature.slice(0, 66)}${(n - s).toString(16).padStart(64, "0")}${v}` as Hex;
  await assertRefused(header({ ...valid, signature: twin }), 401, "invalid_signature");
  // v = 0 (ecrecover would refuse it on-chain).
  await assertRefused(
    header({ ...valid, signature: `${valid.signature.slice(0, 130)}00` as Hex }),
    401,
    "invalid_signature",
  );
  // A valid signature over other fields (the nonce was changed after signing).
  await assertRefused(header({ ...valid, nonce: 6n }), 401, "invalid_signature");
});

test("session keys: accepted while valid until the token's expiry, refused beyond", async () => {
  const ok = await call(
    header(await sign({ purchaseId: SESSION, nonce: 1n, expiry: now + 120n }, sessionKey)),
  );
  assert.equal(ok.status, 200);
  assert.equal(served.at(-1)?.signer, session.toLowerCase());
  assert.equal(served.at(-1)?.consumer, consumer.toLowerCase());
  // validUntil = now + 60 < expiry = now + 120.
  await assertRefused(
    header(await sign({ purchaseId: SESSION, nonce: 2n, expiry: now + 120n }, shortSessionKey)),
    401,
    "invalid_signature",
  );
  assert.equal(
    (await call(header(await sign({ purchaseId: SESSION, nonce: 2n, expiry: now + 60n }, shortSessionKey))))
      .status,
    200,
  );
});

test("an unknown purchase: 404 purchase_not_found", async () => {
  await assertRefused(header(await sign({ purchaseId: 99n })), 404, "purchase_not_found");
});

test("a validly signed token naming another consumer than the purchase's: 401 invalid_signature", async () => {
  // The stranger signs in its own name for the consumer's purchase: the signature is fine, the
  // purchase is not the stranger's.
  await assertRefused(
    header(await sign({ purchaseId: OPEN, consumer: stranger, nonce: 7n }, strangerKey)),
    401,
    "invalid_signature",
  );
  // And the consumer for the stranger's purchase.
  await assertRefused(header(await sign({ purchaseId: STRANGERS, nonce: 1n })), 401, "invalid_signature");
});

test("a purchase of another provider: 403 wrong_provider", async () => {
  await assertRefused(header(await sign({ purchaseId: OTHER_PROVIDER })), 403, "wrong_provider");
});

test("a refunded purchase: 410 purchase_refunded; an expired one: 410 purchase_expired", async () => {
  await assertRefused(header(await sign({ purchaseId: REFUNDED })), 410, "purchase_refunded");
  await assertRefused(header(await sign({ purchaseId: EXPIRED })), 410, "purchase_expired");
});

test("nonces beyond the calls bought: 402 quota_exhausted; at or below those claimed: 409 token_replayed", async () => {
  await assertRefused(header(await sign({ purchaseId: QUOTA, nonce: 4n })), 402, "quota_exhausted");
  await assertRefused(
    header(await sign({ purchaseId: QUOTA, nonce: 2n ** 64n - 1n })),
    402,
    "quota_exhausted",
  );
  await assertRefused(header(await sign({ purchaseId: PARTLY_CLAIMED, nonce: 4n })), 409, "token_replayed");
  assert.equal((await call(header(await sign({ purchaseId: PARTLY_CLAIMED, nonce: 5n })))).status, 200);
});

test("the quota is exact under concurrency: 5 calls at once on 3 bought serve 3", async () => {
  const tokens = await Promise.all([1n, 2n, 3n, 4n, 5n].map((nonce) => sign({ purchaseId: QUOTA, nonce })));
  const answers = await Promise.all(tokens.map((token) => call(header(token))));
  assert.deepEqual(
    answers.map((a) => a.status),
    [200, 200, 200, 402, 402],
  );
  assert.deepEqual(
    answers
      .slice(0, 3)
      .map((a) => a.headers.get("x-palisade-calls-remaining"))
      .sort(),
    ["0", "1", "2"],
  );
  assert.equal(await metering.countCalls(QUOTA), 3);
});

test("one token sent 20 times at once is served exactly once", async () => {
  const token = await sign({ purchaseId: RACE, nonce: 42n });
  const answers = await Promise.all(Array.from({ length: 20 }, () => call(header(token))));
  assert.equal(answers.filter((a) => a.status === 200).length, 1);
  assert.equal(answers.filter((a) => a.status === 409 && a.code === "token_replayed").length, 19);
  assert.equal(await metering.countCalls(RACE), 1);
});

test("usageProof gives the highest recorded call; NothingToClaimError once it is marked claimed", async () => {
  const tokens = await Promise.all([1n, 2n, 3n].map((nonce) => sign({ purchaseId: SESSION + 100n, nonce })));
  purchases.setPurchase(SESSION + 100n, purchase({ calls: 3 }));
  await assert.rejects(usageProof(metering, SESSION + 100n), NothingToClaimError);
  for (const token of tokens) assert.equal((await call(header(token))).status, 200);
  const third = tokens[2] as SignedAccessToken;
  assert.deepEqual(await usageProof(metering, SESSION + 100n), {
    nonce: 3n,
    expiry: third.expiry,
    signature: third.signature,
  });
  await metering.markClaimed(SESSION + 100n, 3n);
  await assert.rejects(usageProof(metering, SESSION + 100n), NothingToClaimError);
});

test("failures of the purchase source or the metering store: 503, reported, nothing served", async () => {
  const failingDir = mkdtempSync(join(tmpdir(), "palisade-guard-failing-"));
  const reported: unknown[] = [];
  const closedMetering = openMeteringStore(join(failingDir, "m.sqlite"));
  await closedMetering.close();
  let failSource = true;
  const guard = createAccessGuard({
    providerId,
    marketplace,
    chainId,
    purchases: {
      getPurchase: async (id) => {
        if (failSource) throw new Error("RPC down");
        return purchases.getPurchase(id);
      },
      sessionKeyValidUntil: purchases.sessionKeyValidUntil,
    },
    metering: closedMetering,
    maxTokenLifetimeSeconds,
    now: () => NOW_MS,
    onInternalError: (error) => reported.push(error),
  });
  const failing = createServer((request, response) =>
    guard.middleware(request, response, () => assert.fail("next() must not run")),
  );
  await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/`;
    const token = await sign({ purchaseId: OPEN, nonce: 9n });
    const first = await fetch(url, { headers: { authorization: header(token) } });
    assert.equal(first.status, 503);
    assert.equal(first.headers.get("retry-after"), "1");
    assert.deepEqual(await first.json(), {
      error: { code: "purchase_source_unavailable", message: "the purchase could not be checked; retry" },
    });
    failSource = false;
    const second = await fetch(url, { headers: { authorization: header(token) } });
    assert.equal(second.status, 503);
    assert.equal(((await second.json()) as { error: { code: string } }).error.code, "metering_unavailable");
    assert.equal(reported.length, 2);
  } finally {
    await new Promise((resolve) => failing.close(resolve));
    rmSync(failingDir, { recursive: true, force: true });
  }
  assert.deepEqual(internalErrors, []);
});

test("authorize can be used without the middleware (and rejects the same way)", async () => {
  const guard = createAccessGuard({
    providerId,
    marketplace,
    chainId,
    purchases,
    metering,
    maxTokenLifetimeSeconds,
    now: () => NOW_MS,
  });
  const token = await sign({ purchaseId: OPEN, nonce: 10n });
  const authorized = await guard.authorize(header(token));
  assert.equal(authorized.nonce, 10n);
  await assert.rejects(guard.authorize(header(token)), (error: unknown) => {
    assert.equal((error as { code?: string }).code, "token_replayed");
    return true;
  });
  served = [];
});

test("authorize with serviceIds: another service of this provider is 403 wrong_service, nothing recorded", async () => {
  const guard = createAccessGuard({
    providerId,
    marketplace,
    chainId,
    purchases,
    metering,
    maxTokenLifetimeSeconds,
    now: () => NOW_MS,
  });
  // Every purchase above is for service 3.
  const token = header(await sign({ purchaseId: SESSION, nonce: 9n }));
  const before = await counts();
  await assert.rejects(
    guard.authorize(token, undefined, { serviceIds: new Set([4, 1]) }),
    (error: unknown) => {
      assert.ok(error instanceof WrongServiceError);
      assert.equal(error.status, 403);
      assert.equal(error.code, "wrong_service");
      assert.equal(error.shortMessage, "the purchase is for service 3; this endpoint serves services 1, 4");
      return true;
    },
  );
  await assert.rejects(guard.authorize(token, undefined, { serviceIds: new Set() }), WrongServiceError);
  assert.deepEqual(await counts(), before, "a refused call changes no counter");
  // The same token is still good for an endpoint serving service 3 (it was never recorded).
  const accepted = await guard.authorize(token, undefined, { serviceIds: new Set([3, 4]) });
  assert.equal(accepted.serviceId, 3);
  assert.equal(await metering.countCalls(SESSION), (before[6] as number) + 1);
  // The set is read once the purchase is known: a live set updated meanwhile is honoured.
  const live = new Set<number>();
  const slow = createAccessGuard({
    providerId,
    marketplace,
    chainId,
    purchases: {
      getPurchase: async (id) => {
        live.add(3);
        return purchases.getPurchase(id);
      },
      sessionKeyValidUntil: purchases.sessionKeyValidUntil,
    },
    metering,
    maxTokenLifetimeSeconds,
    now: () => NOW_MS,
  });
  const next = header(await sign({ purchaseId: SESSION, nonce: 10n }));
  assert.equal((await slow.authorize(next, undefined, { serviceIds: live })).serviceId, 3);
});
