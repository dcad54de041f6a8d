/**
 * The yardsticks of the phishing engine's tests and benchmark (not part of the engine): MetaMask's
 * eth-phishing-detect detector, run on its own npm package's lists, and the hand-written list of
 * legitimate hosts committed in `packages/engines/data/phishing/`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** What eth-phishing-detect's `PhishingDetector#check` answers (legacy configuration). */
export interface EthPhishingDetectResult {
  result: boolean;
  type: "whitelist" | "blacklist" | "fuzzy" | "all";
  match?: string;
}

export interface EthPhishingDetectReference {
  check(host: string): EthPhishingDetectResult;
  blocklist: readonly string[];
  allowlist: readonly string[];
  fuzzylist: readonly string[];
  /** Legitimate hosts from the package's own tests: the Alexa top 50 and its list of dapps. */
  testLegitimate: readonly string[];
}

/** eth-phishing-detect's detector over the package's config.json (CommonJS, loaded from node_modules). */
export function ethPhishingDetectReference(): EthPhishingDetectReference {
  const require = createRequire(import.meta.url);
  const Detector = require("eth-phishing-detect/src/detector.js") as new (
    config: unknown,
  ) => { check(host: string): EthPhishingDetectResult };
  const config = require("eth-phishing-detect/src/config.json") as {
    blacklist: string[];
    whitelist: string[];
    fuzzylist: string[];
  };
  const detector = new Detector(config);
  return {
    check: (host) => detector.check(host),
    blocklist: config.blacklist,
    allowlist: config.whitelist,
    fuzzylist: config.fuzzylist,
    testLegitimate: [
      ...(require("eth-phishing-detect/test/alexa.json") as string[]),
      ...(require("eth-phishing-detect/test/dapps.json") as string[]),
    ],
  };
}

/** The committed hand-written legitimate hosts (`data/phishing/legitimate-domains.txt`). */
export function legitimateHosts(): string[] {
  const path = join(import.meta.dirname, "../../data/phishing/legitimate-domains.txt");
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter((line) => line !== "");
}
