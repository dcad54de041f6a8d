/**
 * The wire form of a signed access token (`Authorization: Palisade <encoded>`), written without
 * Node's Buffer so the browser can build it. The layout is @palisade/crypto's `encodeAccessToken`
 * (114 bytes: version 1, purchaseId u64, providerId u32, consumer 20 bytes, expiry u64, nonce u64,
 * signature 65 bytes; unpadded base64url); `accessToken.test.ts` checks both give the same string.
 * The crypto package itself cannot be bundled for the browser: its index loads native add-ons.
 */
import type { Address, Hex } from "viem";

export interface SignedAccessTokenFields {
  purchaseId: bigint;
  providerId: number;
  consumer: Address;
  expiry: bigint;
  nonce: bigint;
  signature: Hex;
}

const U64_MAX = (1n << 64n) - 1n;

function writeUint(bytes: Uint8Array, offset: number, size: number, value: bigint): void {
  let rest = value;
  for (let index = offset + size - 1; index >= offset; index--) {
    bytes[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}

function writeHex(bytes: Uint8Array, offset: number, hex: string, size: number, what: string): void {
  const digits = hex.slice(2);
  if (!/^0x[0-9a-fA-F]*$/.test(hex) || digits.length !== size * 2)
    throw new RangeError(`${what}: expected ${size} bytes of 0x-prefixed hex`);
  for (let index = 0; index < size; index++)
    bytes[offset + index] = Number.parseInt(digits.slice(index * 2, index * 2 + 2), 16);
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Unpadded base64url (RFC 4648 §5). */
export function base64url(bytes: Uint8Array): string {
  let out = "";
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index] ?? 0;
    const b = bytes[index + 1] ?? 0;
    const c = bytes[index + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    const chars = index + 2 < bytes.length ? 4 : index + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += ALPHABET[(triple >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** The `Palisade <encoded>` header value's encoded part. Throws RangeError for a field out of range. */
export function encodeAccessToken(token: SignedAccessTokenFields): string {
  for (const [name, value] of [
    ["purchaseId", token.purchaseId],
    ["expiry", token.expiry],
    ["nonce", token.nonce],
  ] as const) {
    if (value < 0n || value > U64_MAX) throw new RangeError(`${name}: outside uint64`);
  }
  if (!Number.isInteger(token.providerId) || token.providerId < 0 || token.providerId > 0xffffffff)
    throw new RangeError("providerId: outside uint32");
  const bytes = new Uint8Array(114);
  bytes[0] = 1;
  writeUint(bytes, 1, 8, token.purchaseId);
  writeUint(bytes, 9, 4, BigInt(token.providerId));
  writeHex(bytes, 13, token.consumer, 20, "consumer");
  writeUint(bytes, 33, 8, token.expiry);
  writeUint(bytes, 41, 8, token.nonce);
  writeHex(bytes, 49, token.signature, 65, "signature");
  return base64url(bytes);
}
