import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeAccessToken, signAccessToken } from "@palisade/crypto";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { GatewayConfigError } from "./errors.ts";
import { createRateLimiter, rateLimitKey } from "./rateLimit.ts";

/** A clock the test moves by hand, in ms. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

test("a bucket allows `burst` at once, then one request per 1/rate s; Retry-After is whole seconds ≥ 1", () => {
  const clock = manualClock();
  const limiter = createRateLimiter({ rate: 2, burst: 3, now: clock.now });
  assert.deepEqual(
    [1, 2, 3, 4].map(() => limiter.take("a")),
    [0, 0, 0, 1],
  );
  // Another key has its own bucket.
  assert.equal(limiter.take("b"), 0);
  // Half a second refills one token (rate 2/s).
  clock.advance(499);
  assert.equal(limiter.take("a"), 1);
  clock.advance(1);
  // 0.5 s after the refused take the bucket has accrued ≈ 1 token since then.
  assert.equal(limiter.take("a"), 0);
  assert.equal(limiter.take("a"), 1);
  // A slow rate: the wait is rounded up, never 0.
  const slow = createRateLimiter({ rate: 0.1, burst: 1, now: clock.now });
  assert.equal(slow.take("c"), 0);
  assert.equal(slow.take("c"), 10);
  clock.advance(9_000);
  assert.equal(slow.take("c"), 1);
  clock.advance(1_000);
  assert.equal(slow.take("c"), 0);
});

test("refills never exceed the burst, and a clock stepping back refills nothing", () => {
  const clock = manualClock();
  const limiter = createRateLimiter({ rate: 10, burst: 2, now: clock.now });
  limiter.take("a");
  clock.advance(3_600_000);
  assert.deepEqual(
    [1, 2, 3].map(() => limiter.take("a")),
    [0, 0, 1],
  );
  clock.advance(-60_000);
  assert.equal(limiter.take("a"), 1);
});

test("memory is bounded: idle buckets (full again) are dropped, and at most maxBuckets are kept", () => {
  const clock = manualClock();
  const limiter = createRateLimiter({ rate: 1, burst: 2, maxBuckets: 100, now: clock.now });
  for (let i = 0; i < 50; i++) limiter.take(`key-${i}`);
  assert.equal(limiter.size, 50);
  // 2 s later every bucket is full again: each take drops a few of the idle ones.
  clock.advance(2_000);
  for (let i = 0; i < 20; i++) limiter.take("busy");
  assert.equal(limiter.size, 1);
  // A flood of distinct keys never holds more than maxBuckets.
  for (let i = 0; i < 1_000; i++) limiter.take(`flood-${i}`);
  assert.equal(limiter.size, 100);
  // The most recently used survive: a key just used keeps its (empty) bucket.
  limiter.take("hot");
  limiter.take("hot");
  assert.equal(limiter.take("hot"), 1);
});

test("rate 0 turns the limiter off; invalid settings are refused", () => {
  const off = createRateLimiter({ rate: 0, burst: 1 });
  assert.equal(off.enabled, false);
  for (let i = 0; i < 1_000; i++) assert.equal(off.take("a"), 0);
  assert.equal(off.size, 0);
  assert.throws(() => createRateLimiter({ rate: -1, burst: 1 }), GatewayConfigError);
  assert.throws(() => createRateLimiter({ rate: 1, burst: 0 }), GatewayConfigError);
  assert.throws(() => createRateLimiter({ rate: Number.NaN, burst: 1 }), GatewayConfigError);
  assert.throws(() => createRateLimiter({ rate: 1, burst: 1, maxBuckets: 0 }), GatewayConfigError);
});

test("the key is the token's consumer (decoded, not verified), else the remote address", async () => {
  const key = generatePrivateKey();
  const consumer = privateKeyToAccount(key).address.toLowerCase();
  const signed = await signAccessToken({
    chainId: 31_337,
    marketplace: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    privateKey: key,
    token: { purchaseId: 1n, providerId: 1, consumer: consumer as `0x${string}`, expiry: 1n, nonce: 1n },
  });
  const encoded = encodeAccessToken(signed);
  assert.deepEqual(rateLimitKey(`Palisade ${encoded}`, "127.0.0.1"), {
    key: `consumer:${consumer}`,
    who: "consumer",
  });
  // Another signature over the same consumer: the same bucket (the signature is not checked here).
  const forged = Buffer.from(encoded, "base64url");
  forged[60] = (forged[60] as number) ^ 0xff;
  assert.equal(
    rateLimitKey(`palisade ${forged.toString("base64url")}`, "10.0.0.1").key,
    `consumer:${consumer}`,
  );
  for (const header of [undefined, "", "Bearer x", "Palisade not-a-token"])
    assert.deepEqual(rateLimitKey(header, "::1"), { key: "address:::1", who: "address" });
});
