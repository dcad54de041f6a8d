import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { PhishingListError } from "./errors.ts";
import { loadPhishingLists } from "./loadPhishingLists.ts";

const dir = mkdtempSync(join(tmpdir(), "palisade-phishing-lists-"));
after(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, "domains.csv"),
  [
    "domain,label,source",
    "evil.com,phishing,scamsniffer/domains",
    "metamask-airdrop.xyz,phishing,metamask/blocklist;scamsniffer/domains",
    "metamask.io,legit,metamask/allowlist;metamask/fuzzylist",
    "metamast.com,legit,metamask/allowlist",
    "",
  ].join("\n"),
);

test("one list per source and label, sorted by name; a fuzzylist source also makes brands", () => {
  const lists = loadPhishingLists(dir).map((list) => ({
    name: list.name,
    kind: list.kind,
    entries: list.entries,
  }));
  assert.deepEqual(lists, [
    { name: "metamask/allowlist", kind: "allowlist", entries: ["metamask.io", "metamast.com"] },
    { name: "metamask/blocklist", kind: "blocklist", entries: ["metamask-airdrop.xyz"] },
    { name: "metamask/fuzzylist", kind: "allowlist", entries: ["metamask.io"] },
    { name: "metamask/fuzzylist", kind: "brands", entries: ["metamask.io"] },
    { name: "scamsniffer/domains", kind: "blocklist", entries: ["evil.com", "metamask-airdrop.xyz"] },
  ]);
});

test("a missing file, a wrong header, a bad row or an unknown label is a PhishingListError", () => {
  assert.throws(
    () => loadPhishingLists(join(dir, "nowhere")),
    (error) => error instanceof PhishingListError && /cannot be read/.test(error.message),
  );
  const cases: [string, RegExp][] = [
    ["domain,rank,source\ngoogle.com,1,tranco\n", /header/],
    ["domain,label,source\nevil.com,phishing\n", /line 2 is not domain,label,source/],
    ["domain,label,source\nevil.com,phishing,a,b\n", /line 2/],
    ["domain,label,source\nevil.com,malware,a\n", /label "malware"/],
  ];
  for (const [text, message] of cases) {
    writeFileSync(join(dir, "bad.csv"), text);
    assert.throws(
      () => loadPhishingLists(dir, { files: ["bad.csv"] }),
      (error) => error instanceof PhishingListError && message.test(error.message),
      text,
    );
  }
});

test("CRLF line ends are accepted", () => {
  writeFileSync(join(dir, "crlf.csv"), "domain,label,source\r\nevil.com,phishing,x/list\r\n");
  assert.deepEqual(loadPhishingLists(dir, { files: ["crlf.csv"] }), [
    { name: "x/list", kind: "blocklist", entries: ["evil.com"] },
  ]);
});
