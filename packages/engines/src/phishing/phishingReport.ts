import type { SecurityReport } from "../security/report.ts";

/**
 * The phishing engine's fields. `phishing_site` is GoPlus's (its phishing-site API answers
 * `{ phishing_site: 1 }`); the others explain it, in the same snake_case style.
 */
export type PhishingFields = {
  /**
   * GoPlus's field: `true` when the verdict is "malicious", `false` when "safe", `null` when
   * "suspicious" (a look-alike or conflicting lists: the engine cannot tell).
   */
  phishing_site: boolean | null;
  /**
   * The host or a parent domain is on a blocklist, and no more specific allowlist entry covers it.
   * Source: `list:<name>` of the most specific entry; detail: that entry.
   */
  blocklisted: boolean;
  /**
   * The host or a parent domain is on an allowlist, and no more specific blocklist entry covers it.
   * An allowlisted host skips the look-alike heuristics (eth-phishing-detect's rule: the allowlist
   * is where curators put legitimate look-alikes). When the same entry is on both kinds of list, both
   * fields are true and the verdict is "suspicious".
   */
  allowlisted: boolean;
  /** The registrable domain is a protected brand's own (`metamask.io`, `portfolio.metamask.io`). */
  brand_own_domain: boolean;
  /**
   * The name reads exactly as a protected brand's once look-alike characters are folded — letters of
   * another script (Cyrillic е in `mеtamask.io`), Latin letters with marks (`myethęrwallet`), 0/1 for
   * o/l, rn for m — but is not the brand's name, on a domain that is not the brand's. Source:
   * `heuristic:homoglyph`.
   */
  homoglyph: boolean;
  /**
   * An internationalised (xn--) label written to pass for a Latin name: it mixes Latin with Cyrillic,
   * Greek, Armenian or Cherokee letters, or (under an ASCII top-level domain) uses only look-alikes of
   * Latin letters (`аррӏе.com`). Brand-independent. Source: `heuristic:punycode`.
   */
  punycode_lookalike: boolean;
  /**
   * The name (the registrable label, or as many trailing labels before the public suffix as the brand
   * has) is within the brand's tolerance of a protected brand's name, compared as they read (see
   * `homoglyph`), on a domain that is not the brand's: `metamask.co.uk`, `metamsk.io`, `opensae.io`.
   * Not set when `homoglyph` is (an exact reading). Source: `heuristic:fuzzy`.
   */
  fuzzy_match: boolean;
  /**
   * A protected brand's name is a label or a hyphen-separated word of a subdomain
   * (`metamask.io.login.xyz`, `metamask-wallet.evil.com`), or of a site's name on a hosting platform's
   * suffix (`metamask-login.vercel.app`, `metamask.onrender.com`), on a domain that is not the brand's. A
   * site named exactly as the brand on an account platform (`metamask.github.io`) is not flagged.
   * Source: `heuristic:subdomain-brand`.
   */
  subdomain_brand_abuse: boolean;
  /**
   * A protected brand's name is a hyphen-separated word of the registrable label (`metamask-airdrop.com`)
   * or, for names of eight letters or more, a part of it (`metamaskwallet.net`), compared as they read;
   * not set when the label reads as the brand (`homoglyph`, `fuzzy_match`). Source: `heuristic:brand-in-domain`.
   */
  brand_in_domain: boolean;
  /** The brand's host that `homoglyph`, `fuzzy_match`, `subdomain_brand_abuse` or `brand_in_domain` point at, else null. */
  imitated_brand: string | null;
  /** The registrable domain (eTLD+1 under the Public Suffix List), null for IP addresses and bare suffixes. */
  registrable_domain: string | null;
  /** The host in Unicode (what a browser may display); equal to `target` for ASCII hosts. */
  unicode_host: string;
};

/** Verdicts, worst last. */
export type PhishingVerdict = "safe" | "suspicious" | "malicious";

/** What `check` answers: `target` is the normalised ASCII host, `block` is always null (no chain). */
export type PhishingReport = SecurityReport<PhishingFields, PhishingVerdict>;

/** The fields that are flags when true, in the order flags are listed (sorted by name). */
export const PHISHING_RISK_FIELDS = [
  "blocklisted",
  "brand_in_domain",
  "fuzzy_match",
  "homoglyph",
  "phishing_site",
  "punycode_lookalike",
  "subdomain_brand_abuse",
] as const satisfies readonly (keyof PhishingFields)[];

/** The engine's id in reports: bump the version when a verdict can change for the same lists. */
export const PHISHING_ENGINE_ID = "phishing@1";
