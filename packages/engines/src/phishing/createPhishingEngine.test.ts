import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidInputError } from "../errors.ts";
import { createPhishingEngine } from "./createPhishingEngine.ts";
import { PhishingListError } from "./errors.ts";
import type { PhishingList } from "./lists.ts";
import { PHISHING_RISK_FIELDS, type PhishingReport } from "./phishingReport.ts";

// The default engine: eth-phishing-detect's lists from node_modules, nothing else.
const engine = createPhishingEngine();
const check = (target: string) => engine.check(target);
const summary = (report: PhishingReport) => `${report.verdict} ${report.flags.join("+")}`;

test("brands' own domains and every subdomain of them are safe", () => {
  for (const host of [
    "metamask.io",
    "https://portfolio.metamask.io/bridge",
    "METAMASK.IO.",
    "support.metamask.io:443",
    "opensea.io",
    "launchpad.ethereum.org",
    "ethereum.org",
    "etherscan.io",
  ]) {
    const report = check(host);
    assert.equal(summary(report), "safe ", host);
    assert.equal(report.fields.brand_own_domain, true, host);
    assert.equal(report.fields.phishing_site, false, host);
  }
});

test("homoglyphs of a brand are malicious, typed in Unicode or punycode", () => {
  const cyrillic = check("https://mеtamask.io/connect"); // Cyrillic е
  assert.equal(cyrillic.target, "xn--mtamask-7gg.io");
  assert.equal(cyrillic.fields.unicode_host, "mеtamask.io");
  assert.equal(summary(cyrillic), "malicious homoglyph+phishing_site+punycode_lookalike");
  assert.equal(cyrillic.fields.imitated_brand, "metamask.io");
  assert.deepEqual(cyrillic.sources.homoglyph, {
    source: "heuristic:homoglyph",
    detail: "mеtamask reads as metamask (metamask.io, list:eth-phishing-detect/fuzzylist)",
    block: null,
  });
  assert.deepEqual(check("XN--MTAMASK-7GG.IO"), cyrillic);
  assert.equal(
    summary(check("ορensea.io")),
    "malicious homoglyph+phishing_site+punycode_lookalike",
    "Greek ο ρ",
  );
  // Latin letters with marks are not a script spoof, but still read as the brand.
  assert.equal(summary(check("myethęrwallet.xyz")), "malicious homoglyph+phishing_site");
  // eth-phishing-detect blocklisted this very spelling on .com: the heuristic finds the next one.
  assert.equal(summary(check("myethęrwallet.com")), "malicious blocklisted+homoglyph+phishing_site");
  assert.equal(summary(check("0pensea.io")), "malicious homoglyph+phishing_site");
  assert.equal(summary(check("rnetamask.io")), "malicious homoglyph+phishing_site");
  assert.equal(check("mеtamask.co.uk").fields.homoglyph, true, "on any suffix");
});

test("an IDN built to pass for Latin is suspicious without a brand; an ordinary IDN is safe", () => {
  const apple = check("аррӏе.com");
  assert.equal(summary(apple), "suspicious punycode_lookalike");
  assert.equal(apple.fields.phishing_site, null);
  assert.equal(
    apple.sources.punycode_lookalike?.detail,
    "аррӏе written only in cyrillic letters that read as Latin",
  );
  for (const host of ["münchen.de", "президент.рф", "xn--d1abbgf6aiiy.xn--p1ai", "bücher.de"]) {
    assert.equal(summary(check(host)), "safe ", host);
  }
});

test("fuzzy matches compare registrable names along the Public Suffix List, with per-brand tolerance", () => {
  const cases: [host: string, detail: string][] = [
    [
      "metamask.co.uk",
      "metamask is 0 edits from metamask (metamask.io, list:eth-phishing-detect/fuzzylist, tolerance 2)",
    ],
    [
      "www.myetherwallet.com.au",
      "myetherwallet is 0 edits from myetherwallet (myetherwallet.com, list:eth-phishing-detect/fuzzylist, tolerance 2)",
    ],
    [
      "metamasq.xyz",
      "metamasq is 1 edit from metamask (metamask.io, list:eth-phishing-detect/fuzzylist, tolerance 2)",
    ],
    [
      "opensae.io",
      "opensae is 1 edit from opensea (opensea.io, list:eth-phishing-detect/fuzzylist, tolerance 1)",
    ],
    [
      "launchpad.etherium.org",
      "launchpad.etherium is 1 edit from launchpad.ethereum (launchpad.ethereum.org, list:eth-phishing-detect/fuzzylist, tolerance 2)",
    ],
  ];
  for (const [host, detail] of cases) {
    const report = check(host);
    assert.equal(summary(report), "suspicious fuzzy_match", host);
    assert.equal(report.sources.fuzzy_match?.detail, detail);
  }
  // Two edits from a seven-letter brand: eth-phishing-detect flags these legitimate Tranco sites.
  assert.equal(summary(check("openssp.ru")), "safe ");
  assert.equal(summary(check("affinity.net")), "safe ");
  assert.equal(summary(check("cactus.com")), "safe ", "two edits from auctus");
});

