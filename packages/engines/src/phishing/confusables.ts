/**
 * Look-alike characters folded to the ASCII letter they pass for, so that a name can be compared with
 * a brand by how it *reads*: `mеtamask` (Cyrillic е), `myethęrwallet` (Latin ę), `0pensea` (digit 0)
 * all read as an ASCII brand. Hand-built from Unicode's confusables data (UTS #39) for the letters that
 * matter in domain names — lower case only, because IDNA lower-cases hosts before we see them.
 *
 * Latin letters with diacritics are folded by canonical decomposition (é → e + ◌́ → e); the table
 * below holds the letters decomposition leaves alone (ł, ı, ø …) and the other scripts' look-alikes.
 */

/** Other scripts' letters (and undecomposable Latin ones) that render like an ASCII letter. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  һ: "h",
  і: "i",
  ї: "i",
  ј: "j",
  к: "k",
  ӏ: "l",
  м: "m",
  о: "o",
  р: "p",
  ԛ: "q",
  г: "r",
  ѕ: "s",
  с: "c",
  т: "t",
  ѵ: "v",
  ԝ: "w",
  х: "x",
  у: "y",
  ү: "y",
  ԁ: "d",
  ҽ: "e",
  ɡ: "g",
  // Greek
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  γ: "y",
  ω: "w",
  // Armenian
  ա: "w",
  ց: "g",
  հ: "h",
  յ: "j",
  ո: "n",
  ս: "u",
  օ: "o",
  զ: "q",
  // Latin letters that canonical decomposition does not reduce
  ı: "i",
  ȷ: "j",
  ł: "l",
  ƚ: "l",
  ɫ: "l",
  ŀ: "l",
  ø: "o",
  ɵ: "o",
  đ: "d",
  ɗ: "d",
  ħ: "h",
  ŧ: "t",
  ŋ: "n",
  ɲ: "n",
  ƅ: "b",
  ɓ: "b",
  ƈ: "c",
  ȼ: "c",
  ƒ: "f",
  ɠ: "g",
  ǥ: "g",
  ƙ: "k",
  ʠ: "q",
  ɍ: "r",
  ȿ: "s",
  ʋ: "v",
  ⱳ: "w",
  ẍ: "x",
  ƴ: "y",
  ɏ: "y",
  ƶ: "z",
  ȥ: "z",
  // Typographic marks phishing names use as separators (U+203A, seen in the wild as ›swар)
  "›": "",
  "‹": "",
};

/**
 * Digit-for-letter swaps (`0pensea`, `metamask1`): only the two that read as a letter in a URL bar's
 * sans-serif font; 3→e or 5→s read as digits and would turn legitimate names (`web3`) into brands.
 */
const DIGIT_SWAPS: Readonly<Record<string, string>> = { "0": "o", "1": "l" };

/** Letter pairs that render as one letter in most fonts (`rnetamask` reads as `metamask`). */
const PAIRS: readonly (readonly [RegExp, string])[] = [
  [/rn/g, "m"],
  [/vv/g, "w"],
];

/** Combining marks left by canonical decomposition (é → e + U+0301), dropped when folding. */
const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/** Text that `skeleton` changes: non-ASCII, a swapped digit, or a letter pair (most names have none). */
// [^ -~]: anything outside printable ASCII (host names hold no control characters).
const NEEDS_FOLDING = /[^ -~]|[01]|rn|vv/;

const foldCache = new Map<string, string>();

/** The ASCII letter a non-ASCII character passes for, or the character itself when it passes for none. */
export function foldCharacter(character: string): string {
  const cached = foldCache.get(character);
  if (cached !== undefined) return cached;
  let folded = LOOKALIKES[character];
  if (folded === undefined) {
    const stripped = character.normalize("NFD").replace(COMBINING, "");
    const single = stripped.length === 1 ? stripped : "";
    const base = LOOKALIKES[single] ?? single;
    folded = /^[a-z0-9]$/.test(base) ? base : character;
  }
  foldCache.set(character, folded);
  return folded;
}

/**
 * Cyrillic letters that only pass for a Latin small capital (в к м т г): folded when comparing with a
 * brand, but not enough on their own to make a wholly Cyrillic name pass for Latin (`москва` is Moscow).
 */
const SMALL_CAPITALS = new Set(["в", "к", "м", "т", "г"]);

/**
 * True when `character` is not ASCII but reads as an ASCII letter or digit in a URL bar: a strong
 * look-alike (Cyrillic а, Greek ο, Latin ł …), not a small-capital one.
 */
export function isLookalike(character: string): boolean {
  return (
    character.charCodeAt(0) > 0x7f && !SMALL_CAPITALS.has(character) && foldCharacter(character) !== character
  );
}

/**
 * How `text` reads: look-alike letters folded to ASCII, the digits 0 and 1 read as o and l, rn as m,
 * vv as w. Applied to both sides of a comparison (a brand's own name included), so `1inch` and
 * `1ínch` share the skeleton `linch`.
 */
export function skeleton(text: string): string {
  if (!NEEDS_FOLDING.test(text)) return text;
  let out = "";
  for (const character of text) {
    const code = character.charCodeAt(0);
    if (code < 0x80) out += DIGIT_SWAPS[character] ?? character;
    else {
      const folded = foldCharacter(character);
      out += DIGIT_SWAPS[folded] ?? folded;
    }
  }
  for (const [pair, letter] of PAIRS) out = out.replace(pair, letter);
  return out;
}
