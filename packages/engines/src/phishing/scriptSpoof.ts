import { isLookalike } from "./confusables.ts";

/**
 * Brand-independent IDN spoofing, after the rules browsers apply before showing a host in Unicode
 * (Chromium's IDN display policy): a label must not mix Latin with the scripts whose letters pass for
 * Latin, and a label written wholly in such look-alikes (`аррӏе`) passes for an ASCII name unless the
 * top-level domain is itself in that script (`рус.рф` is Russian, `аррӏе.com` is a spoof).
 */

type Script = "latin" | "cyrillic" | "greek" | "armenian" | "cherokee" | "common" | "other";

/** Code point ranges of the scripts that hold Latin look-alikes (Unicode blocks). */
const RANGES: readonly (readonly [number, number, Script])[] = [
  [0x00c0, 0x024f, "latin"], // Latin-1 Supplement letters … Latin Extended-B
  [0x0250, 0x02af, "latin"], // IPA Extensions (ɡ, ɫ …)
  [0x1e00, 0x1eff, "latin"], // Latin Extended Additional (ẹ, ṭ …)
  [0x0370, 0x03ff, "greek"],
  [0x1f00, 0x1fff, "greek"], // Greek Extended
  [0x0400, 0x052f, "cyrillic"], // Cyrillic + Supplement
  [0x1c80, 0x1c8f, "cyrillic"], // Cyrillic Extended-C
  [0xa640, 0xa69f, "cyrillic"], // Cyrillic Extended-B
  [0x0530, 0x058f, "armenian"],
  [0x13a0, 0x13ff, "cherokee"],
  [0xab70, 0xabbf, "cherokee"], // Cherokee Supplement
  [0x2000, 0x206f, "common"], // General Punctuation (› used as a separator in spoofed names)
];

function scriptOf(character: string): Script {
  const code = character.codePointAt(0) ?? 0;
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return "latin";
  if (code < 0x80) return "common";
  for (const [from, to, script] of RANGES) if (code >= from && code <= to) return script;
  return "other";
}

const SPOOF_SCRIPTS: ReadonlySet<Script> = new Set(["cyrillic", "greek", "armenian", "cherokee"]);

/**
 * Why a Unicode `label` is built to pass for a Latin name, or null when it is not: it mixes Latin
 * letters with Cyrillic/Greek/Armenian/Cherokee ones, or (under an ASCII top-level domain) it is
 * written only in look-alike letters of one of those scripts.
 */
export function scriptSpoof(label: string, asciiTopLevel: boolean): string | null {
  let latin = false;
  let foreign: Script | null = null;
  let allLookalike = true;
  let letters = 0;
  for (const character of label) {
    const script = scriptOf(character);
    if (script === "common") continue;
    letters++;
    if (script === "latin") latin = true;
    else if (SPOOF_SCRIPTS.has(script)) {
      foreign ??= script;
      if (!isLookalike(character)) allLookalike = false;
    } else return null;
  }
  if (foreign === null) return null;
  if (latin) return `mixes Latin with ${foreign} letters`;
  if (asciiTopLevel && allLookalike && letters > 0)
    return `written only in ${foreign} letters that read as Latin`;
  return null;
}
