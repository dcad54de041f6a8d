import type { FlagSource } from "../security/report.ts";
import { createBrandIndex } from "./brandIndex.ts";
import { PhishingListError } from "./errors.ts";
import { createHostIndex } from "./hostIndex.ts";
import { ethPhishingDetectLists, type PhishingList } from "./lists.ts";
import { phishingListsDigest } from "./listsDigest.ts";
import { findLookalikes, type Lookalikes, NO_LOOKALIKES } from "./lookalikes.ts";
import { parseTarget } from "./parseTarget.ts";
import {
  PHISHING_ENGINE_ID,
  PHISHING_RISK_FIELDS,
  type PhishingFields,
  type PhishingReport,
  type PhishingVerdict,
} from "./phishingReport.ts";

export interface PhishingEngineOptions {
  /**
   * Lists added to the built-in ones, e.g. from `loadPhishingLists(dir)`. Order matters only for which
   * list a flag names when several hold the same entry (the first given).
   */
  lists?: readonly PhishingList[];
  /** Include the eth-phishing-detect npm package's blocklist, allowlist and fuzzylist (default true). */
  ethPhishingDetect?: boolean;
}

export interface PhishingEngine {
  /** "phishing@1". */
  readonly id: string;
  /** Checks a URL or host (see parseTarget); throws InvalidInputError when it has no valid host. */
  check(target: string): PhishingReport;
  /** Sizes of the indexes and the lists loaded (`name (kind)`), for logs and health checks. */
  readonly stats: { hosts: number; brands: number; lists: readonly string[] };
  /**
   * sha256 (hex) of the lists loaded, built-in ones included, in order (phishingListsDigest): equal
   * engines judge alike. The attested adapter's `listsVersion`.
   */
  readonly digest: string;
}

type Sources = PhishingReport["sources"];

const LIST_KINDS: ReadonlySet<string> = new Set<PhishingList["kind"]>(["blocklist", "allowlist", "brands"]);

/**
 * A phishing engine over eth-phishing-detect's lists and the caller's: block and allow lists matched by
 * the most specific entry, then, for hosts neither allowlisted nor a brand's own, look-alikes of the
 * protected brands (homoglyph, fuzzy, subdomain words) and IDN script spoofing. Pure: the same lists
 * and target give the same report.
 *
 * Verdict: "malicious" when blocklisted (and not also allowlisted) or a homoglyph of a brand;
 * "suspicious" for a fuzzy match, a brand's name in a subdomain or inside the domain's name, an IDN
 * script spoof, or an entry on both a blocklist and an allowlist; else "safe".
 *
 * @example
 * const engine = createPhishingEngine({ lists: loadPhishingLists("/srv/palisade/labels") });
 * engine.check("https://xn--mtamask-7gg.io/connect").verdict; // "malicious": mеtamask, Cyrillic е
 */
export function createPhishingEngine(options: PhishingEngineOptions = {}): PhishingEngine {
  const lists = [
    ...(options.ethPhishingDetect === false ? [] : ethPhishingDetectLists()),
    ...(options.lists ?? []),
  ];
  for (const list of lists) {
    if (typeof list.name !== "string" || list.name === "")
      throw new PhishingListError("(unnamed)", "a list needs a name");
    if (!LIST_KINDS.has(list.kind))
      throw new PhishingListError(list.name, `unknown kind ${JSON.stringify(list.kind)}`);
  }
  const hosts = createHostIndex(lists);
  const brands = createBrandIndex(lists);

  function check(input: string): PhishingReport {
    const target = parseTarget(input);
    const { blocklist, allowlist } = hosts.match(target.host, target.isIp);
    const owner = target.domain === null ? undefined : brands.owner(target.domain);
    const lookalikes: Lookalikes =
      allowlist !== null || owner !== undefined ? NO_LOOKALIKES : findLookalikes(target, brands);
    const { homoglyph, fuzzy, subdomain, domainWord, punycode } = lookalikes;

    const sources: Sources = {};
    if (blocklist !== null) {
      const conflict = allowlist === null ? "" : ` (also on ${allowlist.lists.join(", ")})`;
      sources.blocklisted = source(`list:${blocklist.lists[0]}`, `${blocklist.entry}${conflict}`);
    }
    if (homoglyph !== null) {
      const { brand, name } = homoglyph;
      sources.homoglyph = source(
        "heuristic:homoglyph",
        `${name} reads as ${brand.name} (${brandSource(brand)})`,
      );
    }
    if (punycode !== null)
      sources.punycode_lookalike = source("heuristic:punycode", `${punycode.label} ${punycode.reason}`);
    if (fuzzy !== null) {
      const { brand, name, distance } = fuzzy;
      const detail = `${name} is ${distance} edit${distance === 1 ? "" : "s"} from ${brand.name} (${brandSource(brand)}, tolerance ${brand.tolerance})`;
      sources.fuzzy_match = source("heuristic:fuzzy", detail);
    }
    if (subdomain !== null) {
      const { brand, word } = subdomain;
      sources.subdomain_brand_abuse = source(
        "heuristic:subdomain-brand",
        `${word} names ${brandSource(brand)}`,
      );
    }
    if (domainWord !== null) {
      const { brand, word } = domainWord;
      sources.brand_in_domain = source(
        "heuristic:brand-in-domain",
        `${word} holds ${brand.name} (${brandSource(brand)})`,
      );
    }

    const malicious = (blocklist !== null && allowlist === null) || homoglyph !== null;
    const suspicious =
      blocklist !== null || fuzzy !== null || subdomain !== null || domainWord !== null || punycode !== null;
    const verdict: PhishingVerdict = malicious ? "malicious" : suspicious ? "suspicious" : "safe";
    const decisive = verdict === "malicious" ? (sources.blocklisted ?? sources.homoglyph) : undefined;
    if (decisive !== undefined) sources.phishing_site = decisive;

    const fields: PhishingFields = {
      phishing_site: verdict === "malicious" ? true : verdict === "safe" ? false : null,
      blocklisted: blocklist !== null,
      allowlisted: allowlist !== null,
      brand_own_domain: owner !== undefined,
      homoglyph: homoglyph !== null,
      punycode_lookalike: punycode !== null,
      fuzzy_match: fuzzy !== null,
      subdomain_brand_abuse: subdomain !== null,
      brand_in_domain: domainWord !== null,
      imitated_brand: (homoglyph ?? fuzzy ?? subdomain ?? domainWord)?.brand.host ?? null,
      registrable_domain: target.domain,
      unicode_host: target.unicodeHost,
    };
    return {
      engine: PHISHING_ENGINE_ID,
      target: target.host,
      block: null,
      verdict,
      fields,
      flags: PHISHING_RISK_FIELDS.filter((field) => fields[field] === true),
      sources,
    };
  }

  return {
    id: PHISHING_ENGINE_ID,
    check,
    digest: phishingListsDigest(lists),
    stats: {
      hosts: hosts.size,
      brands: brands.brands.length,
      lists: lists.map((list) => `${list.name} (${list.kind})`),
    },
  };
}

function source(name: string, detail: string): FlagSource {
  return { source: name, detail, block: null };
}

function brandSource(brand: { host: string; list: string }): string {
  return `${brand.host}, list:${brand.list}`;
}
