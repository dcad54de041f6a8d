import { createHash } from "node:crypto";
import type { PhishingList } from "./lists.ts";

/**
 * sha256 (hex) of phishing lists in canonical form: per list, a JSON header line
 * `[name, kind, tolerance, [[entry, tolerance] …]]` (per-entry tolerances sorted by entry, a missing
 * tolerance as null), then one JSON string per entry. Lists and entries keep the order given: unlike
 * address labels (labels/labelIndex.ts), order changes the engine — the first list holding an entry is
 * the one a flag names, and the first brand seen wins a duplicate host — so two engines compare equal
 * only when built from the same lists in the same order. Operators compare it (the attested
 * `phishing@1` request's `listsVersion`) to know they judge with the same lists.
 */
export function phishingListsDigest(lists: readonly PhishingList[]): string {
  const hash = createHash("sha256");
  for (const list of lists) {
    const tolerances = Object.entries(list.tolerances ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    hash.update(`${JSON.stringify([list.name, list.kind, list.tolerance ?? null, tolerances])}\n`);
    // JSON strings: an entry can never be read as a header, and no entry's text can fake a line break.
    for (const entry of list.entries) hash.update(`${JSON.stringify(entry)}\n`);
  }
  return hash.digest("hex");
}
