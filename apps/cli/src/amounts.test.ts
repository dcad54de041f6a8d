import assert from "node:assert/strict";
import { test } from "node:test";
import { formatEth, formatPal, MAX_UINT96, parsePal } from "./amounts.ts";

test("whole and fractional PAL parse to base units", () => {
  assert.deepEqual(parsePal("1000"), { value: 1000n * 10n ** 18n });
  assert.deepEqual(parsePal("0.01"), { value: 10n ** 16n });
  assert.deepEqual(parsePal(" 1.5 "), { value: 15n * 10n ** 17n });
  assert.deepEqual(parsePal("0.000000000000000001"), { value: 1n });
  assert.deepEqual(parsePal("0"), { value: 0n });
});

test("malformed, over-precise and oversized amounts are refused with a reason", () => {
  for (const text of ["", "abc", "-1", "1e18", "1,5", ".5", "1.", "0x10"]) {
    const parsed = parsePal(text);
    assert.ok("problem" in parsed, text);
    assert.match(parsed.problem, /not an amount of PAL/);
  }
  const precise = parsePal("0.0000000000000000001");
  assert.ok("problem" in precise && /more than 18 decimals/.test(precise.problem));
  const huge = parsePal("100000000000");
  assert.ok("problem" in huge && /2\^96/.test(huge.problem));
  assert.ok(MAX_UINT96 > 79_000_000_000n * 10n ** 18n);
});

test("amounts print in PAL", () => {
  assert.equal(formatPal(15n * 10n ** 17n), "1.5 PAL");
  assert.equal(formatPal(0n), "0 PAL");
  assert.equal(formatPal(10n ** 22n), "10000 PAL");
});

test("ETH balances print to four decimals, rounded down", () => {
  assert.equal(formatEth(9999952927265746480490n), "9999.9529 ETH");
  assert.equal(formatEth(10n ** 18n), "1 ETH");
  assert.equal(formatEth(99_999_999_999_999n), "0 ETH");
});
