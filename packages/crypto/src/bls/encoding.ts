/**
 * blst/zcash point bytes ⇄ EIP-2537 on-chain bytes ⇄ Solidity structs (ADR 0003).
 *
 * zcash uncompressed: G1 = x ‖ y (48 bytes each), G2 = x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0; flag bits in the
 * top three bits of the first byte (0x80 compressed, 0x40 infinity, 0x20 sign of y).
 * EIP-2537: every Fp element is 64 bytes big-endian with 16 zero bytes on top; G1 = x ‖ y (128),
 * G2 = x.c0 ‖ x.c1 ‖ y.c0 ‖ y.c1 (256); infinity is all zeros. Solidity's `abi.encode` of the
 * G1Point / G2Point structs is exactly those bytes, word by word.
 */
import { PublicKey, Signature } from "@chainsafe/blst";
import { bytesToHex, type Hex, hexToBytes, keccak256 } from "viem";
import { type Group, InvalidPointEncodingError } from "../errors/bls.ts";
import { pointError } from "./blstError.ts";

/** `struct G1Point { bytes32 xA; bytes32 xB; bytes32 yA; bytes32 yB; }` (xA = high word of x). */
export interface G1Point {
  xA: Hex;
  xB: Hex;
  yA: Hex;
  yB: Hex;
}

/** `struct G2Point` of BLS12381.sol: the c0 half of each Fp2 before the c1 half, A = high word. */
export interface G2Point {
  xc0A: Hex;
  xc0B: Hex;
  xc1A: Hex;
  xc1B: Hex;
  yc0A: Hex;
  yc0B: Hex;
  yc1A: Hex;
  yc1B: Hex;
}

export const G1_EIP2537_LENGTH = 128;
export const G2_EIP2537_LENGTH = 256;

/** A base-field element: 48 bytes in zcash, 64 (16 zero bytes, then the 48) in EIP-2537. */
const FP = 48;
const FP_PADDED = 64;
const PAD = FP_PADDED - FP;
const FLAG_COMPRESSED = 0x80;
const FLAG_INFINITY = 0x40;
const FLAG_SIGN = 0x20;

/** The BLS12-381 base-field modulus p, big-endian: every coordinate must be below it. */
const P_BYTES = hexToBytes(
  "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab",
);

function lessThanP(bytes: Uint8Array, offset: number): boolean {
  for (let i = 0; i < FP; i++) {
    const a = bytes[offset + i] as number;
    const b = P_BYTES[i] as number;
    if (a !== b) return a < b;
  }
  return false; // equal to p
}

