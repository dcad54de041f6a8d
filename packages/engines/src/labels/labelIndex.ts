import { createHash } from "node:crypto";
import type { LabelRow } from "./labelRow.ts";

/** A row as seen from its address: what the lists say about it, on which chain, according to whom. */
export type LabelEntry = Omit<LabelRow, "address">;

/**
 * Label lists indexed by lower-case address. Rows naming the same (address, chain, label) in several
 * files are one entry whose `sources` is the union. Built once, then read-only and synchronous, so
 * an engine or the transaction firewall can look up every address it meets.
 */
export interface LabelIndex {
  /**
   * The entries that apply to `address` on `chainId`: rows of that chain and rows without a chain.
   * Without `chainId`, every entry (all chains). Any letter case; `[]` for unlisted addresses (and for
   * strings that are not addresses). Sorted by chain (null first), then label.
   */
  lookup(address: string, chainId?: number): readonly LabelEntry[];
  /** Distinct addresses. */
  readonly addressCount: number;
  /** Distinct (address, chain, label) entries. */
  readonly entryCount: number;
  /** Every label present, e.g. to tell which risks the loaded lists can speak about. */
  readonly labels: ReadonlySet<string>;
  /** Every list name present (`ofac/ETH`, `forta/1/phishing_scams` …). */
  readonly sources: ReadonlySet<string>;
  /**
   * sha256 (hex) of the entries in canonical form (sorted `address,chain_id,label,sources` lines):
   * equal for the same content whatever the files, their order or their duplicates. Operators compare
   * it to know they judge with the same lists.
   */
  readonly digest: string;
}

const EMPTY: readonly LabelEntry[] = Object.freeze([]);

/**
 * Indexes rows (from parseLabelCsv or loadLabels).
 *
 * @example
 * const index = createLabelIndex(parseLabelCsv(text, "inline"));
 * index.lookup("0x098B716B8Aaf21512996dC57EB0615e2383E2f96", 1); // [{ label: "sanctioned", … }]
 */
export function createLabelIndex(rows: Iterable<LabelRow>): LabelIndex {
  // address → "chain|label" → sources
  const merged = new Map<
    string,
    Map<string, { chainId: number | null; label: string; sources: Set<string> }>
  >();
  for (const row of rows) {
    const address = row.address.toLowerCase();
    let byKey = merged.get(address);
    if (!byKey) {
      byKey = new Map();
      merged.set(address, byKey);
    }
    const key = `${row.chainId ?? ""}|${row.label}`;
    const entry = byKey.get(key);
    if (entry) for (const source of row.sources) entry.sources.add(source);
    else byKey.set(key, { chainId: row.chainId, label: row.label, sources: new Set(row.sources) });
  }

  const byAddress = new Map<string, readonly LabelEntry[]>();
  const labels = new Set<string>();
  const sources = new Set<string>();
  const canonical: string[] = [];
  let entryCount = 0;
  for (const [address, byKey] of merged) {
    const entries = [...byKey.values()]
      .map(
        (entry): LabelEntry =>
          Object.freeze({
            chainId: entry.chainId,
            label: entry.label,
            sources: Object.freeze([...entry.sources].sort()),
          }),
      )
      .sort(compareEntries);
    for (const entry of entries) {
      labels.add(entry.label);
      for (const source of entry.sources) sources.add(source);
      canonical.push(`${address},${entry.chainId ?? ""},${entry.label},${entry.sources.join(";")}`);
    }
    entryCount += entries.length;
    byAddress.set(address, Object.freeze(entries));
  }
  canonical.sort();
  const digest = createHash("sha256").update(canonical.join("\n")).digest("hex");

  return {
    lookup(address, chainId) {
      const entries = byAddress.get(address.toLowerCase());
      if (!entries) return EMPTY;
      if (chainId === undefined) return entries;
      // Most addresses are listed for one chain: hand out the shared frozen array when all apply.
      for (const entry of entries)
        if (entry.chainId !== null && entry.chainId !== chainId)
          return entries.filter((other) => other.chainId === null || other.chainId === chainId);
      return entries;
    },
    addressCount: byAddress.size,
    entryCount,
    labels,
    sources,
    digest,
  };
}

function compareEntries(a: LabelEntry, b: LabelEntry): number {
  const chainA = a.chainId ?? -1;
  const chainB = b.chainId ?? -1;
  if (chainA !== chainB) return chainA - chainB;
  return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}
