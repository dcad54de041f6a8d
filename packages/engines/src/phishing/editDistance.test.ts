import assert from "node:assert/strict";
import { test } from "node:test";
import { boundedEditDistance, letterMask, letterSetBound } from "./editDistance.ts";

/** Reference: the full optimal-string-alignment table. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => (d[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(
        at(i - 1, j) + 1,
        at(i, j - 1) + 1,
        at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

test("an adjacent swap is one edit; other edits as Levenshtein", () => {
  assert.equal(boundedEditDistance("metamaks", "metamask", 2), 1);
  assert.equal(boundedEditDistance("metamsk", "metamask", 2), 1);
  assert.equal(boundedEditDistance("metamaskk", "metamask", 2), 1);
  assert.equal(boundedEditDistance("metamesk", "metamask", 2), 1);
  assert.equal(boundedEditDistance("metamask", "metamask", 0), 0);
  assert.equal(boundedEditDistance("", "abc", 3), 3);
});

test("past the limit it answers limit + 1", () => {
  assert.equal(boundedEditDistance("openssp", "opensea", 1), 2);
  assert.equal(boundedEditDistance("google", "metamask", 2), 3);
  assert.equal(boundedEditDistance("a", "abcdef", 2), 3, "length difference alone");
});

test("equals the full table within the limit, on seeded random pairs", () => {
  let seed = 42;
  // A linear congruential generator: the same pairs on every run.
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const word = () =>
    Array.from({ length: 1 + Math.floor(random() * 9) }, () => "abcde"[Math.floor(random() * 5)]).join("");
  for (let k = 0; k < 3000; k++) {
    const a = word();
    const b = word();
    const limit = Math.floor(random() * 4);
    const exact = osa(a, b);
    assert.equal(boundedEditDistance(a, b, limit), exact <= limit ? exact : limit + 1, `${a} ${b} ${limit}`);
    assert.ok(letterSetBound(letterMask(a), letterMask(b)) <= exact, `letter-set bound ${a} ${b}`);
  }
});
