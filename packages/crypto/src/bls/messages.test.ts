import assert from "node:assert/strict";
import { test } from "node:test";
import { bytesToHex, concat, keccak256, numberToHex, pad, stringToBytes } from "viem";
import { encodeG1, g1ToStruct } from "./encoding.ts";
import { secretKeyFromIkm } from "./keys.ts";
import {
  ATTESTATION_TAG,
  attestationDigest,
  POP_TAG,
  popMessage,
  proofOfPossession,
  verifyProofOfPossession,
} from "./messages.ts";
import { noble, nobleHash, nobleSigs } from "./noble.testutil.ts";

const registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const operator = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const serviceManager = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const key = secretKeyFromIkm(new Uint8Array(32).fill(7));

// abi.encode of static types is one 32-byte word each, in order: build it by hand.
const word = (value: `0x${string}`) => pad(value, { size: 32 });

test("tags are keccak256 of the ASCII names", () => {
  assert.equal(POP_TAG, keccak256(stringToBytes("PALISADE_BLS_POP")));
  assert.equal(ATTESTATION_TAG, keccak256(stringToBytes("PALISADE_ATTESTATION")));
});

test("popMessage = keccak256(abi.encode(tag, chainId, registry, operator, G1Point)), built by hand", () => {
  const publicKey = key.toPublicKey();
  const expected = keccak256(
    concat([
      POP_TAG,
      word(numberToHex(31337)),
      word(registry),
      word(operator),
      bytesToHex(encodeG1(publicKey)),
    ]),
  );
  assert.equal(popMessage({ chainId: 31337, registry, operator, pubkey: publicKey }), expected);
  assert.equal(popMessage({ chainId: 31337n, registry, operator, pubkey: g1ToStruct(publicKey) }), expected);
  assert.equal(popMessage({ chainId: 31337, registry, operator, pubkey: encodeG1(publicKey) }), expected);
});

test("attestationDigest = keccak256(abi.encode(tag, chainId, serviceManager, batchRoot, uint32)), by hand", () => {
  const batchRoot = keccak256("0xabcd");
  const expected = keccak256(
    concat([
      ATTESTATION_TAG,
      word(numberToHex(1)),
      word(serviceManager),
      batchRoot,
      word(numberToHex(4_294_967_295)),
    ]),
  );
  assert.equal(
    attestationDigest({ chainId: 1, serviceManager, batchRoot, referenceBlock: 4_294_967_295 }),
    expected,
  );
  assert.throws(() => attestationDigest({ chainId: 1, serviceManager, batchRoot, referenceBlock: 2 ** 32 }));
});

test("proofOfPossession verifies for its binding only, and in noble", () => {
  const pop = proofOfPossession(key, { chainId: 31337, registry, operator });
  const publicKey = key.toPublicKey();
  assert.equal(verifyProofOfPossession(publicKey, pop, { chainId: 31337, registry, operator }), true);
  assert.equal(verifyProofOfPossession(publicKey, pop, { chainId: 1, registry, operator }), false);
  assert.equal(
    verifyProofOfPossession(publicKey, pop, { chainId: 31337, registry, operator: registry }),
    false,
  );
  const other = secretKeyFromIkm(new Uint8Array(32).fill(8)).toPublicKey();
  assert.equal(verifyProofOfPossession(other, pop, { chainId: 31337, registry, operator }), false);

  const message = popMessage({ chainId: 31337, registry, operator, pubkey: publicKey });
  const valid = nobleSigs.verify(
    noble.G2.Point.fromBytes(pop.toBytes(true)),
    nobleHash(Uint8Array.from(Buffer.from(message.slice(2), "hex"))),
    noble.G1.Point.fromBytes(publicKey.toBytes(true)),
  );
  assert.equal(valid, true);
});
