import assert from "node:assert/strict";
import { test } from "node:test";
import { PublicKey, Signature } from "@chainsafe/blst";
import { bytesToHex, encodeAbiParameters, hexToBytes, keccak256 } from "viem";
import {
  InvalidPointEncodingError,
  PointAtInfinityError,
  PointNotInSubgroupError,
  PointNotOnCurveError,
} from "../errors/bls.ts";
import { at } from "../testutil.ts";
import {
  decodeG1,
  decodeG2,
  eip2537ToZcashG1,
  eip2537ToZcashG2,
  encodeG1,
  encodeG2,
  g1FromStruct,
  g1ToStruct,
  g2FromStruct,
  g2ToStruct,
  pubkeyHash,
  zcashG1ToEip2537,
  zcashG2ToEip2537,
} from "./encoding.ts";
import { secretKeyFromIkm } from "./keys.ts";
import { noble, nobleG1Eip2537, nobleG2Eip2537, nobleHash } from "./noble.testutil.ts";
import { sign } from "./sign.ts";

const keys = Array.from({ length: 8 }, (_, i) => secretKeyFromIkm(new Uint8Array(32).fill(i + 1)));
const digest = keccak256(new TextEncoder().encode("encoding"));
const P = noble.fields.Fp.ORDER;

test("G1: blst public key → EIP-2537 equals noble's affine point padded per EIP-2537, and back", () => {
  for (const key of keys) {
    const publicKey = key.toPublicKey();
    const encoded = encodeG1(publicKey);
    const reference = nobleG1Eip2537(noble.G1.Point.fromBytes(publicKey.toBytes(true)));
    assert.equal(bytesToHex(encoded), bytesToHex(reference));
    assert.deepEqual(decodeG1(encoded).toBytes(true), publicKey.toBytes(true));
  }
});

test("G2: blst signature → EIP-2537 equals noble (c0 before c1, padded), and back", () => {
  for (const key of keys) {
    const signature = sign(key, digest);
    const encoded = encodeG2(signature);
    const reference = nobleG2Eip2537(noble.G2.Point.fromBytes(signature.toBytes(true)));
    assert.equal(bytesToHex(encoded), bytesToHex(reference));
    assert.deepEqual(decodeG2(encoded).toBytes(true), signature.toBytes(true));
  }
});

test("noble's uncompressed bytes convert with the same zcash converters", () => {
  const point = nobleHash(new TextEncoder().encode("zcash bytes"));
  assert.deepEqual(zcashG2ToEip2537(point.toBytes(false)), nobleG2Eip2537(point));
  assert.deepEqual(eip2537ToZcashG2(nobleG2Eip2537(point)), point.toBytes(false));
  const g1 = noble.G1.Point.BASE.multiply(12345n);
  assert.deepEqual(zcashG1ToEip2537(g1.toBytes(false)), nobleG1Eip2537(g1));
  assert.deepEqual(eip2537ToZcashG1(nobleG1Eip2537(g1)), g1.toBytes(false));
});

test("infinity: all zeros both ways; decoding it is refused unless validation is off", () => {
  const g1Infinity = new Uint8Array(96);
  g1Infinity[0] = 0x40;
  const g2Infinity = new Uint8Array(192);
  g2Infinity[0] = 0x40;
  assert.deepEqual(encodeG1(PublicKey.fromBytes(g1Infinity)), new Uint8Array(128));
  assert.deepEqual(encodeG2(Signature.fromBytes(g2Infinity, false, false)), new Uint8Array(256));
  assert.deepEqual(eip2537ToZcashG1(new Uint8Array(128)), g1Infinity);
  assert.deepEqual(eip2537ToZcashG2(new Uint8Array(256)), g2Infinity);
  assert.throws(() => decodeG1(new Uint8Array(128)), PointAtInfinityError);
  assert.throws(() => decodeG2(new Uint8Array(256)), PointAtInfinityError);
  assert.deepEqual(decodeG1(new Uint8Array(128), { validate: false }).toBytes(false), g1Infinity);
  assert.deepEqual(decodeG2(new Uint8Array(256), { validate: false }).toBytes(false), g2Infinity);
});

