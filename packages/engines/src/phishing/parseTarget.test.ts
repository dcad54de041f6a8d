import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidInputError } from "../errors.ts";
import { hostOf, parseTarget } from "./parseTarget.ts";

test("a full URL, a host with a port, upper case and a trailing dot all give the same host", () => {
  for (const input of [
    "metamask.io",
    "METAMASK.IO",
    "metamask.io.",
    "metamask.io:8443",
    "https://metamask.io/",
    "HTTPS://MetaMask.IO.:443/path?query=1#hash",
    "http://user:password@metamask.io/",
    "  metamask.io\n",
    "wss://metamask.io/socket",
    "metamask.io/path/to/page",
    "ｍｅｔａｍａｓｋ.io", // full-width letters: IDNA maps them to ASCII, as a browser does
  ]) {
    assert.equal(hostOf(input), "metamask.io", input);
  }
});

test("the host is the one a browser visits: the last @ ends the user info, a backslash ends the host", () => {
  assert.equal(hostOf("https://metamask.io@evil.com/"), "evil.com");
  assert.equal(hostOf("https://metamask.io:pass@evil.com@phish.xyz/"), "phish.xyz");
  assert.equal(hostOf("https://evil.com\\@metamask.io"), "evil.com");
});

test("IDNs in Unicode or punycode give the ASCII host and its Unicode form", () => {
  const cyrillic = parseTarget("https://mеtamask.io/");
  assert.equal(cyrillic.host, "xn--mtamask-7gg.io");
  assert.equal(cyrillic.unicodeHost, "mеtamask.io");
  assert.deepEqual(parseTarget("XN--MTAMASK-7GG.IO"), cyrillic);
  const russian = parseTarget("президент.рф");
  assert.equal(russian.host, "xn--d1abbgf6aiiy.xn--p1ai");
  assert.equal(russian.domain, "xn--d1abbgf6aiiy.xn--p1ai");
  assert.equal(russian.publicSuffix, "xn--p1ai");
  // A punycode label that does not decode stays as it is (blocklists hold such names).
  assert.equal(parseTarget("xn--myeterwallet-q087b.com").unicodeHost, "xn--myeterwallet-q087b.com");
});

test("registrable domains follow the Public Suffix List, private (hosting) suffixes included", () => {
  const uk = parseTarget("www.metamask.co.uk");
  assert.equal(uk.domain, "metamask.co.uk");
  assert.equal(uk.publicSuffix, "co.uk");
  assert.equal(uk.privateSuffix, false);
  const pages = parseTarget("metamask-login.vercel.app");
  assert.equal(pages.domain, "metamask-login.vercel.app");
  assert.equal(pages.publicSuffix, "vercel.app");
  assert.equal(pages.privateSuffix, true);
  assert.equal(parseTarget("github.io").domain, null, "a bare suffix has no registrable domain");
});

test("IP addresses, in every form WHATWG accepts", () => {
  assert.equal(parseTarget("http://127.0.0.1:8545").isIp, true);
  assert.equal(hostOf("http://0x7f.1/"), "127.0.0.1");
  assert.equal(hostOf("2130706433"), "127.0.0.1");
  const v6 = parseTarget("http://[::1]:8545/");
  assert.equal(v6.host, "[::1]");
  assert.equal(v6.isIp, true);
  assert.equal(v6.domain, null);
});

test("input without a valid host is an InvalidInputError", () => {
  for (const input of [
    "",
    "   ",
    "http://",
    "https://a..b.com",
    "meta mask.io",
    "javascript:alert(1)",
    "mailto://x",
    "ftp://",
    "..",
    "http://999.1.1.1.1/",
  ]) {
    assert.throws(() => hostOf(input), InvalidInputError, JSON.stringify(input));
  }
  assert.throws(
    () => hostOf("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"),
    /unsupported scheme ipfs:/,
  );
});
