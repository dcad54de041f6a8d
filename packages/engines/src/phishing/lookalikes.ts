import type { Brand, BrandIndex } from "./brandIndex.ts";
import { skeleton } from "./confusables.ts";
import type { ParsedTarget } from "./parseTarget.ts";
import { scriptSpoof } from "./scriptSpoof.ts";

/** What the look-alike heuristics found on a host that is not a brand's own. */
export interface Lookalikes {
  /** The name reads exactly as `brand.name` but is spelled otherwise. */
  homoglyph: { brand: Brand; name: string } | null;
  /** The name's reading is `distance` edits (≤ the brand's tolerance) from the brand's. */
  fuzzy: { brand: Brand; name: string; distance: number } | null;
  /** A subdomain label or word (or a platform site's name) reads as a brand's name. */
  subdomain: { brand: Brand; word: string } | null;
  /** The registrable label holds a brand's name as a word or (long names) a part, without being it. */
  domainWord: { brand: Brand; word: string } | null;
  /** An IDN label built to pass for Latin, and why. */
  punycode: { label: string; reason: string } | null;
}

/**
 * Shortest brand name matched as a subdomain word: shorter ones (`eth`, `dao`, `app`) are ordinary
 * words in host names and would flag half the web.
 */
const MIN_WORD_LENGTH = 5;

/**
 * Shortest brand name matched anywhere inside a label (`metamaskwallet`): from eight letters a brand's
 * name is rarely part of an unrelated word, where `opensea` is the start of `opensearch`.
 */
const MIN_PART_LENGTH = 8;

/**
 * Hosting suffixes whose site names are the platform's account names: `<account>.github.io` serves only
 * the GitHub account of that name, so a site named exactly as a brand there is most likely the brand's
 * own (metamask.github.io is MetaMask's test dapp, in eth-phishing-detect's own list of dapps). Elsewhere
 * the exact brand name is a squat (myetherwallet.pages.dev, metamask.onrender.com, myetherwallet.com.de
 * are on the blocklists). Typos, look-alikes and brand-plus-word names are flagged on these too.
 */
const ACCOUNT_PLATFORMS: ReadonlySet<string> = new Set(["github.io", "gitlab.io"]);

export const NO_LOOKALIKES: Lookalikes = {
  homoglyph: null,
  fuzzy: null,
  subdomain: null,
  domainWord: null,
  punycode: null,
};

/** Runs the brand heuristics (homoglyph, fuzzy, subdomain words) and the IDN script check on `target`. */
export function findLookalikes(target: ParsedTarget, brands: BrandIndex): Lookalikes {
  if (target.isIp || target.publicSuffix === null) return NO_LOOKALIKES;
  const labels = target.unicodeHost.split(".");
  const suffixLabels = target.publicSuffix.split(".").length;
  // The labels before the public suffix, in Unicode: ["www", "mеtamask"] for www.mеtamask.co.uk.
  const names = labels.slice(0, labels.length - suffixLabels);
  const registrable = names[names.length - 1];
  const brandAccount =
    ACCOUNT_PLATFORMS.has(target.publicSuffix) &&
    registrable !== undefined &&
    (brands.exact(skeleton(registrable))?.some((brand) => brand.name === registrable) ?? false);
  const found = brandLookalikes(names, brands);
  const homoglyph = found.homoglyph;
  const fuzzy = brandAccount && found.fuzzy?.distance === 0 ? null : found.fuzzy;
  // On a hosting platform's suffix (vercel.app, github.io) the site's name is a subdomain in all but name.
  const subdomainLabels = target.privateSuffix && !brandAccount ? names : names.slice(0, -1);
  const readsAsBrand = homoglyph !== null || fuzzy !== null;
  return {
    homoglyph,
    fuzzy,
    subdomain: subdomainBrand(subdomainLabels, brands),
    domainWord:
      target.privateSuffix || readsAsBrand || registrable === undefined
        ? null
        : brandWord(registrable, brands),
    punycode: target.host.includes("xn--") ? punycodeSpoof(target.host.split("."), labels) : null,
  };
}

function brandLookalikes(
  names: readonly string[],
  brands: BrandIndex,
): Pick<Lookalikes, "homoglyph" | "fuzzy"> {
  let fuzzy: Lookalikes["fuzzy"] = null;
  for (const count of brands.labelCounts) {
    if (names.length < count) break;
    const name =
      count === 1 ? (names[names.length - 1] as string) : names.slice(names.length - count).join(".");
    const reading = skeleton(name);
    const exact = brands.exact(reading)?.find((brand) => brand.labels === count);
    if (exact !== undefined) {
      if (exact.name !== name) return { homoglyph: { brand: exact, name }, fuzzy: null };
      fuzzy ??= { brand: exact, name, distance: 0 };
      continue;
    }
    const near = brands.nearest(reading, count);
    if (near !== null && (fuzzy === null || near.distance < fuzzy.distance)) fuzzy = { ...near, name };
  }
  return { homoglyph: null, fuzzy };
}

/** A one-label brand whose name is `label`, one of its hyphen/underscore words, or (long brands) a part of it. */
function brandWord(label: string, brands: BrandIndex): { brand: Brand; word: string } | null {
  const words = label.includes("-") || label.includes("_") ? [label, ...label.split(/[-_]+/)] : [label];
  for (const word of words) {
    const reading = skeleton(word);
    if (reading.length < MIN_WORD_LENGTH) continue;
    const brand = brands.exact(reading)?.find((candidate) => candidate.labels === 1);
    if (brand !== undefined) return { brand, word };
  }
  const reading = skeleton(label);
  for (const brand of partBrands(brands)) if (reading.includes(brand.skeleton)) return { brand, word: label };
  return null;
}

const partBrandsOf = new WeakMap<BrandIndex, readonly Brand[]>();

/** One-label brands long enough to be matched inside a label, computed once per index. */
function partBrands(brands: BrandIndex): readonly Brand[] {
  let found = partBrandsOf.get(brands);
  if (found === undefined) {
    found = brands.brands.filter((brand) => brand.labels === 1 && brand.skeleton.length >= MIN_PART_LENGTH);
    partBrandsOf.set(brands, found);
  }
  return found;
}

function subdomainBrand(labels: readonly string[], brands: BrandIndex): Lookalikes["subdomain"] {
  for (let i = 0; i < labels.length; i++) {
    const found = brandWord(labels[i] as string, brands);
    if (found !== null) return found;
    // Brands of several labels (launchpad.ethereum) as consecutive labels.
    for (const count of brands.labelCounts) {
      if (count < 2 || i + count > labels.length || !brands.firstLabels.has(skeleton(labels[i] as string)))
        continue;
      const word = labels.slice(i, i + count).join(".");
      const brand = brands.exact(skeleton(word))?.find((candidate) => candidate.labels === count);
      if (brand !== undefined) return { brand, word };
    }
  }
  return null;
}

function punycodeSpoof(asciiLabels: readonly string[], labels: readonly string[]): Lookalikes["punycode"] {
  const asciiTopLevel = !(asciiLabels[asciiLabels.length - 1] ?? "").startsWith("xn--");
  for (let i = 0; i < asciiLabels.length; i++) {
    if (!(asciiLabels[i] as string).startsWith("xn--")) continue;
    const label = labels[i] as string;
    const reason = scriptSpoof(label, asciiTopLevel);
    if (reason !== null) return { label, reason };
  }
  return null;
}
