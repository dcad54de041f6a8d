import { createRequire } from "node:module";

/**
 * A named list of hosts. Every entry covers the host and all its subdomains (eth-phishing-detect's
 * rule), and its name becomes the source of the flags it raises: `list:<name>`.
 */
export interface PhishingList {
  /** e.g. `eth-phishing-detect/blocklist`, `scamsniffer/domains`. */
  name: string;
  /**
   * `blocklist`: phishing hosts. `allowlist`: legitimate hosts (typically look-alikes of a brand that
   * are not phishing). `brands`: the protected brands' own hosts, the targets of the look-alike
   * heuristics and exempt from them.
   */
  kind: "blocklist" | "allowlist" | "brands";
  /** Host names, URLs or IDNs, parsed like a checked target. */
  entries: readonly string[];
  /**
   * Brand lists only: the most edits a look-alike may be from a brand (default 2, eth-phishing-detect's
   * configured tolerance). Each brand's own tolerance is also capped by its length (see brandIndex.ts).
   */
  tolerance?: number;
  /** Brand lists only: a tolerance per entry, overriding both the list's and the length cap. */
  tolerances?: Readonly<Record<string, number>>;
}

/** The `src/config.json` of the eth-phishing-detect npm package (its legacy configuration shape). */
interface EthPhishingDetectConfig {
  version: number;
  tolerance: number;
  fuzzylist: string[];
  whitelist: string[];
  blacklist: string[];
}

/** Prefix of the lists' names: the package and the version whose data they hold. */
export const ETH_PHISHING_DETECT = "eth-phishing-detect";

/**
 * The lists shipped in the eth-phishing-detect npm package, read from node_modules at call time (never
 * copied into this repository: the package's licence is DBAD). Named
 * `eth-phishing-detect/blocklist`, `/allowlist`, `/fuzzylist`; the fuzzylist is a brands list with the
 * package's configured tolerance.
 */
export function ethPhishingDetectLists(): PhishingList[] {
  const require = createRequire(import.meta.url);
  const config = require("eth-phishing-detect/src/config.json") as EthPhishingDetectConfig;
  return [
    { name: `${ETH_PHISHING_DETECT}/blocklist`, kind: "blocklist", entries: config.blacklist },
    { name: `${ETH_PHISHING_DETECT}/allowlist`, kind: "allowlist", entries: config.whitelist },
    {
      name: `${ETH_PHISHING_DETECT}/fuzzylist`,
      kind: "brands",
      entries: config.fuzzylist,
      tolerance: config.tolerance,
    },
  ];
}
