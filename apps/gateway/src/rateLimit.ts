import { parseAuthorization } from "@palisade/provider";
import { GatewayConfigError } from "./errors.ts";

export interface CreateRateLimiterParameters {
  /** Tokens refilled per second: the sustained requests per second of one key. 0 disables the limiter. */
  rate: number;
  /** Bucket size: how many requests one key may send at once after being idle. */
  burst: number;
  /**
   * Most buckets kept (default 100,000, ≈ 15 MB). Beyond it the least recently used bucket is
   * dropped, which forgives that key what it had spent; buckets idle long enough to be full again are
   * dropped first, which forgives nothing.
   */
  maxBuckets?: number;
  /** Unix milliseconds (default `Date.now`); tests pass their own clock. */
  now?: () => number;
}

export interface RateLimiter {
  /**
   * Takes a token from `key`'s bucket: `0` when the request may go on, else how many whole seconds
   * (≥ 1) to wait before the bucket holds a token again (the `Retry-After`).
   */
  take(key: string): number;
  /** Buckets held. */
  readonly size: number;
  /** False when built with `rate: 0`: `take` always answers 0 and holds nothing. */
  readonly enabled: boolean;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, Unix ms. */
  at: number;
}

/** Idle buckets dropped per call at most: keeps `take` O(1) while the map drains over time. */
const EVICTIONS_PER_TAKE = 4;

/**
 * Token buckets by key: each key gets `burst` tokens, refilled at `rate` per second, and a request
 * takes one. Memory is bounded: a bucket untouched for `burst / rate` seconds is full again, so it is
 * dropped (it would be created full anyway), and at most `maxBuckets` are kept. The map is kept in
 * least-recently-used order, so the first entry is the idlest and eviction never scans.
 *
 * @example
 * const limiter = createRateLimiter({ rate: 50, burst: 100 });
 * const wait = limiter.take(rateLimitKey(request.headers.authorization, request.socket.remoteAddress));
 * if (wait > 0) throw new RateLimitedError(wait, "consumer");
 */
export function createRateLimiter(parameters: CreateRateLimiterParameters): RateLimiter {
  const { rate, burst } = parameters;
  const maxBuckets = parameters.maxBuckets ?? 100_000;
  if (!Number.isFinite(rate) || rate < 0)
    throw new GatewayConfigError("rate limit: expected requests per second ≥ 0");
  if (rate > 0 && (!Number.isFinite(burst) || burst < 1))
    throw new GatewayConfigError("rate burst: expected at least 1 request");
  if (!Number.isSafeInteger(maxBuckets) || maxBuckets < 1)
    throw new GatewayConfigError("rate limiter: maxBuckets must be a positive integer");
  if (rate === 0)
    return {
      take: () => 0,
      size: 0,
      enabled: false,
    };
  const now = parameters.now ?? Date.now;
  const fullAfterMs = (burst / rate) * 1000;
  const buckets = new Map<string, Bucket>();

  function evict(at: number): void {
    for (let i = 0; i < EVICTIONS_PER_TAKE; i++) {
      const oldest = buckets.entries().next();
      if (oldest.done || at - oldest.value[1].at < fullAfterMs) return;
      buckets.delete(oldest.value[0]);
    }
  }

  return {
    take(key) {
      const at = now();
      evict(at);
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        if (buckets.size >= maxBuckets) {
          const oldest = buckets.keys().next();
          if (!oldest.done) buckets.delete(oldest.value);
        }
        bucket = { tokens: burst, at };
      } else {
        // Re-inserted below, so the map stays in least-recently-used order. A clock that steps back
        // refills nothing.
        buckets.delete(key);
        bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, at - bucket.at) * rate) / 1000);
        bucket.at = at;
      }
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
    },
    get size() {
      return buckets.size;
    },
    enabled: true,
  };
}

/**
 * Whose bucket a request spends: the consumer its access token names (decoded, not verified — the
 * signature costs ≈ 70 µs and is the guard's job), else the remote address. Consumers and addresses
 * never share a key.
 *
 * Unverified means a forger can name someone else's consumer address and spend that consumer's
 * bucket: the victim then gets 429s, never a lost call (the quota is the metering store's). An
 * operator who cares limits by address in front of the gateway as well.
 */
export function rateLimitKey(
  authorization: string | undefined,
  remoteAddress: string | undefined,
): { key: string; who: "consumer" | "address" } {
  if (authorization !== undefined && authorization !== "") {
    try {
      return { key: `consumer:${parseAuthorization(authorization).consumer}`, who: "consumer" };
    } catch {
      // Not a decodable token: the guard refuses it later (401); until then it counts by address.
    }
  }
  return { key: `address:${remoteAddress ?? "unknown"}`, who: "address" };
}
