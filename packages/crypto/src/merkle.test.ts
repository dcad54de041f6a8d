import assert from "node:assert/strict";
import { test } from "node:test";
import { concat, type Hex, keccak256, numberToHex, pad } from "viem";
import { EmptyMerkleTreeError, InvalidMerkleNodeError, LeafIndexOutOfRangeError } from "./errors/merkle.ts";
import {
  buildMerkleTree,
  getMerkleProof,
  processMerkleProof,
  verdictLeaf,
  verifyMerkleProof,
} from "./merkle.ts";
import { at } from "./testutil.ts";

const leafOf = (i: number): Hex => keccak256(numberToHex(i, { size: 32 }));

// Independent reference: recursive, hex strings, OZ commutative hash; same shape (pairs left to
// right per level, lone last node carried up).
const hashPairRef = (a: Hex, b: Hex): Hex =>
  BigInt(a) <= BigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
function rootRef(level: Hex[]): Hex {
  if (level.length === 1) return at(level, 0);
  const next: Hex[] = [];
  for (let i = 0; i < level.length; i += 2)
    next.push(i + 1 < level.length ? hashPairRef(at(level, i), at(level, i + 1)) : at(level, i));
  return rootRef(next);
}

test("verdictLeaf = keccak256(keccak256(abi.encode(bytes32, bytes32, bytes32, uint32))), by hand", () => {
  const verdict = {
    requestHash: leafOf(1),
    responseHash: leafOf(2),
    engineVersion: leafOf(3),
    referenceBlock: 77,
  };
  const encoded = concat([leafOf(1), leafOf(2), leafOf(3), pad(numberToHex(77), { size: 32 })]);
  assert.equal(verdictLeaf(verdict), keccak256(keccak256(encoded)));
});

test("one leaf: root = leaf, empty proof", () => {
  const tree = buildMerkleTree([leafOf(0)]);
  assert.equal(tree.root, leafOf(0));
  assert.deepEqual(getMerkleProof(tree, 0), []);
  assert.equal(verifyMerkleProof(tree.root, leafOf(0), []), true);
});

test("sizes 1..17: every proof verifies, the root equals the reference, tampering fails", () => {
  for (let size = 1; size <= 17; size++) {
    const leaves = Array.from({ length: size }, (_, i) => leafOf(i));
    const tree = buildMerkleTree(leaves);
    assert.equal(tree.root, rootRef(leaves), `root of ${size}`);
    leaves.forEach((leaf, index) => {
      const proof = getMerkleProof(tree, index);
      assert.ok(proof.length <= Math.ceil(Math.log2(size)));
      assert.equal(verifyMerkleProof(tree.root, leaf, proof), true, `leaf ${index} of ${size}`);
      assert.equal(verifyMerkleProof(tree.root, leafOf(1000), proof), false);
      if (proof.length > 0) {
        const tampered = [...proof];
        tampered[0] = keccak256(at(tampered, 0));
        assert.equal(verifyMerkleProof(tree.root, leaf, tampered), false);
        assert.equal(verifyMerkleProof(tree.root, leaf, proof.slice(0, -1)), false);
      }
    });
  }
});

test("10,000 leaves build well under a second; proofs verify; root equals the reference", () => {
  const leaves = Array.from({ length: 10_000 }, (_, i) => leafOf(i));
  const started = performance.now();
  const tree = buildMerkleTree(leaves);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 1_000, `built in ${elapsed.toFixed(0)} ms`);
  assert.equal(tree.root, rootRef(leaves));
  for (const index of [0, 1, 4_999, 9_998, 9_999]) {
    const proof = getMerkleProof(tree, index);
    assert.equal(processMerkleProof(at(leaves, index), proof), tree.root);
  }
});

test("uppercase hex roots compare equal; bad input is refused with named errors", () => {
  const tree = buildMerkleTree([leafOf(0), leafOf(1)]);
  const upper = `0x${tree.root.slice(2).toUpperCase()}` as Hex;
  assert.equal(verifyMerkleProof(upper, leafOf(0), getMerkleProof(tree, 0)), true);
  assert.throws(() => buildMerkleTree([]), EmptyMerkleTreeError);
  assert.throws(() => buildMerkleTree(["0x1234"]), InvalidMerkleNodeError);
  assert.throws(() => getMerkleProof(tree, 2), LeafIndexOutOfRangeError);
  assert.throws(() => getMerkleProof(tree, -1), LeafIndexOutOfRangeError);
});
