// The aggregator's signature path at N = 10 / 100 / 1000 operators over one attestation digest
// (not part of the test suite). Run: node_modules/.bin/tsx apps/aggregator/bench/aggregate.bench.ts
//
// Per N, from what arrives: the operators' keys as registered (EIP-2537 G1, 128 bytes) and their
// signatures as the nodes send them (0x-hex EIP-2537 G2, 256 bytes), mirroring signatures.ts and
// batcher.ts:
//   decode keys       decodeG1 of every registered key (the aggregator does it once and caches it)
//   verify each       decodeG2(hexToBytes(signature)) + verify against its decoded key, one by one
//   aggregate         decodeG2 again (the batcher re-reads the stored hex) + aggregateSignatures
//   verify aggregate  aggregatePublicKeys + verify of the aggregate (the check submitBatch does on-chain)
import { cpus, totalmem } from "node:os";
import {
  aggregatePublicKeys,
  aggregateSignatures,
  decodeG1,
  decodeG2,
  encodeG1,
  encodeG2,
  type PublicKey,
  type Signature,
  secretKeyFromIkm,
  sign,
  verify,
} from "@palisade/crypto";
import { bytesToHex, type Hex, hexToBytes, keccak256, stringToBytes } from "viem";

/** Median milliseconds of `runs` timed runs after one warm-up run. */
function measure(runs: number, body: () => void): number {
  body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    body();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const digest = keccak256(stringToBytes("palisade aggregator bench"));
const SIZES = [10, 100, 1000] as const;
// Fewer runs where one run already takes a second: the median of 5 is stable enough there.
const RUNS: Record<(typeof SIZES)[number], number> = { 10: 50, 100: 15, 1000: 5 };

const maxN = Math.max(...SIZES);
const secretKeys = Array.from({ length: maxN }, (_, i) => {
  const ikm = new Uint8Array(32);
  ikm.set(stringToBytes(`aggregator bench operator ${i}`).subarray(0, 32));
  return secretKeyFromIkm(ikm);
});
const registeredKeys: Uint8Array[] = secretKeys.map((key) => encodeG1(key.toPublicKey()));
const sentSignatures: Hex[] = secretKeys.map((key) => bytesToHex(encodeG2(sign(key, digest))));

interface Row {
  n: number;
  step: string;
  ms: number;
}
const rows: Row[] = [];

for (const n of SIZES) {
  const runs = RUNS[n];
  const keys = registeredKeys.slice(0, n);
  const hexes = sentSignatures.slice(0, n);
  let publicKeys: PublicKey[] = [];
  let aggregate: Signature | undefined;

  rows.push({
    n,
    step: "decode keys",
    ms: measure(runs, () => {
      publicKeys = keys.map((bytes) => decodeG1(bytes));
    }),
  });
  rows.push({
    n,
    step: "verify each",
    ms: measure(runs, () => {
      for (const [i, hex] of hexes.entries())
        if (!verify(digest, publicKeys[i] as PublicKey, decodeG2(hexToBytes(hex))))
          throw new Error(`signature ${i} did not verify`);
    }),
  });
  rows.push({
    n,
    step: "aggregate",
    ms: measure(runs, () => {
      aggregate = aggregateSignatures(hexes.map((hex) => decodeG2(hexToBytes(hex))));
    }),
  });
  rows.push({
    n,
    step: "verify aggregate",
    ms: measure(runs, () => {
      if (!aggregate || !verify(digest, aggregatePublicKeys(publicKeys), aggregate))
        throw new Error("the aggregate did not verify");
    }),
  });
}

const line = (cells: string[]) =>
  `${cells.map((cell, i) => (i < 2 ? cell.padEnd(18) : cell.padStart(14))).join(" | ")}\n`;
process.stdout.write(line(["N", "step", "median ms", "signatures/s"]));
process.stdout.write(`${"-".repeat(18)}-|-${"-".repeat(18)}-|-${"-".repeat(14)}-|-${"-".repeat(14)}\n`);
for (const n of SIZES) {
  const own = rows.filter((row) => row.n === n);
  const total = own.reduce((sum, row) => sum + row.ms, 0);
  for (const row of [...own, { n, step: "total", ms: total }])
    process.stdout.write(
      line([String(n), row.step, row.ms.toFixed(3), Math.round((n * 1000) / row.ms).toLocaleString("en")]),
    );
}
const cpu = cpus();
process.stdout.write(
  `\nnode ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? "unknown cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${new Date().toISOString().slice(0, 10)}\n`,
);
