// Random tokens for this folder's tests (not exported from the package).
import { randomBytes } from "node:crypto";
import type { Address } from "viem";
import type { AccessToken } from "./accessToken.ts";

const UINT64_MAX = 2n ** 64n - 1n;

/** A random uint64, now and then one of the edges (0, 1, 2^64 − 1). */
export function randomUint64(): bigint {
  const pick = randomBytes(1)[0] as number;
  if (pick < 16) return [0n, 1n, UINT64_MAX][pick % 3] as bigint;
  return randomBytes(8).readBigUInt64BE(0) >> BigInt(pick % 64);
}

export function randomAddress(): Address {
  return `0x${randomBytes(20).toString("hex")}`;
}

export function randomToken(consumer: Address = randomAddress()): AccessToken {
  const pick = randomBytes(1)[0] as number;
  return {
    purchaseId: randomUint64(),
    providerId: pick < 16 ? ([0, 1, 2 ** 32 - 1][pick % 3] as number) : randomBytes(4).readUInt32BE(0),
    consumer,
    expiry: randomUint64(),
    nonce: randomUint64(),
  };
}
