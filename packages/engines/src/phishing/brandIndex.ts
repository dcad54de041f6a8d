import { parse as parseDomain } from "tldts";
import { skeleton } from "./confusables.ts";
import { boundedEditDistance, letterMask, letterSetBound } from "./editDistance.ts";
import { PhishingListError } from "./errors.ts";
import { normaliseEntry } from "./hostIndex.ts";
import type { PhishingList } from "./lists.ts";
import { PSL_OPTIONS } from "./parseTarget.ts";

/** A protected brand: the target of look-alike heuristics, exempt from them on its own domain. */
export interface Brand {
  /** The brand's host as listed, normalised: `metamask.io`, `launchpad.ethereum.org`. */
  host: string;
  /** Its registrable domain: every host under it is the brand's own (`ethereum.org`). */
  domain: string;
  /** The host without its public suffix, the name look-alikes imitate: `metamask`, `launchpad.ethereum`. */
  name: string;
  /** How `name` reads (see confusables.ts): what look-alikes are compared with. */
  skeleton: string;
  /** letterMask of `skeleton`: a cheap bound that skips most distance computations. */
  letters: number;
  /** Labels in `name` (1 for `metamask`, 2 for `launchpad.ethereum`). */
  labels: number;
  /** Most edits between a look-alike's skeleton and this brand's for a fuzzy match. */
  tolerance: number;
  /** The list that named the brand first. */
  list: string;
}

/** eth-phishing-detect's default and configured tolerance. */
const DEFAULT_TOLERANCE = 2;

/**
 * The length cap on a brand's tolerance. Two edits turn a seven-letter name into a different word
 * (`opensea` → `openssp`, `dfinity` → `affinity`: eth-phishing-detect flags both, legitimate sites in the
 * Tranco top 40k); with adjacent swaps costing one edit, one edit still catches the usual typos of
 * a short name. So: up to 4 letters no edit (exact reading only), 5–7 one, 8 and more the list's
 * (on the workplace's labelled data, a cap of one at eight letters missed 3 % of the look-alikes of
 * `metamask` that two edits catch, without sparing a single legitimate Tranco domain).
 */
export function lengthTolerance(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  return Number.POSITIVE_INFINITY;
}

/** A fuzzy candidate: a brand and the edit distance of the name's skeleton to the brand's. */
export interface BrandMatch {
  brand: Brand;
  distance: number;
}

export interface BrandIndex {
  readonly brands: readonly Brand[];
  /** Distinct label counts of brand names, ascending (1, 2 …): the name windows a lookup compares. */
  readonly labelCounts: readonly number[];
  /** First labels of the brands of several labels (`launchpad`), read as skeletons: a cheap gate. */
  readonly firstLabels: ReadonlySet<string>;
  /** The brand whose registrable domain is `domain`, if any. */
  owner(domain: string): Brand | undefined;
  /** Brands whose skeleton is exactly `skeleton`. */
  exact(skeleton: string): readonly Brand[] | undefined;
  /**
   * The nearest brand of `labels` labels within its tolerance of `skeleton`; among equally near ones,
   * the shortest, then the first listed.
   */
  nearest(skeleton: string, labels: number): BrandMatch | null;
}

function brandOf(list: PhishingList, raw: string): Brand {
  const host = normaliseEntry(list.name, raw);
  const parts = parseDomain(host, PSL_OPTIONS);
  if (parts.domain === null || parts.publicSuffix === null || parts.isIp === true) {
    throw new PhishingListError(list.name, `brand ${JSON.stringify(raw)} has no registrable domain`);
  }
  const name = host.slice(0, host.length - parts.publicSuffix.length - 1);
  const brandSkeleton = skeleton(name);
  const own = list.tolerances?.[raw];
  for (const value of [list.tolerance, own]) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new PhishingListError(
        list.name,
        `tolerance ${value} (${JSON.stringify(raw)}) is not a whole number ≥ 0`,
      );
    }
  }
  const tolerance =
    own ?? Math.min(list.tolerance ?? DEFAULT_TOLERANCE, lengthTolerance(brandSkeleton.length));
  return {
    host,
    domain: parts.domain,
    name,
    skeleton: brandSkeleton,
    letters: letterMask(brandSkeleton),
    labels: name.split(".").length,
    tolerance,
    list: list.name,
  };
}

/**
 * Brands indexed three ways: by registrable domain (own-domain exemption), by exact skeleton (homoglyphs,
 * brand words in subdomains) and by label count then skeleton length (fuzzy candidates: only brands
 * whose length is within their tolerance of the name's are compared, with an edit distance that stops
 * at the tolerance).
 */
export function createBrandIndex(lists: readonly PhishingList[]): BrandIndex {
  const brands: Brand[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    if (list.kind !== "brands") continue;
    for (const raw of list.entries) {
      const brand = brandOf(list, raw);
      if (seen.has(brand.host)) continue;
      seen.add(brand.host);
      brands.push(brand);
    }
  }

  const owners = new Map<string, Brand>();
  const bySkeleton = new Map<string, Brand[]>();
  // labels → skeleton length → brands
  const byLength = new Map<number, Map<number, Brand[]>>();
  let maxTolerance = 0;
  for (const brand of brands) {
    if (!owners.has(brand.domain)) owners.set(brand.domain, brand);
    const same = bySkeleton.get(brand.skeleton);
    if (same) same.push(brand);
    else bySkeleton.set(brand.skeleton, [brand]);
    let lengths = byLength.get(brand.labels);
    if (!lengths) {
      lengths = new Map();
      byLength.set(brand.labels, lengths);
    }
    const bucket = lengths.get(brand.skeleton.length);
    if (bucket) bucket.push(brand);
    else lengths.set(brand.skeleton.length, [brand]);
    maxTolerance = Math.max(maxTolerance, brand.tolerance);
  }

  return {
    brands,
    labelCounts: [...byLength.keys()].sort((a, b) => a - b),
    firstLabels: new Set(
      brands.filter((brand) => brand.labels > 1).map((brand) => brand.skeleton.split(".")[0] as string),
    ),
    owner: (domain) => owners.get(domain),
    exact: (text) => bySkeleton.get(text),
    nearest(text, labels) {
      const lengths = byLength.get(labels);
      if (!lengths) return null;
      let best: BrandMatch | null = null;
      const letters = letterMask(text);
      for (let length = text.length - maxTolerance; length <= text.length + maxTolerance; length++) {
        for (const brand of lengths.get(length) ?? []) {
          const limit = Math.min(brand.tolerance, best ? best.distance - 1 : brand.tolerance);
          if (limit < 0 || Math.abs(length - text.length) > limit) continue;
          if (letterSetBound(letters, brand.letters) > limit) continue;
          const distance = boundedEditDistance(text, brand.skeleton, limit);
          if (distance > limit) continue;
          best = { brand, distance };
        }
      }
      return best;
    },
  };
}
