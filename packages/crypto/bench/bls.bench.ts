// Off-chain cost of the attestation primitives (not part of the test suite).
// Run: node_modules/.bin/tsx packages/crypto/bench/bls.bench.ts
import { keccak256, numberToHex, stringToBytes } from "viem";
import {
  aggregatePublicKeys,
  aggregateSignatures,
  buildMerkleTree,
  decodeG1,
  encodeG1,
  fastAggregateVerify,
  secretKeyFromIkm,
  sign,
  verify,
} from "../src/index.ts";
import { at } from "../src/testutil.ts";

/** Median milliseconds per call over `runs` timed runs, after a warm-up. */
function measure(runs: number, body: () => unknown): number {
  for (let i = 0; i < Math.min(5, runs); i++) body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    body();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const SIGNERS = 100;
const keys = Array.from({ length: SIGNERS }, (_, i) => {
  const ikm = new Uint8Array(32);
  ikm.set(stringToBytes(`bench ${i}`).subarray(0, 32));
  return secretKeyFromIkm(ikm);
});
const publicKeys = keys.map((key) => key.toPublicKey());
const encodedKeys = publicKeys.map(encodeG1);
const digest = keccak256(stringToBytes("bench"));
const signatures = keys.map((key) => sign(key, digest));
const aggregate = aggregateSignatures(signatures);
const leaves = Array.from({ length: 10_000 }, (_, i) => keccak256(numberToHex(i, { size: 32 })));

const rows: [string, number][] = [
  ["sign (32-byte digest)", measure(200, () => sign(at(keys, 0), digest))],
  ["verify one", measure(200, () => verify(digest, at(publicKeys, 0), at(signatures, 0)))],
  ["aggregate 100 signatures", measure(200, () => aggregateSignatures(signatures))],
  ["aggregate 100 public keys", measure(200, () => aggregatePublicKeys(publicKeys))],
  [
    "fast-aggregate-verify 100 (decoded keys)",
    measure(200, () => fastAggregateVerify(digest, publicKeys, aggregate)),
  ],
  [
    "fast-aggregate-verify 100 (keys decoded from EIP-2537)",
    measure(50, () =>
      fastAggregateVerify(
        digest,
        encodedKeys.map((bytes) => decodeG1(bytes)),
        aggregate,
      ),
    ),
  ],
  ["Merkle tree of 10,000 leaves", measure(20, () => buildMerkleTree(leaves))],
];

const width = Math.max(...rows.map(([name]) => name.length));
process.stdout.write(`${"operation".padEnd(width)} | median ms\n${"-".repeat(width)}-|----------\n`);
for (const [name, ms] of rows) process.stdout.write(`${name.padEnd(width)} | ${ms.toFixed(3).padStart(9)}\n`);
process.stdout.write(`\nnode ${process.version}, ${SIGNERS} signers\n`);
