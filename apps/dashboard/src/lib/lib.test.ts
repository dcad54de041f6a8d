import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeAccessToken as cryptoEncode } from "@palisade/crypto";
import {
  alertTypes as monitorAlertTypes,
  severities as monitorSeverities,
} from "../../../monitor/src/alert.ts";
import { encodeAccessToken } from "./accessToken.ts";
import { alertSeverities, alertTypes } from "./alerts.ts";
import { formatAmount, formatDuration, formatPercent, parseAmount } from "./format.ts";
import { pageOf } from "./paging.ts";
import { readGauge, sumCounter } from "./prometheus.ts";
import { costAfterExit, securityMargin } from "./security.ts";
import { liveTranches } from "./tranches.ts";

test("the browser's access-token encoder writes what @palisade/crypto writes", () => {
  const tokens = [
    {
      purchaseId: 1n,
      providerId: 1,
      consumer: "0xdF3e18d64BC6A983f673Ab319CCaE4f1a57C7097" as const,
      expiry: 1_795_000_000n,
      nonce: 1n,
      signature: `0x${"ab".repeat(64)}1b` as const,
    },
    {
      purchaseId: (1n << 64n) - 1n,
      providerId: 0xffffffff,
      consumer: "0x0000000000000000000000000000000000000000" as const,
      expiry: 0n,
      nonce: (1n << 64n) - 1n,
      signature: `0x${"00".repeat(64)}1c` as const,
    },
  ];
  for (const token of tokens) assert.equal(encodeAccessToken(token), cryptoEncode(token));
  assert.equal(encodeAccessToken(tokens[0] as (typeof tokens)[0]).length, 152);
  assert.throws(
    () => encodeAccessToken({ ...(tokens[0] as (typeof tokens)[0]), nonce: 1n << 64n }),
    RangeError,
  );
  assert.throws(
    () => encodeAccessToken({ ...(tokens[0] as (typeof tokens)[0]), signature: "0x12" }),
    RangeError,
  );
});

test("amounts, percentages and durations read as the summary prints them", () => {
  assert.equal(formatAmount(10n ** 18n * 1250n + 5n * 10n ** 17n), "1,250.5");
  assert.equal(formatAmount(16_999_999_999_999_999_998n), "17.0");
  assert.equal(formatAmount(8n * 10n ** 15n), "0.008");
  assert.equal(formatAmount(-(10n ** 18n)), "-1.0");
  assert.equal(formatAmount(1_500_000n, 6), "1.5");
  assert.equal(formatPercent(10n ** 18n / 3n), "33.3 %");
  assert.equal(formatPercent(-(10n ** 17n)), "-10.0 %");
  assert.equal(formatDuration(0), "now");
  assert.equal(formatDuration(582), "9 min 42 s");
  assert.equal(formatDuration(7_260), "2 h 1 min");
  assert.equal(formatDuration(90_000), "1 d 1 h");
  assert.equal(parseAmount("0.008"), 8n * 10n ** 15n);
  assert.equal(parseAmount(" 12 "), 12n * 10n ** 18n);
  assert.equal(parseAmount("1.2.3"), undefined);
  assert.equal(parseAmount("-1"), undefined);
  assert.equal(parseAmount("0.0000000000000000001"), undefined, "more decimals than the token has");
});

test("fee tranches: claims grouped by release time, withdrawals taken from the oldest", () => {
  const claims = [
    { providerAmount: 10n, releaseAt: 100 },
    { providerAmount: 5n, releaseAt: 100 },
    { providerAmount: 7n, releaseAt: 200 },
    { providerAmount: 3n, releaseAt: 300 },
  ];
  assert.deepEqual(liveTranches(claims, 0n, 150), [
    { amount: 15n, releaseAt: 100, secondsLeft: 0, released: true },
    { amount: 7n, releaseAt: 200, secondsLeft: 50, released: false },
    { amount: 3n, releaseAt: 300, secondsLeft: 150, released: false },
  ]);
  assert.deepEqual(
    liveTranches(claims, 15n, 150).map((tranche) => tranche.amount),
    [7n, 3n],
  );
  assert.deepEqual(liveTranches(claims, 25n, 400), []);
});

test("prometheus gauges and counters", () => {
  const text = [
    "# HELP eigen_performance_score score",
    "# TYPE eigen_performance_score gauge",
    "eigen_performance_score 100",
    'palisade_node_tasks_signed_total{engine="a",kind="task"} 3',
    'palisade_node_tasks_signed_total{engine="b",kind="batch"} 4',
  ].join("\n");
  assert.equal(readGauge(text, "eigen_performance_score"), 100);
  assert.equal(readGauge(text, "missing"), undefined);
  assert.equal(sumCounter(text, "palisade_node_tasks_signed_total"), 7);
});

test("pages clamp to the list", () => {
  const all = Array.from({ length: 23 }, (_, index) => index);
  assert.deepEqual(pageOf(all, 2, 10), { items: [20, 21, 22], page: 2, pages: 3, total: 23 });
  assert.equal(pageOf(all, 9, 10).page, 2);
  assert.deepEqual(pageOf([], 0, 10), { items: [], page: 0, pages: 1, total: 0 });
});

test("security margin and the cost of corruption left after each exit", () => {
  const WAD = 10n ** 18n;
  // The devnet's set: U = 51, α = 1/3, π = 8, γ = 0.2 → α·U = 17, (1+γ)·π = 9.6.
  const figures = { allocatedValue: 51n * WAD, costOfCorruption: 17n * WAD, requiredCost: (96n * WAD) / 10n };
  assert.equal(formatPercent(securityMargin(figures) ?? 0n), "77.1 %");
  assert.equal(securityMargin({ ...figures, requiredCost: 0n }), undefined);
  const exits = costAfterExit(figures, WAD / 3n, [
    { operator: "a", allocatedValue: 30n * WAD },
    { operator: "b", allocatedValue: 15n * WAD },
  ]);
  assert.deepEqual(
    exits.map((row) => [row.operator, row.breaks]),
    [
      ["a", true],
      ["b", false],
    ],
  );
});

test("the alert filters are the monitor's severities and types, each once", () => {
  assert.deepEqual([...alertSeverities].sort(), [...monitorSeverities].sort());
  assert.deepEqual([...alertTypes].sort(), [...monitorAlertTypes].sort());
});
