// The encodings against the EIP-2537 precompiles of a real EVM (anvil, hardfork prague): if these
// pass, the bytes this package produces are exactly what the contracts feed the precompiles.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { hash_to_field } from "@noble/curves/abstract/hash-to-curve.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { type Anvil, startAnvil } from "@palisade/testkit";
import {
  type Address,
  bytesToHex,
  concat,
  createPublicClient,
  type Hex,
  http,
  keccak256,
  type PublicClient,
  stringToBytes,
} from "viem";
import { call } from "viem/actions";
import { at } from "../testutil.ts";
import { encodeG1, encodeG2, zcashG1ToEip2537, zcashG2ToEip2537 } from "./encoding.ts";
import { secretKeyFromIkm } from "./keys.ts";
import { noble, nobleHash, POP_DST } from "./noble.testutil.ts";
import { aggregatePublicKeys, aggregateSignatures, sign } from "./sign.ts";

const G1ADD: Address = "0x000000000000000000000000000000000000000b";
const G2ADD: Address = "0x000000000000000000000000000000000000000d";
const PAIRING_CHECK: Address = "0x000000000000000000000000000000000000000f";
const MAP_FP2_TO_G2: Address = "0x0000000000000000000000000000000000000011";

let anvil: Anvil;
let client: PublicClient;

before(async () => {
  anvil = await startAnvil();
  client = createPublicClient({ transport: http(anvil.rpcUrl, { retryCount: 0 }) });
});
after(async () => {
  await anvil?.stop();
});

async function precompile(to: Address, input: Uint8Array | Hex): Promise<Hex> {
  const { data } = await call(client, { to, data: typeof input === "string" ? input : bytesToHex(input) });
  assert.ok(data, `no output from ${to}`);
  return data;
}

const keys = Array.from({ length: 3 }, (_, i) => secretKeyFromIkm(new Uint8Array(32).fill(0x40 + i)));
const digest = keccak256(stringToBytes("precompile"));
const TRUE = `0x${"0".repeat(63)}1`;
const FALSE = `0x${"0".repeat(64)}`;

test("G1ADD of two encoded public keys equals the encoding of the blst aggregate key", async () => {
  const [a, b] = [at(keys, 0).toPublicKey(), at(keys, 1).toPublicKey()];
  const sum = await precompile(G1ADD, concat([encodeG1(a), encodeG1(b)]));
  assert.equal(sum, bytesToHex(encodeG1(aggregatePublicKeys([a, b]))));
});

test("G2ADD of two encoded signatures equals the encoding of the blst aggregate", async () => {
  const [a, b] = [sign(at(keys, 0), digest), sign(at(keys, 1), digest)];
  const sum = await precompile(G2ADD, concat([encodeG2(a), encodeG2(b)]));
  assert.equal(sum, bytesToHex(encodeG2(aggregateSignatures([a, b]))));
});

test("PAIRING_CHECK(pk, H(m); −g1, σ) is 1 with H(m) by noble, and 0 for another message", async () => {
  const negG1 = zcashG1ToEip2537(noble.G1.Point.BASE.negate().toBytes(false));
  const hm = zcashG2ToEip2537(nobleHash(Buffer.from(digest.slice(2), "hex")).toBytes(false));
  for (const key of keys) {
    const input = concat([encodeG1(key.toPublicKey()), hm, negG1, encodeG2(sign(key, digest))]);
    assert.equal(await precompile(PAIRING_CHECK, input), TRUE);
  }
  // An aggregate of all three against the aggregate key.
  const apk = aggregatePublicKeys(keys.map((k) => k.toPublicKey()));
  const sigma = aggregateSignatures(keys.map((k) => sign(k, digest)));
  assert.equal(await precompile(PAIRING_CHECK, concat([encodeG1(apk), hm, negG1, encodeG2(sigma)])), TRUE);
  const other = encodeG2(sign(at(keys, 0), keccak256("0x00")));
  assert.equal(
    await precompile(PAIRING_CHECK, concat([encodeG1(at(keys, 0).toPublicKey()), hm, negG1, other])),
    FALSE,
  );
});

test("hash to G2 on-chain: G2ADD(MAP_FP2_TO_G2(u0), MAP_FP2_TO_G2(u1)) = noble hashToCurve (map clears the cofactor)", async () => {
  for (const text of ["", "abc", "palisade"]) {
    const message = stringToBytes(text);
    const [u0, u1] = hash_to_field(message, 2, {
      DST: POP_DST,
      p: noble.fields.Fp.ORDER,
      m: 2,
      k: 128,
      expand: "xmd",
      hash: sha256,
    });
    // An Fp2 input is c0 ‖ c1, 64 bytes each.
    const fp2 = (u: bigint[] | undefined): Hex =>
      `0x${(u ?? []).map((c) => c.toString(16).padStart(128, "0")).join("")}`;
    const q0 = await precompile(MAP_FP2_TO_G2, fp2(u0));
    const q1 = await precompile(MAP_FP2_TO_G2, fp2(u1));
    const onChain = await precompile(G2ADD, concat([q0, q1]));
    assert.equal(onChain, bytesToHex(zcashG2ToEip2537(nobleHash(message).toBytes(false))));
  }
});

test("the precompile refuses what decodeG1 refuses: non-zero padding", async () => {
  const bad = encodeG1(at(keys, 0).toPublicKey());
  bad[0] = 1;
  await assert.rejects(precompile(G1ADD, concat([bad, encodeG1(at(keys, 1).toPublicKey())])));
});
