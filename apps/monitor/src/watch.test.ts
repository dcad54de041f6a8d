import assert from "node:assert/strict";
import { test } from "node:test";
import { WatchFileError } from "./errors.ts";
import {
  DEFAULT_MIN_OUTFLOW_PERCENT,
  OZ_OWNABLE_SLOT,
  parseWatchFile,
  resolveWatch,
  watchedAddresses,
} from "./watch.ts";

const vault = `0x${"Aa".repeat(20)}`;
const pair = `0x${"bb".repeat(20)}` as const;
const extra = `0x${"cc".repeat(20)}` as const;

test("a watch file resolves to lower-case maps with defaults; the file wins over --watch", () => {
  const file = parseWatchFile({
    version: 1,
    contracts: [
      {
        address: vault,
        label: "vault",
        outflow: { minAmount: { native: "5", [pair]: "7" } },
        ownerSlots: ["0x0"],
      },
      { address: extra, outflow: null },
    ],
    oracles: [{ kind: "uniswap-v2-pair", address: pair, maxDeviationPercent: 12.5 }],
    labels: { [extra]: "suspect" },
    approvalDrain: { minOwners: 5 },
  });
  const watch = resolveWatch(file, [
    { address: extra },
    { address: `0x${"dd".repeat(20)}`, label: "marketplace", outflow: false },
  ]);
  const v = watch.contracts.get(vault.toLowerCase() as `0x${string}`);
  assert.equal(v?.label, "vault");
  assert.equal(v?.outflow?.minPercent, DEFAULT_MIN_OUTFLOW_PERCENT);
  assert.deepEqual(
    [...(v?.outflow?.minAmount ?? [])],
    [
      ["native", 5n],
      [pair, 7n],
    ],
  );
  assert.deepEqual(v?.ownerSlots, [OZ_OWNABLE_SLOT, `0x${"0".repeat(64)}`]);
  assert.equal(watch.contracts.get(extra)?.outflow, null, "the file's null outflow is kept over --watch");
  assert.equal(watch.contracts.get(`0x${"dd".repeat(20)}`)?.outflow, null);
  assert.deepEqual(watch.oracles.get(pair), {
    kind: "uniswap-v2-pair",
    address: pair,
    label: null,
    base: "token0",
    thresholdBps: 1_250,
  });
  assert.equal(watch.labels.get(extra), "suspect");
  assert.deepEqual(watch.approvalDrain, { minOwners: 5, freshMaxNonce: 10, lookbackBlocks: 1_000 });
  assert.equal(watchedAddresses(watch).size, 4);
});

test("invalid watch files are WatchFileErrors that say what is wrong", () => {
  const cases: [unknown, RegExp][] = [
    [{ version: 2 }, /version/],
    [{ version: 1, contracts: [{ address: "0x1" }] }, /address/],
    [{ version: 1, contracts: [{ address: vault, outflow: { minPercent: 101 } }] }, /minPercent/],
    [{ version: 1, contracts: [{ address: vault, outflow: { minAmount: { WETH: "1" } } }] }, /WETH/],
    [
      { version: 1, contracts: [{ address: vault, outflow: { minAmount: { native: "1.5" } } }] },
      /smallest unit/,
    ],
    [{ version: 1, oracles: [{ kind: "uniswap-v3", address: pair, maxDeviationPercent: 1 }] }, /kind/],
    [{ version: 1, labels: { nope: "x" } }, /nope/],
    [{ version: 1, typo: true }, /typo/],
  ];
  for (const [value, message] of cases)
    assert.throws(
      () => parseWatchFile(value, "w.json"),
      (error) => error instanceof WatchFileError && message.test(error.message),
      JSON.stringify(value),
    );
});