test("strict decoding: length, padding, coordinate ≥ p, flags, off-curve, outside the subgroup", () => {
  const good = encodeG1(at(keys, 0).toPublicKey());
  assert.throws(() => decodeG1(good.subarray(0, 127)), InvalidPointEncodingError);
  assert.throws(() => decodeG2(new Uint8Array(255)), InvalidPointEncodingError);

  const padded = good.slice();
  padded[0] = 1; // a byte of x's 16-byte zero padding
  assert.throws(
    () => decodeG1(padded),
    (e: unknown) => e instanceof InvalidPointEncodingError && /top 16/.test(e.message),
  );

  const atP = good.slice();
  atP.set(hexToBytes(`0x${P.toString(16).padStart(96, "0")}`), 16);
  assert.throws(() => decodeG1(atP), /field modulus/);

  const offCurve = good.slice();
  offCurve[127] = (offCurve[127] as number) ^ 1;
  assert.throws(() => decodeG1(offCurve), PointNotOnCurveError);

  // A point of E(Fp) outside G1: the first x with x³ + 4 a square. G1 is a tiny fraction of E(Fp)
  // (cofactor ≈ 2^126), so this point lies outside it; noble agrees below.
  const Fp = noble.fields.Fp;
  let x = 1n;
  let y: bigint | undefined;
  for (; y === undefined; x++) {
    try {
      y = Fp.sqrt(Fp.add(Fp.pow(x, 3n), 4n));
    } catch {
      y = undefined;
    }
  }
  const outside = hexToBytes(
    `0x${(x - 1n).toString(16).padStart(128, "0")}${y.toString(16).padStart(128, "0")}`,
  );
  assert.throws(() => decodeG1(outside), PointNotInSubgroupError);
  assert.throws(() => noble.G1.Point.fromAffine({ x: x - 1n, y }).assertValidity());

  // Compressed zcash bytes are not accepted where uncompressed are expected.
  assert.throws(() => zcashG1ToEip2537(new Uint8Array(96).fill(0x80, 0, 1)), InvalidPointEncodingError);
});

test("structs: words are the EIP-2537 bytes; abi.encode(struct) is those bytes; pubkeyHash hashes them", () => {
  const publicKey = at(keys, 1).toPublicKey();
  const encoded = encodeG1(publicKey);
  const struct = g1ToStruct(publicKey);
  assert.equal(struct.xA.slice(0, 34), `0x${"0".repeat(32)}`); // top 16 bytes of x are zero
  assert.deepEqual(g1FromStruct(struct), encoded);
  const abiEncoded = encodeAbiParameters(
    [
      {
        type: "tuple",
        components: [
          { name: "xA", type: "bytes32" },
          { name: "xB", type: "bytes32" },
          { name: "yA", type: "bytes32" },
          { name: "yB", type: "bytes32" },
        ],
      },
    ],
    [struct],
  );
  assert.equal(abiEncoded, bytesToHex(encoded));
  assert.equal(pubkeyHash(struct), keccak256(abiEncoded));
  assert.equal(pubkeyHash(publicKey), keccak256(abiEncoded));
  assert.equal(pubkeyHash(encoded), keccak256(abiEncoded));
  assert.deepEqual(decodeG1(struct).toBytes(true), publicKey.toBytes(true));

  const signature = sign(at(keys, 1), digest);
  const g2 = g2ToStruct(signature);
  assert.deepEqual(g2FromStruct(g2), encodeG2(signature));
  assert.deepEqual(g2ToStruct(encodeG2(signature)), g2);
  assert.equal(Object.keys(g2).join(), "xc0A,xc0B,xc1A,xc1B,yc0A,yc0B,yc1A,yc1B");
  assert.throws(() => g1FromStruct({ ...struct, yB: "0x01" }), InvalidPointEncodingError);
});
