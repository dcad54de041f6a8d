import assert from "node:assert/strict";
import { test } from "node:test";
import { PhishingListError } from "./errors.ts";
import { createHostIndex } from "./hostIndex.ts";

const index = createHostIndex([
  { name: "a/block", kind: "blocklist", entries: ["evil.com", "airdrop.updog.co", "both.xyz", "1.2.3.4"] },
  { name: "b/block", kind: "blocklist", entries: ["EVIL.COM.", "https://phish.co.uk/login"] },
  { name: "a/allow", kind: "allowlist", entries: ["updog.co", "good.evil.com", "both.xyz", "co.uk"] },
  { name: "brands", kind: "brands", entries: ["metamask.io"] },
]);

test("an entry covers its host and every subdomain, on label boundaries", () => {
  assert.deepEqual(index.match("evil.com", false).blocklist, {
    entry: "evil.com",
    lists: ["a/block", "b/block"],
  });
  assert.deepEqual(index.match("x.y.evil.com", false).blocklist?.entry, "evil.com");
  assert.equal(index.match("notevil.com", false).blocklist, null);
  assert.equal(index.match("evil.com.au", false).blocklist, null);
  assert.equal(index.match("metamask.io", false).allowlist, null, "brands are not allowlist entries");
});

test("the most specific entry wins, in both directions", () => {
  assert.deepEqual(index.match("airdrop.updog.co", false), {
    blocklist: { entry: "airdrop.updog.co", lists: ["a/block"] },
    allowlist: null,
  });
  assert.deepEqual(index.match("blog.updog.co", false), {
    blocklist: null,
    allowlist: { entry: "updog.co", lists: ["a/allow"] },
  });
  assert.deepEqual(index.match("good.evil.com", false).allowlist?.entry, "good.evil.com");
  assert.equal(index.match("good.evil.com", false).blocklist, null);
  // phish.co.uk beats the (odd) allowlist entry for the whole co.uk suffix
  assert.equal(index.match("www.phish.co.uk", false).blocklist?.entry, "phish.co.uk");
  assert.equal(index.match("www.other.co.uk", false).allowlist?.entry, "co.uk");
});

test("an entry on both kinds of list returns both matches (a conflict)", () => {
  const match = index.match("www.both.xyz", false);
  assert.equal(match.blocklist?.entry, "both.xyz");
  assert.equal(match.allowlist?.entry, "both.xyz");
});

test("an IP address matches only itself", () => {
  assert.equal(index.match("1.2.3.4", true).blocklist?.entry, "1.2.3.4");
  assert.equal(index.match("9.1.2.3.4", true).blocklist, null);
  assert.equal(index.size, 8);
});

test("a list entry that is not a host is a PhishingListError naming the list", () => {
  assert.throws(
    () => createHostIndex([{ name: "bad/list", kind: "blocklist", entries: ["ok.com", "not a host"] }]),
    (error) =>
      error instanceof PhishingListError &&
      /bad\/list/.test(error.message) &&
      /not a host/.test(error.message),
  );
});
