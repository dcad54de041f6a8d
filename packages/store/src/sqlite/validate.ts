import { InvalidStoreInputError } from "../errors.ts";
import type { Hash32 } from "../types.ts";

const hash32 = /^0x[0-9a-fA-F]{64}$/;
const hexBytes = /^0x(?:[0-9a-fA-F]{2})+$/;

/** A 32-byte hash, lower-cased so one value has one stored form. */
export function toHash32(field: string, value: unknown): Hash32 {
  if (typeof value !== "string" || !hash32.test(value))
    throw new InvalidStoreInputError(field, value, "a 0x-prefixed 32-byte hex string");
  return value.toLowerCase() as Hash32;
}

export function toHexBytes(field: string, value: unknown): `0x${string}` {
  if (typeof value !== "string" || !hexBytes.test(value))
    throw new InvalidStoreInputError(field, value, "0x-prefixed hex bytes");
  return value.toLowerCase() as `0x${string}`;
}

/** A non-negative safe integer (block numbers, Unix milliseconds). */
export function toUint(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)
    throw new InvalidStoreInputError(field, value, "a non-negative integer");
  return value;
}

export function toSigner(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 256)
    throw new InvalidStoreInputError("signer", value, "a non-empty string of at most 256 characters");
  return value.toLowerCase();
}

/** SQLite integers are signed 64-bit: ids and nonces above this cannot be stored. */
const INT64_MAX = 2n ** 63n - 1n;

/** A bigint in [min, 2^63). */
export function toInt64(field: string, value: unknown, min = 0n): bigint {
  if (typeof value !== "bigint" || value < min || value > INT64_MAX)
    throw new InvalidStoreInputError(field, value, `a bigint in [${min}, 2^63)`);
  return value;
}

/**
 * A call number and the nonce of the token that authorised it: 1 ≤ call ≤ nonce < 2^63. Without a
 * call number the token is one call's, numbered by its nonce.
 */
export function toCallRange(call: unknown, nonce: unknown): { call: bigint; nonce: bigint } {
  const checkedNonce = toInt64("nonce", nonce, 1n);
  if (call === undefined) return { call: checkedNonce, nonce: checkedNonce };
  const checkedCall = toInt64("call", call, 1n);
  if (checkedCall > checkedNonce)
    throw new InvalidStoreInputError("call", call, `at most the token's nonce ${checkedNonce}`);
  return { call: checkedCall, nonce: checkedNonce };
}

const address = /^0x[0-9a-fA-F]{40}$/;

export function toAddress(field: string, value: unknown): `0x${string}` {
  if (typeof value !== "string" || !address.test(value))
    throw new InvalidStoreInputError(field, value, "a 0x-prefixed 20-byte hex address");
  return value.toLowerCase() as `0x${string}`;
}

const signature65 = /^0x[0-9a-fA-F]{130}$/;

/** A 65-byte signature in 0x-prefixed hex, lower-cased. */
export function toSignatureHex(field: string, value: unknown): `0x${string}` {
  if (typeof value !== "string" || !signature65.test(value))
    throw new InvalidStoreInputError(field, value, "65 bytes of 0x-prefixed hex");
  return value.toLowerCase() as `0x${string}`;
}

/** An integer in [1, max]. */
export function toLimit(field: string, value: unknown, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1 || value > max)
    throw new InvalidStoreInputError(field, value, `an integer in [1, ${max}]`);
  return value;
}
