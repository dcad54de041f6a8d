import assert from "node:assert/strict";
import { test } from "node:test";
import { Signature } from "@chainsafe/blst";
import { hash_to_field } from "@noble/curves/abstract/hash-to-curve.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, keccak256, stringToBytes } from "viem";
import { EmptyAggregateError, InvalidDigestError } from "../errors/bls.ts";
import { at } from "../testutil.ts";
import { secretKeyFromIkm } from "./keys.ts";
import { noble, nobleHash, nobleSigs } from "./noble.testutil.ts";
import { aggregatePublicKeys, aggregateSignatures, fastAggregateVerify, sign, verify } from "./sign.ts";

const keys = Array.from({ length: 10 }, (_, i) => secretKeyFromIkm(new Uint8Array(32).fill(0x10 + i)));
const digest = hexToBytes(keccak256(stringToBytes("palisade sign test")));
const nobleG1 = (bytes: Uint8Array) => noble.G1.Point.fromBytes(bytes);
const nobleG2 = (bytes: Uint8Array) => noble.G2.Point.fromBytes(bytes);

test("a blst signature verifies in noble (POP DST) and a noble signature verifies in blst", () => {
  for (const key of keys.slice(0, 4)) {
    const publicKey = key.toPublicKey();
    const signature = sign(key, digest);
    assert.equal(verify(digest, publicKey, signature), true);
    const nobleKey = nobleG1(publicKey.toBytes(true));
    assert.equal(nobleSigs.verify(nobleG2(signature.toBytes(true)), nobleHash(digest), nobleKey), true);

    const nobleSignature = nobleSigs.sign(nobleHash(digest), key.toBytes());
    assert.equal(bytesToHex(nobleSignature.toBytes(true)), signature.toHex(true)); // deterministic
    assert.equal(verify(digest, publicKey, Signature.fromBytes(nobleSignature.toBytes(true), true)), true);
  }
  assert.equal(verify(digest, at(keys, 1).toPublicKey(), sign(at(keys, 0), digest)), false);
  assert.equal(verify(new Uint8Array(32), at(keys, 0).toPublicKey(), sign(at(keys, 0), digest)), false);
});

test("hash-to-curve: e(pk, H(m)) = e(g1, σ) with H(m) by noble under the POP DST", () => {
  const key = at(keys, 2);
  const publicKey = nobleG1(key.toPublicKey().toBytes(true));
  const signature = nobleG2(sign(key, digest).toBytes(true));
  const left = noble.pairing(publicKey, nobleHash(digest));
  const right = noble.pairing(noble.G1.Point.BASE, signature);
  assert.equal(noble.fields.Fp12.eql(left, right), true);
  // The default (NUL) DST gives another point: the tag matters.
  const nul = noble.pairing(publicKey, nobleSigs.hash(digest));
  assert.equal(noble.fields.Fp12.eql(nul, right), false);
});

test("aggregates of 10 signers verify in blst (fast-aggregate) and in noble", () => {
  const signatures = keys.map((key) => sign(key, digest));
  const publicKeys = keys.map((key) => key.toPublicKey());
  const aggregate = aggregateSignatures(signatures);
  const aggregateKey = aggregatePublicKeys(publicKeys);
  assert.equal(fastAggregateVerify(digest, publicKeys, aggregate), true);
  assert.equal(verify(digest, aggregateKey, aggregate), true);
  assert.equal(fastAggregateVerify(digest, publicKeys.slice(1), aggregate), false);
  assert.equal(fastAggregateVerify(digest, [], aggregate), false);

  const nobleAggregate = nobleSigs.aggregateSignatures(signatures.map((s) => nobleG2(s.toBytes(true))));
  const nobleAggregateKey = nobleSigs.aggregatePublicKeys(publicKeys.map((k) => nobleG1(k.toBytes(true))));
  assert.equal(bytesToHex(nobleAggregate.toBytes(true)), aggregate.toHex(true));
  assert.equal(bytesToHex(nobleAggregateKey.toBytes(true)), aggregateKey.toHex(true));
  assert.equal(nobleSigs.verify(nobleAggregate, nobleHash(digest), nobleAggregateKey), true);
});

test("only 32-byte digests are signed; empty aggregates are refused", () => {
  assert.throws(() => sign(at(keys, 0), new Uint8Array(31)), InvalidDigestError);
  assert.throws(() => sign(at(keys, 0), "0x1234"), InvalidDigestError);
  assert.throws(() => sign(at(keys, 0), "not hex" as `0x${string}`), InvalidDigestError);
  assert.equal(
    verify(keccak256("0x01"), at(keys, 0).toPublicKey(), sign(at(keys, 0), keccak256("0x01"))),
    true,
  );
  assert.throws(() => aggregateSignatures([]), EmptyAggregateError);
  assert.throws(() => aggregatePublicKeys([]), EmptyAggregateError);
});

