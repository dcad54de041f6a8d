import assert from "node:assert/strict";
import { test } from "node:test";
import { createBrandIndex, lengthTolerance } from "./brandIndex.ts";
import { PhishingListError } from "./errors.ts";

const index = createBrandIndex([
  {
    name: "mm/fuzzy",
    kind: "brands",
    entries: ["metamask.io", "opensea.io", "launchpad.ethereum.org", "x.com"],
    tolerance: 2,
  },
  {
    name: "other",
    kind: "brands",
    entries: ["metamask.io", "1inch.io", "makerfoundation.com"],
    tolerances: { "1inch.io": 0 },
  },
]);

test("each brand keeps its host, registrable domain, name, reading and list", () => {
  const names = index.brands.map(
    (brand) => `${brand.host}|${brand.domain}|${brand.name}|${brand.skeleton}|${brand.labels}|${brand.list}`,
  );
  assert.deepEqual(names, [
    "metamask.io|metamask.io|metamask|metamask|1|mm/fuzzy",
    "opensea.io|opensea.io|opensea|opensea|1|mm/fuzzy",
    "launchpad.ethereum.org|ethereum.org|launchpad.ethereum|launchpad.ethereum|2|mm/fuzzy",
    "x.com|x.com|x|x|1|mm/fuzzy",
    "1inch.io|1inch.io|1inch|linch|1|other",
    "makerfoundation.com|makerfoundation.com|makerfoundation|makerfoundation|1|other",
  ]);
  assert.deepEqual(index.labelCounts, [1, 2]);
  assert.equal(index.owner("ethereum.org")?.host, "launchpad.ethereum.org");
  assert.equal(index.owner("ethereum.com"), undefined);
});

test("tolerance: the list's, capped by the name's length; a per-entry tolerance overrides both", () => {
  assert.deepEqual([4, 5, 7, 8, 15].map(lengthTolerance), [
    0,
    1,
    1,
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
  ]);
  const tolerance = (host: string) => index.brands.find((brand) => brand.host === host)?.tolerance;
  assert.equal(tolerance("metamask.io"), 2);
  assert.equal(tolerance("opensea.io"), 1, "seven letters: one edit");
  assert.equal(tolerance("x.com"), 0);
  assert.equal(tolerance("1inch.io"), 0, "per entry");
  assert.equal(tolerance("makerfoundation.com"), 2, "eth-phishing-detect's default when the list sets none");
});

test("nearest: within each brand's own tolerance, nearest first", () => {
  assert.deepEqual(
    [index.nearest("metamsk", 1)?.brand.host, index.nearest("metamsk", 1)?.distance],
    ["metamask.io", 1],
  );
  assert.equal(index.nearest("metamesc", 1)?.distance, 2, "two edits: within metamask's 2");
  assert.equal(index.nearest("opensae", 1)?.brand.host, "opensea.io", "a swap is one edit");
  assert.equal(index.nearest("openssp", 1), null, "two edits: beyond opensea's 1");
  assert.equal(index.nearest("launchpad.etherium", 2)?.brand.host, "launchpad.ethereum.org");
  assert.equal(index.nearest("metamsk", 2), null, "compared with brands of as many labels only");
  assert.equal(index.exact("linch")?.[0]?.host, "1inch.io");
});

test("a brand without a registrable domain, or with a bad tolerance, is a PhishingListError", () => {
  assert.throws(
    () => createBrandIndex([{ name: "b", kind: "brands", entries: ["github.io"] }]),
    PhishingListError,
  );
  assert.throws(
    () => createBrandIndex([{ name: "b", kind: "brands", entries: ["a.com"], tolerance: 1.5 }]),
    PhishingListError,
  );
  assert.throws(
    () => createBrandIndex([{ name: "b", kind: "brands", entries: ["a.com"], tolerance: -1 }]),
    PhishingListError,
  );
});
