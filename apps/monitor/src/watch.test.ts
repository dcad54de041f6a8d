import assert from "node:assert/strict";
import { test } from "node:test";
import { WatchFileError } from "./errors.ts";
import {
  DEFAULT_MIN_OUTFLOW_PERCENT,
  OZ_OWNABLE_SLOT,
  parseWatchFile,
  resolveWatch,
  serviceIdOf,
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
    serviceId: null,
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
    [{ version: 1, contracts: [{ address: vault, serviceId: 0 }] }, /serviceId/],
    [{ version: 1, contracts: [{ address: vault, serviceId: 2 ** 32 }] }, /serviceId/],
    [{ version: 1, contracts: [{ address: vault, serviceId: "7" }] }, /serviceId/],
    [{ version: 1, typo: true }, /typo/],
  ];
  for (const [value, message] of cases)
    assert.throws(
      () => parseWatchFile(value, "w.json"),
      (error) => error instanceof WatchFileError && message.test(error.message),
      JSON.stringify(value),
    );
});

test("serviceId: a contract's or an oracle's marketplace service; 0 for an entry without one or no entry", () => {
  const feed = `0x${"ee".repeat(20)}` as const;
  const watch = resolveWatch(
    parseWatchFile({
      version: 1,
      contracts: [{ address: vault, serviceId: 7 }, { address: extra }],
      oracles: [{ kind: "chainlink", address: feed, maxDeviationPercent: 5, serviceId: 2 ** 32 - 1 }],
    }),
    [{ address: pair }],
  );
  const lowerVault = vault.toLowerCase() as `0x${string}`;
  assert.equal(watch.contracts.get(lowerVault)?.serviceId, 7);
  assert.equal(watch.contracts.get(extra)?.serviceId, null);
  assert.equal(
    watch.contracts.get(pair)?.serviceId,
    null,
    "--watch and the deployment's contracts have none",
  );
  assert.equal(serviceIdOf(watch, lowerVault), 7);
  assert.equal(serviceIdOf(watch, feed), 2 ** 32 - 1);
  assert.equal(serviceIdOf(watch, extra), 0);
  assert.equal(serviceIdOf(watch, `0x${"01".repeat(20)}`), 0);
});