test("a brand's name in a subdomain, a platform site or the domain's name is suspicious", () => {
  assert.equal(summary(check("metamask.io.secure-login.xyz")), "suspicious subdomain_brand_abuse");
  assert.equal(
    summary(check("https://wallet-metamask.verify.example.com/")),
    "suspicious subdomain_brand_abuse",
  );
  assert.equal(summary(check("metamask-login.vercel.app")), "suspicious subdomain_brand_abuse");
  assert.equal(summary(check("launchpad.ethereum.org.deposit.xyz")), "suspicious subdomain_brand_abuse");
  const word = check("metamaskwallet-support.net");
  assert.equal(summary(word), "suspicious brand_in_domain");
  assert.equal(
    word.sources.brand_in_domain?.detail,
    "metamaskwallet-support holds metamask (metamask.io, list:eth-phishing-detect/fuzzylist)",
  );
  assert.equal(summary(check("opensea-rewards.com")), "suspicious brand_in_domain");
  assert.equal(summary(check("opensearch.org")), "safe ", "short brands match whole words only");
  // On GitHub Pages the site name is the account's: the brand's own page is not flagged, squats are.
  assert.equal(summary(check("metamask.github.io")), "safe ");
  assert.equal(summary(check("metamask.pages.dev")), "suspicious fuzzy_match+subdomain_brand_abuse");
  assert.equal(summary(check("metamsk.github.io")), "suspicious fuzzy_match");
});

test("lists: the most specific entry wins; an entry on both kinds of list is a conflict", () => {
  const blocked = check("airdrop.updog.co"); // blocklisted under the allowlisted updog.co
  assert.equal(summary(blocked), "malicious blocklisted+phishing_site");
  assert.deepEqual(blocked.sources.blocklisted, {
    source: "list:eth-phishing-detect/blocklist",
    detail: "airdrop.updog.co",
    block: null,
  });
  assert.deepEqual(blocked.sources.phishing_site, blocked.sources.blocklisted);
  const allowed = check("updog.co");
  assert.equal(summary(allowed), "safe ");
  assert.equal(allowed.fields.allowlisted, true);
  // metavas.com is an allowlisted look-alike of metamask: the allowlist skips the heuristics.
  assert.equal(summary(check("metavas.com")), "safe ");
  const conflict = check("metmask.com");
  assert.equal(summary(conflict), "suspicious blocklisted");
  assert.equal(conflict.fields.allowlisted, true);
  assert.equal(conflict.fields.phishing_site, null);
  assert.equal(conflict.sources.blocklisted?.detail, "metmask.com (also on eth-phishing-detect/allowlist)");
});

test("the report: GoPlus-style typed fields, sorted flags, a source for every flag and only for flags", () => {
  for (const host of [
    "mеtamask.io",
    "airdrop.updog.co",
    "metamask.io",
    "metmask.com",
    "metamask.io.evil.com",
    "аррӏе.com",
  ]) {
    const report = check(host);
    assert.equal(report.engine, "phishing@1");
    assert.equal(report.block, null);
    assert.deepEqual(report.flags, [...report.flags].sort());
    assert.deepEqual(Object.keys(report.sources).sort(), report.flags);
    for (const field of PHISHING_RISK_FIELDS)
      assert.equal(report.flags.includes(field), report.fields[field] === true);
    for (const flag of report.flags) assert.equal(report.sources[flag]?.block, null);
    assert.deepEqual(Object.keys(report.fields).sort(), [
      "allowlisted",
      "blocklisted",
      "brand_in_domain",
      "brand_own_domain",
      "fuzzy_match",
      "homoglyph",
      "imitated_brand",
      "phishing_site",
      "punycode_lookalike",
      "registrable_domain",
      "subdomain_brand_abuse",
      "unicode_host",
    ]);
  }
  assert.equal(check("https://www.bbc.co.uk/news").fields.registrable_domain, "bbc.co.uk");
  assert.equal(check("http://127.0.0.1:8545").verdict, "safe");
});

test("deterministic: two engines over the same lists give identical reports", () => {
  const other = createPhishingEngine();
  for (const host of [
    "mеtamask.io",
    "metamask.co.uk",
    "airdrop.updog.co",
    "metmask.com",
    "google.com",
    "metamask-login.vercel.app",
  ]) {
    assert.equal(JSON.stringify(other.check(host)), JSON.stringify(check(host)));
  }
});

test("caller lists: names become sources; without eth-phishing-detect only the given lists count", () => {
  const custom = createPhishingEngine({
    ethPhishingDetect: false,
    lists: [
      { name: "team/block", kind: "blocklist", entries: ["drainer.example"] },
      { name: "team/brands", kind: "brands", entries: ["palisade.network"] },
    ],
  });
  assert.deepEqual(custom.stats, {
    hosts: 1,
    brands: 1,
    lists: ["team/block (blocklist)", "team/brands (brands)"],
  });
  assert.equal(custom.check("app.drainer.example").sources.blocklisted?.source, "list:team/block");
  assert.equal(summary(custom.check("palisade.network")), "safe ");
  assert.equal(summary(custom.check("pal1sade.network")), "suspicious fuzzy_match");
  assert.equal(summary(custom.check("metamsk.io")), "safe ", "eth-phishing-detect's lists left out");
  assert.ok(engine.stats.hosts > 14_000);
  assert.equal(engine.stats.brands, 15);
});

test("a list without a name or of an unknown kind is a PhishingListError", () => {
  const bad = [{ name: "x", kind: "greylist", entries: [] }] as unknown as PhishingList[];
  assert.throws(() => createPhishingEngine({ lists: bad }), /phishing list x: unknown kind "greylist"/);
  assert.throws(
    () => createPhishingEngine({ lists: [{ name: "", kind: "blocklist", entries: [] }] }),
    PhishingListError,
  );
});

test("input without a valid host is an InvalidInputError", () => {
  assert.throws(() => check(`https://metamask.io/?q=${"a".repeat(70_000)}`), /longer than 65536 characters/);
  assert.throws(() => check(""), InvalidInputError);
  assert.throws(() => check("https://"), InvalidInputError);
  assert.throws(() => check("not a host"), InvalidInputError);
});