// RFC 9380 Appendix J.10.1, suite BLS12381G2_XMD:SHA-256_SSWU_RO_, with the RFC's own test tag.
const RFC_DST = "QUUX-V01-CS02-with-BLS12381G2_XMD:SHA-256_SSWU_RO_";
const rfcVectors: { msg: string; x: [string, string]; y: [string, string] }[] = [
  {
    msg: "",
    x: [
      "0141ebfbdca40eb85b87142e130ab689c673cf60f1a3e98d69335266f30d9b8d4ac44c1038e9dcdd5393faf5c41fb78a",
      "05cb8437535e20ecffaef7752baddf98034139c38452458baeefab379ba13dff5bf5dd71b72418717047f5b0f37da03d",
    ],
    y: [
      "0503921d7f6a12805e72940b963c0cf3471c7b2a524950ca195d11062ee75ec076daf2d4bc358c4b190c0c98064fdd92",
      "12424ac32561493f3fe3c260708a12b7c620e7be00099a974e259ddc7d1f6395c3c811cdd19f1e8dbf3e9ecfdcbab8d6",
    ],
  },
  {
    msg: "abc",
    x: [
      "02c2d18e033b960562aae3cab37a27ce00d80ccd5ba4b7fe0e7a210245129dbec7780ccc7954725f4168aff2787776e6",
      "139cddbccdc5e91b9623efd38c49f81a6f83f175e80b06fc374de9eb4b41dfe4ca3a230ed250fbe3a2acf73a41177fd8",
    ],
    y: [
      "1787327b68159716a37440985269cf584bcb1e621d3a7202be6ea05c4cfe244aeb197642555a0645fb87bf7466b2ba48",
      "00aa65dae3c8d732d10ecd2c50f8a1baf3001578f71c694e03866e9f3d49ac1e1ce70dd94a733534f106d4cec0eddd16",
    ],
  },
  {
    msg: "abcdef0123456789",
    x: [
      "121982811d2491fde9ba7ed31ef9ca474f0e1501297f68c298e9f4c0028add35aea8bb83d53c08cfc007c1e005723cd0",
      "190d119345b94fbd15497bcba94ecf7db2cbfd1e1fe7da034d26cbba169fb3968288b3fafb265f9ebd380512a71c3f2c",
    ],
    y: [
      "05571a0f8d3c08d094576981f4a3b8eda0a8e771fcdcc8ecceaf1356a6acf17574518acb506e435b639353c2e14827c8",
      "0bb5e7572275c567462d91807de765611490205a941a5a6af3b1691bfe596c31225d3aabdf15faff860cb4ef17c7c3be",
    ],
  },
  {
    msg: `q128_${"q".repeat(128)}`,
    x: [
      "19a84dd7248a1066f737cc34502ee5555bd3c19f2ecdb3c7d9e24dc65d4e25e50d83f0f77105e955d78f4762d33c17da",
      "0934aba516a52d8ae479939a91998299c76d39cc0c035cd18813bec433f587e2d7a4fef038260eef0cef4d02aae3eb91",
    ],
    y: [
      "14f81cd421617428bc3b9fe25afbb751d934a00493524bc4e065635b0555084dd54679df1536101b2c979c0152d09192",
      "09bcccfa036b4847c9950780733633f13619994394c23ff0b32fa6b795844f4a0673e20282d07bc69641cee04f5e5662",
    ],
  },
  {
    msg: `a512_${"a".repeat(512)}`,
    x: [
      "01a6ba2f9a11fa5598b2d8ace0fbe0a0eacb65deceb476fbbcb64fd24557c2f4b18ecfc5663e54ae16a84f5ab7f62534",
      "11fca2ff525572795a801eed17eb12785887c7b63fb77a42be46ce4a34131d71f7a73e95fee3f812aea3de78b4d01569",
    ],
    y: [
      "0b6798718c8aed24bc19cb27f866f1c9effcdbf92397ad6448b5c9db90d2b9da6cbabf48adc1adf59a1a28344e79d57e",
      "03a47f8e6d1763ba0cad63d6114c0accbef65707825a511b251a660a9b3994249ae4e63fac38b23da0c398689ee2ab52",
    ],
  },
];

test("noble hash_to_curve meets the RFC 9380 J.10.1 known answers (BLS12381G2_XMD:SHA-256_SSWU_RO_)", () => {
  for (const vector of rfcVectors) {
    const point = noble.G2.hashToCurve(stringToBytes(vector.msg), { DST: RFC_DST }).toAffine();
    const hex = (value: bigint) => value.toString(16).padStart(96, "0");
    assert.deepEqual([hex(point.x.c0), hex(point.x.c1)], vector.x, `P.x for "${vector.msg.slice(0, 8)}"`);
    assert.deepEqual([hex(point.y.c0), hex(point.y.c1)], vector.y, `P.y for "${vector.msg.slice(0, 8)}"`);
  }
  // hash_to_field u[0] of the empty message (RFC 9380 J.10.1): the expansion is XMD with SHA-256.
  const [u0] = hash_to_field(new Uint8Array(), 2, {
    DST: RFC_DST,
    p: noble.fields.Fp.ORDER,
    m: 2,
    k: 128,
    expand: "xmd",
    hash: sha256,
  });
  assert.deepEqual(
    u0?.map((c) => c.toString(16).padStart(96, "0")),
    [
      "03dbc2cce174e91ba93cbb08f26b917f98194a2ea08d1cce75b2b9cc9f21689d80bd79b594a613d0a68eb807dfdc1cf8",
      "05a2acec64114845711a54199ea339abd125ba38253b70a92c876df10598bd1986b739cad67961eb94f7076511b3b39a",
    ],
  );
});
