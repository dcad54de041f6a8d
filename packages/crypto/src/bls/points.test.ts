import assert from "node:assert/strict";
import { test } from "node:test";
import { keccak256 } from "viem";
import { InvalidPointEncodingError, PointAtInfinityError, PointNotOnCurveError } from "../errors/bls.ts";
import { secretKeyFromIkm } from "./keys.ts";
import { publicKeyFromBytes, signatureFromBytes } from "./points.ts";
import { sign, verify } from "./sign.ts";

const key = secretKeyFromIkm(new Uint8Array(32).fill(0x21));
const digest = keccak256("0x5151");

test("public keys and signatures decode from compressed and uncompressed blst bytes", () => {
  const publicKey = key.toPublicKey();
  const signature = sign(key, digest);
  for (const compress of [true, false]) {
    const pk = publicKeyFromBytes(publicKey.toBytes(compress));
    const sig = signatureFromBytes(signature.toBytes(compress));
    assert.equal(verify(digest, pk, sig), true);
  }
});

test("wrong length, infinity and off-curve bytes are named errors", () => {
  assert.throws(() => publicKeyFromBytes(new Uint8Array(47)), InvalidPointEncodingError);
  assert.throws(() => signatureFromBytes(new Uint8Array(95)), InvalidPointEncodingError);
  const infinity = new Uint8Array(48);
  infinity[0] = 0xc0; // compressed + infinity
  assert.throws(() => publicKeyFromBytes(infinity), PointAtInfinityError);
  const g2Infinity = new Uint8Array(96);
  g2Infinity[0] = 0xc0;
  assert.throws(() => signatureFromBytes(g2Infinity), PointAtInfinityError);
  const offCurve = key.toPublicKey().toBytes(false);
  offCurve[95] = (offCurve[95] as number) ^ 1;
  assert.throws(() => publicKeyFromBytes(offCurve), PointNotOnCurveError);
});
