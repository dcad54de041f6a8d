// Reference helpers for tests: @noble/curves configured for Ethereum's min-pk POP ciphersuite, and
// an EIP-2537 encoder built from affine coordinates — independent of the byte shuffling in
// encoding.ts, which is what the tests check.
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { type Hex, hexToBytes } from "viem";

export const POP_DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";
export const noble = bls12_381;
export const nobleSigs = bls12_381.longSignatures;

export type NobleG1 = ReturnType<typeof bls12_381.G1.Point.fromBytes>;
export type NobleG2 = ReturnType<typeof bls12_381.G2.Point.fromBytes>;

const fp64 = (value: bigint): string => value.toString(16).padStart(128, "0");

/** EIP-2537 bytes of a noble G1 point, written from its affine x and y. */
export function nobleG1Eip2537(point: NobleG1): Uint8Array {
  if (point.is0()) return new Uint8Array(128);
  const { x, y } = point.toAffine();
  return hexToBytes(`0x${fp64(x)}${fp64(y)}` as Hex);
}

/** EIP-2537 bytes of a noble G2 point: x.c0, x.c1, y.c0, y.c1, each 64 bytes. */
export function nobleG2Eip2537(point: NobleG2): Uint8Array {
  if (point.is0()) return new Uint8Array(256);
  const { x, y } = point.toAffine();
  return hexToBytes(`0x${fp64(x.c0)}${fp64(x.c1)}${fp64(y.c0)}${fp64(y.c1)}` as Hex);
}

/** H(m) under the POP DST, by noble. */
export function nobleHash(message: Uint8Array): NobleG2 {
  return nobleSigs.hash(message, POP_DST);
}
