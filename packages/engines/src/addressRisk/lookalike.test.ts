import assert from "node:assert/strict";
import { test } from "node:test";
import { addressLookalike } from "./lookalike.ts";

const real = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";

test("a vanity address sharing the first and last 4+ hex digits is a look-alike", () => {
  const fake = "0xa0b8f0000000000000000000000000000006eb48";
  assert.deepEqual(addressLookalike(fake, real), { prefix: 4, suffix: 6, isLookalike: true });
  // Case does not matter; the prefix counts after 0x.
  assert.equal(addressLookalike(fake.toUpperCase().replace("0X", "0x"), real).isLookalike, true);
});

test("not a look-alike: the same address, too few shared digits on either side, or a raised threshold", () => {
  assert.deepEqual(addressLookalike(real.toLowerCase(), real), {
    prefix: 40,
    suffix: 40,
    isLookalike: false,
  });
  assert.equal(addressLookalike("0xa0b0000000000000000000000000000000a0eb48", real).isLookalike, false); // 3 first
  assert.equal(addressLookalike("0xa0b8600000000000000000000000000000a0eb40", real).isLookalike, false); // 0 last
  const fake = "0xa0b8f0000000000000000000000000000006eb48";
  assert.equal(addressLookalike(fake, real, { prefix: 5 }).isLookalike, false);
  assert.equal(addressLookalike(fake, real, { suffix: 5 }).isLookalike, true);
  assert.equal(addressLookalike(fake, real, { prefix: 2, suffix: 7 }).isLookalike, false);
});
