import assert from "node:assert/strict";
import { test } from "node:test";
import { capShare } from "./providerView.ts";

const pal = 10n ** 18n;

test("the in-flight share of the cap reads as a percentage, a sliver as < 0.01 %", () => {
  assert.equal(capShare(1n * pal, 10_000n * pal), "0.01 % of a 10000 PAL cap");
  assert.equal(capShare(5_000n * pal, 10_000n * pal), "50.00 % of a 10000 PAL cap");
  assert.equal(capShare(64n * 10n ** 15n, 5_000n * pal), "< 0.01 % of a 5000 PAL cap");
  assert.equal(capShare(0n, 5_000n * pal), "0.00 % of a 5000 PAL cap");
  assert.equal(capShare(0n, 0n), "no cap: no stake");
});
