import assert from "node:assert/strict";
import { test } from "node:test";
import { createPhishingEngine } from "./createPhishingEngine.ts";
import type { PhishingList } from "./lists.ts";
import { phishingListsDigest } from "./listsDigest.ts";

const block: PhishingList = {
  name: "a/blocklist",
  kind: "blocklist",
  entries: ["evil.example", "bad.example"],
};
const allow: PhishingList = { name: "b/allowlist", kind: "allowlist", entries: ["good.example"] };
const brands: PhishingList = { name: "c/brands", kind: "brands", entries: ["brand.example"], tolerance: 1 };

test("the lists digest: equal for the same lists, different for any change that can change a verdict", () => {
  const digest = phishingListsDigest([block, allow, brands]);
  assert.match(digest, /^[0-9a-f]{64}$/);
  assert.equal(phishingListsDigest([{ ...block }, { ...allow }, { ...brands }]), digest);
  const variants: PhishingList[][] = [
    [allow, block, brands], // order: the first list holding an entry is the one a flag names
    [{ ...block, entries: ["bad.example", "evil.example"] }, allow, brands],
    [{ ...block, entries: ["evil.example"] }, allow, brands],
    [{ ...block, name: "z/blocklist" }, allow, brands],
    [{ ...block, kind: "allowlist" }, allow, brands],
    [block, allow, { ...brands, tolerance: 2 }],
    [block, allow, { ...brands, tolerances: { "brand.example": 0 } }],
    // An entry that looks like a header, or two entries that join into one, are other lists.
    [{ ...block, entries: ["evil.example\nbad.example"] }, allow, brands],
    [block, allow],
  ];
  const digests = variants.map((lists) => phishingListsDigest(lists));
  for (const [i, other] of digests.entries()) assert.notEqual(other, digest, `variant ${i}`);
  assert.equal(new Set(digests).size, digests.length);
});

test("an engine's digest covers the built-in lists and the ones added", () => {
  const builtIn = createPhishingEngine();
  assert.equal(createPhishingEngine().digest, builtIn.digest);
  assert.notEqual(createPhishingEngine({ lists: [block] }).digest, builtIn.digest);
  assert.equal(
    createPhishingEngine({ ethPhishingDetect: false, lists: [block] }).digest,
    phishingListsDigest([block]),
  );
});
