import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeErrorResult, parseAbi, toFunctionSelector } from "viem";
import {
  interpretSimulation,
  lostFraction,
  reason,
  type SimulatedStep,
  type Simulation,
} from "./simulate.ts";

const ok = (sent: bigint, delivered: bigint, quoted: bigint, received: bigint): SimulatedStep => ({
  ok: true,
  sent,
  delivered,
  quoted,
  received,
  revertData: "0x",
});
const failed = (sent: bigint, revertData: `0x${string}` = "0x"): SimulatedStep => ({
  ok: false,
  sent,
  delivered: 0n,
  quoted: 0n,
  received: 0n,
  revertData,
});
const clean: Simulation = {
  reserveToken: 1_000_000n,
  reserveWeth: 1_000n,
  buy: ok(10n, 10n, 1000n, 1000n),
  sell: ok(500n, 500n, 5n, 5n),
  sellAgain: ok(250n, 250n, 2n, 2n),
  sellRest: ok(250n, 250n, 2n, 2n),
  buyAgain: ok(10n, 10n, 1000n, 1000n),
};

test("lostFraction: exact bigint arithmetic, rounded half-up to basis points, clamped to [0, 1]", () => {
  assert.equal(lostFraction(90n, 100n), 0.1);
  assert.equal(lostFraction(899_951n, 1_000_000n), 0.1); // 1000.49 bps
  assert.equal(lostFraction(899_950n, 1_000_000n), 0.1001); // 1000.5 bps rounds up
  assert.equal(lostFraction(120n, 100n), 0);
  assert.equal(lostFraction(0n, 100n), 1);
  assert.equal(lostFraction(0n, 0n), 0);
});

test("a clean simulation: no tax, everything false", () => {
  const findings = interpretSimulation(clean);
  assert.deepEqual(
    [
      findings.buy_tax,
      findings.sell_tax,
      findings.cannot_buy,
      findings.cannot_sell_all,
      findings.is_honeypot,
      findings.trading_cooldown,
    ],
    [0, 0, false, false, false, false],
  );
});

test("taxes are measured in token units on each side", () => {
  const findings = interpretSimulation({
    ...clean,
    buy: ok(10n, 10n, 1000n, 900n),
    sell: ok(500n, 400n, 4n, 4n),
  });
  assert.equal(findings.buy_tax, 0.1);
  assert.equal(findings.sell_tax, 0.2);
  assert.equal(findings.is_honeypot, false);
});

test("a reverting sell is a honeypot; a sell losing ≥ 90 % is one too", () => {
  const blocked = interpretSimulation({
    ...clean,
    sell: failed(500n),
    sellAgain: failed(500n),
    sellRest: failed(1000n),
  });
  assert.equal(blocked.is_honeypot, true);
  assert.equal(blocked.sell_tax, null);
  assert.equal(blocked.cannot_sell_all, null);
  const taxed = interpretSimulation({ ...clean, sell: ok(500n, 50n, 1n, 1n) });
  assert.equal(taxed.sell_tax, 0.9);
  assert.equal(taxed.is_honeypot, true);
});

test("a second sell failing is a cooldown; the remainder failing after two partial sells is cannot_sell_all", () => {
  const cooldown = interpretSimulation({ ...clean, sellAgain: failed(250n), sellRest: failed(500n) });
  assert.equal(cooldown.trading_cooldown, true);
  assert.equal(cooldown.cannot_sell_all, null);
  assert.equal(cooldown.is_honeypot, false);
  const sellAll = interpretSimulation({ ...clean, sellRest: failed(250n) });
  assert.equal(sellAll.cannot_sell_all, true);
  assert.equal(sellAll.trading_cooldown, false);
});

test("sells and a second buy all reverting: a cooldown, and honeypot unknown (the cooldown may explain it)", () => {
  const findings = interpretSimulation({
    ...clean,
    sell: failed(500n),
    sellAgain: failed(500n),
    sellRest: failed(1000n),
    buyAgain: failed(10n),
  });
  assert.equal(findings.trading_cooldown, true);
  assert.equal(findings.is_honeypot, null);
  assert.match(findings.details.is_honeypot ?? "", /cooldown may explain/);
});

test("a reverting buy: cannot_buy, the rest unknown", () => {
  const findings = interpretSimulation({ ...clean, buy: failed(10n) });
  assert.equal(findings.cannot_buy, true);
  assert.equal(findings.is_honeypot, null);
  assert.equal(findings.buy_tax, null);
});

test("revert reasons: Error(string), Panic, a custom error by selector, nothing", () => {
  const errors = parseAbi(["error Error(string)", "error SellNotAllowed(address)"]);
  assert.equal(reason(encodeErrorResult({ abi: errors, errorName: "Error", args: ["no"] })), ": Error(no)");
  const custom = encodeErrorResult({
    abi: errors,
    errorName: "SellNotAllowed",
    args: ["0x0000000000000000000000000000000000000001"],
  });
  assert.equal(reason(custom), `: custom error ${toFunctionSelector("SellNotAllowed(address)")}`);
  assert.match(reason("0x"), /no revert data/);
});