function isZero(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * Moves the Fp elements of a zcash uncompressed point into EIP-2537 slots. `order[i]` is the
 * EIP-2537 slot of the i-th 48-byte element of the zcash bytes.
 */
function zcashToEip2537(group: Group, zcash: Uint8Array, order: readonly number[]): Uint8Array {
  const expected = order.length * FP;
  if (zcash.length !== expected)
    throw new InvalidPointEncodingError(
      group,
      `expected ${expected} uncompressed bytes, got ${zcash.length}`,
    );
  const flags = zcash[0] as number;
  if (flags & FLAG_COMPRESSED)
    throw new InvalidPointEncodingError(group, "compressed bytes where uncompressed expected");
  const out = new Uint8Array(order.length * FP_PADDED);
  if (flags & FLAG_INFINITY) {
    if (flags !== FLAG_INFINITY || !isZero(zcash, 1))
      throw new InvalidPointEncodingError(group, "infinity flag with non-zero coordinates");
    return out;
  }
  if (flags & FLAG_SIGN) throw new InvalidPointEncodingError(group, "sign flag set in uncompressed bytes");
  order.forEach((slot, i) => {
    if (!lessThanP(zcash, i * FP))
      throw new InvalidPointEncodingError(group, "coordinate not below the field modulus");
    out.set(zcash.subarray(i * FP, (i + 1) * FP), slot * FP_PADDED + PAD);
  });
  return out;
}

/** Inverse of `zcashToEip2537`, with the strict checks: padding zero, coordinates < p. */
function eip2537ToZcash(group: Group, encoded: Uint8Array, order: readonly number[]): Uint8Array {
  const expected = order.length * FP_PADDED;
  if (encoded.length !== expected)
    throw new InvalidPointEncodingError(group, `expected ${expected} bytes, got ${encoded.length}`);
  const out = new Uint8Array(order.length * FP);
  if (isZero(encoded)) {
    out[0] = FLAG_INFINITY;
    return out;
  }
  order.forEach((slot, i) => {
    const start = slot * FP_PADDED;
    if (!isZero(encoded, start, start + PAD))
      throw new InvalidPointEncodingError(group, `top ${PAD} bytes of field element ${slot} are not zero`);
    if (!lessThanP(encoded, start + PAD))
      throw new InvalidPointEncodingError(group, `field element ${slot} is not below the field modulus`);
    out.set(encoded.subarray(start + PAD, start + FP_PADDED), i * FP);
  });
  return out;
}

/** zcash G1 is x ‖ y, EIP-2537 too. */
const G1_ORDER = [0, 1] as const;
/** zcash G2 is x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0; EIP-2537 is x.c0 ‖ x.c1 ‖ y.c0 ‖ y.c1. */
const G2_ORDER = [1, 0, 3, 2] as const;

/** 96 zcash uncompressed G1 bytes (blst, noble `toBytes(false)`) → 128 EIP-2537 bytes. */
export function zcashG1ToEip2537(uncompressed: Uint8Array): Uint8Array {
  return zcashToEip2537("G1", uncompressed, G1_ORDER);
}

/** 128 EIP-2537 bytes → 96 zcash uncompressed G1 bytes (format checks only; not curve or subgroup). */
export function eip2537ToZcashG1(encoded: Uint8Array): Uint8Array {
  return eip2537ToZcash("G1", encoded, G1_ORDER);
}

/** 192 zcash uncompressed G2 bytes → 256 EIP-2537 bytes (c0/c1 swapped back, padded). */
export function zcashG2ToEip2537(uncompressed: Uint8Array): Uint8Array {
  return zcashToEip2537("G2", uncompressed, G2_ORDER);
}

/** 256 EIP-2537 bytes → 192 zcash uncompressed G2 bytes (format checks only). */
export function eip2537ToZcashG2(encoded: Uint8Array): Uint8Array {
  return eip2537ToZcash("G2", encoded, G2_ORDER);
}

/** A public key (G1) as EIP-2537 bytes; the point at infinity becomes 128 zero bytes. */
export function encodeG1(publicKey: PublicKey): Uint8Array {
  return zcashG1ToEip2537(publicKey.toBytes(false));
}

/** A signature or hashed message (G2) as EIP-2537 bytes; infinity becomes 256 zero bytes. */
export function encodeG2(signature: Signature): Uint8Array {
  return zcashG2ToEip2537(signature.toBytes(false));
}

export interface DecodeOptions {
  /**
   * Check subgroup membership and reject infinity (default true). Turn off only for points that are
   * legitimately infinity, e.g. an empty aggregate read back from a contract.
   */
  validate?: boolean;
}

/** EIP-2537 bytes (or a G1Point struct) → a decoded public key, strictly checked. */
export function decodeG1(encoded: Uint8Array | G1Point, options: DecodeOptions = {}): PublicKey {
  const bytes = encoded instanceof Uint8Array ? encoded : g1FromStruct(encoded);
  const zcash = eip2537ToZcashG1(bytes);
  try {
    return PublicKey.fromBytes(zcash, options.validate ?? true);
  } catch (error) {
    throw pointError("G1", error);
  }
}

/** EIP-2537 bytes (or a G2Point struct) → a decoded signature, strictly checked. */
export function decodeG2(encoded: Uint8Array | G2Point, options: DecodeOptions = {}): Signature {
  const bytes = encoded instanceof Uint8Array ? encoded : g2FromStruct(encoded);
  const zcash = eip2537ToZcashG2(bytes);
  const validate = options.validate ?? true;
  try {
    return Signature.fromBytes(zcash, validate, validate);
  } catch (error) {
    throw pointError("G2", error);
  }
}

function words(bytes: Uint8Array): Hex[] {
  const out: Hex[] = [];
  for (let i = 0; i < bytes.length; i += 32) out.push(bytesToHex(bytes.subarray(i, i + 32)));
  return out;
}

function fromWords(group: Group, values: readonly Hex[]): Uint8Array {
  const out = new Uint8Array(values.length * 32);
  values.forEach((word, i) => {
    const bytes = hexToBytes(word);
    if (bytes.length !== 32) throw new InvalidPointEncodingError(group, `struct word ${i} is not 32 bytes`);
    out.set(bytes, i * 32);
  });
  return out;
}

function g1Bytes(point: PublicKey | Uint8Array): Uint8Array {
  if (!(point instanceof Uint8Array)) return encodeG1(point);
  if (point.length !== G1_EIP2537_LENGTH)
    throw new InvalidPointEncodingError("G1", `expected ${G1_EIP2537_LENGTH} bytes, got ${point.length}`);
  return point;
}

/**
 * The G1Point struct for viem `writeContract` args, from a public key or its EIP-2537 bytes.
 *
 * @example
 * await writeContract(client, { …, functionName: "registerBlsKey", args: [g1ToStruct(publicKey), …] });
 */
export function g1ToStruct(point: PublicKey | Uint8Array): G1Point {
  const [xA, xB, yA, yB] = words(g1Bytes(point)) as [Hex, Hex, Hex, Hex];
  return { xA, xB, yA, yB };
}

/** A G1Point struct back to its 128 EIP-2537 bytes (no curve check: use `decodeG1` for that). */
export function g1FromStruct(point: G1Point): Uint8Array {
  return fromWords("G1", [point.xA, point.xB, point.yA, point.yB]);
}

/** The G2Point struct for viem args, from a signature or its EIP-2537 bytes. */
export function g2ToStruct(point: Signature | Uint8Array): G2Point {
  let bytes: Uint8Array;
  if (point instanceof Uint8Array) {
    if (point.length !== G2_EIP2537_LENGTH)
      throw new InvalidPointEncodingError("G2", `expected ${G2_EIP2537_LENGTH} bytes, got ${point.length}`);
    bytes = point;
  } else bytes = encodeG2(point);
  const [xc0A, xc0B, xc1A, xc1B, yc0A, yc0B, yc1A, yc1B] = words(bytes) as [
    Hex,
    Hex,
    Hex,
    Hex,
    Hex,
    Hex,
    Hex,
    Hex,
  ];
  return { xc0A, xc0B, xc1A, xc1B, yc0A, yc0B, yc1A, yc1B };
}

/** A G2Point struct back to its 256 EIP-2537 bytes. */
export function g2FromStruct(point: G2Point): Uint8Array {
  return fromWords("G2", [
    point.xc0A,
    point.xc0B,
    point.xc1A,
    point.xc1B,
    point.yc0A,
    point.yc0B,
    point.yc1A,
    point.yc1B,
  ]);
}

/**
 * A key's on-chain id: `keccak256(abi.encode(g1Point))`. The ABI encoding of a struct of four
 * bytes32 is the 128 bytes themselves, so this hashes the EIP-2537 encoding directly.
 */
export function pubkeyHash(point: PublicKey | Uint8Array | G1Point): Hex {
  if (point instanceof Uint8Array || point instanceof PublicKey) return keccak256(g1Bytes(point));
  return keccak256(g1FromStruct(point));
}
