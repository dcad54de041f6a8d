import assert from "node:assert/strict";
import { test } from "node:test";
import { createLabelIndex } from "./labelIndex.ts";
import type { LabelRow } from "./labelRow.ts";

const A = "0x00000000000000000000000000000000000000aa";
const B = "0x00000000000000000000000000000000000000bb";
const rows: LabelRow[] = [
  { address: A, chainId: 1, label: "phishing", sources: ["forta/1/phishing_scams"] },
  { address: A, chainId: 56, label: "heist", sources: ["etherscan-labels/bscscan/accounts/heist"] },
  { address: A, chainId: null, label: "phishing", sources: ["scamsniffer/address"] },
  { address: B, chainId: null, label: "sanctioned", sources: ["ofac/USDT"] },
  // The same (address, chain, label) again from another file: one entry, sources merged.
  { address: A, chainId: 1, label: "phishing", sources: ["forta/1/etherscan_malicious_labels"] },
];

test("lookup is chain-aware: rows of the chain and rows without a chain; every row without a chain id", () => {
  const index = createLabelIndex(rows);
  assert.deepEqual(index.lookup(A, 1), [
    { chainId: null, label: "phishing", sources: ["scamsniffer/address"] },
    {
      chainId: 1,
      label: "phishing",
      sources: ["forta/1/etherscan_malicious_labels", "forta/1/phishing_scams"],
    },
  ]);
  assert.deepEqual(
    index.lookup(A, 56).map((entry) => entry.label),
    ["phishing", "heist"],
  );
  assert.deepEqual(
    index.lookup(A, 10).map((entry) => entry.chainId),
    [null],
  );
  assert.deepEqual(
    index.lookup(A).map((entry) => entry.chainId),
    [null, 1, 56],
  );
  assert.deepEqual(
    index.lookup(B, 31337).map((entry) => entry.label),
    ["sanctioned"],
  );
});

test("lookup ignores letter case; unlisted addresses and non-addresses give []", () => {
  const index = createLabelIndex(rows);
  assert.equal(index.lookup(A.toUpperCase().replace("0X", "0x"), 1).length, 2);
  assert.deepEqual(index.lookup("0x00000000000000000000000000000000000000cc"), []);
  assert.deepEqual(index.lookup("not an address", 1), []);
});

test("counts, labels and sources; the digest depends on content only", () => {
  const index = createLabelIndex(rows);
  assert.equal(index.addressCount, 2);
  assert.equal(index.entryCount, 4);
  assert.deepEqual([...index.labels].sort(), ["heist", "phishing", "sanctioned"]);
  assert.equal(index.sources.size, 5);
  assert.match(index.digest, /^[0-9a-f]{64}$/);
  // Order and duplication of rows do not matter…
  assert.equal(createLabelIndex([...rows].reverse().concat(rows)).digest, index.digest);
  // …content does.
  assert.notEqual(createLabelIndex(rows.slice(1)).digest, index.digest);
  assert.notEqual(createLabelIndex([]).digest, index.digest);
});

test("entries are frozen: a caller cannot change what the next lookup sees", () => {
  const index = createLabelIndex(rows);
  const [entry] = index.lookup(B);
  assert.ok(entry);
  assert.throws(() => {
    (entry as { label: string }).label = "legit";
  }, TypeError);
  assert.throws(() => {
    (entry.sources as string[]).push("x");
  }, TypeError);
});
