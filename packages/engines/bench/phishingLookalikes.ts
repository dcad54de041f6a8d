// Seeded look-alikes of the protected brands, the kind of name phishing kits register: typos, look-alike
// letters, the brand on another suffix, the brand in a subdomain or next to a word. Used by
// phishing.bench.ts as inputs both detectors should flag.
import { domainToASCII } from "node:url";

/** mulberry32: a small seeded generator, so every run benchmarks the same names. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const SUFFIXES = ["com", "io", "xyz", "app", "net", "org", "co", "co.uk", "com.au", "online"];
const WORDS = [
  "login",
  "wallet",
  "claim",
  "airdrop",
  "support",
  "secure",
  "verify",
  "app",
  "connect",
  "restore",
];
/** Cyrillic and Greek letters that read as the Latin key. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  a: "а",
  e: "е",
  o: "о",
  p: "р",
  c: "с",
  x: "х",
  y: "у",
  i: "і",
  s: "ѕ",
  n: "η",
  v: "ν",
};

export type LookalikeKind = "typo-1" | "typo-2" | "homoglyph" | "suffix" | "subdomain" | "word";

export interface Lookalike {
  host: string;
  kind: LookalikeKind;
  brand: string;
}

/** The kinds in the order they are generated, round-robin. */
export const LOOKALIKE_KINDS: readonly LookalikeKind[] = [
  "typo-1",
  "typo-2",
  "homoglyph",
  "suffix",
  "subdomain",
  "word",
];

/** `count` look-alikes of `brands` (hosts such as `metamask.io`), ASCII (punycode) hosts. */
export function lookalikes(brands: readonly string[], count: number, seed = 1): Lookalike[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const edit = (name: string): string => {
    const at = Math.floor(random() * name.length);
    const letter = pick([...LETTERS]);
    switch (Math.floor(random() * 4)) {
      case 0:
        return name.slice(0, at) + letter + name.slice(at + 1); // substitution
      case 1:
        return name.slice(0, at) + letter + name.slice(at); // insertion
      case 2:
        return name.length > 3 ? name.slice(0, at) + name.slice(at + 1) : name + letter; // deletion
      default:
        return at + 1 < name.length
          ? name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2)
          : name + letter;
    }
  };
  const out: Lookalike[] = [];
  for (let i = 0; out.length < count; i++) {
    const brand = pick(brands);
    const dot = brand.indexOf(".");
    // The brand's first label carries its name (launchpad.ethereum.org: launchpad), the rest its suffix.
    const name = brand.slice(0, dot);
    const rest = brand.slice(dot + 1);
    const kind = LOOKALIKE_KINDS[i % LOOKALIKE_KINDS.length] as LookalikeKind;
    let host: string;
    switch (kind) {
      case "typo-1":
        host = `${edit(name)}.${rest}`;
        break;
      case "typo-2":
        host = `${edit(edit(name))}.${pick(SUFFIXES)}`;
        break;
      case "homoglyph": {
        const positions = [...name]
          .map((letter, index) => (LOOKALIKES[letter] ? index : -1))
          .filter((index) => index >= 0);
        const at = positions.length > 0 ? pick(positions) : -1;
        const spoofed =
          at < 0 ? name : name.slice(0, at) + LOOKALIKES[name[at] as string] + name.slice(at + 1);
        host = domainToASCII(`${spoofed}.${rest}`);
        break;
      }
      case "suffix":
        host = `${name}.${rest.includes(".") ? rest : pick(SUFFIXES.filter((suffix) => suffix !== rest))}`;
        break;
      case "subdomain":
        host = `${brand}.${pick(WORDS)}-${Math.floor(random() * 1000)}.${pick(SUFFIXES)}`;
        break;
      default:
        host =
          random() < 0.5
            ? `${name}-${pick(WORDS)}.${pick(SUFFIXES)}`
            : `${pick(WORDS)}-${name}.${pick(SUFFIXES)}`;
    }
    if (host !== "" && host !== brand) out.push({ host, kind, brand });
  }
  return out;
}
