import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { LABEL_CSV_HEADER, type LabelRow } from "./labelRow.ts";
import { isRedistributable } from "./licences.ts";
import { findLabelFiles } from "./loadLabels.ts";
import { parseLabelCsv } from "./parseLabelCsv.ts";

/** What writeLabelBundle did with one file. */
export interface BundledFile {
  file: string;
  /** Rows written (at least one redistributable source). */
  kept: number;
  /** Rows left out (only non-redistributable sources). */
  dropped: number;
}

/** Rows as a label CSV: header, one line per row, a final newline. */
export function formatLabelCsv(rows: readonly LabelRow[]): string {
  const lines = rows.map(
    (row) => `${row.address},${row.chainId ?? ""},${row.label},${row.sources.join(";")}`,
  );
  return `${[LABEL_CSV_HEADER, ...lines].join("\n")}\n`;
}

/**
 * The redistributable part of a label CSV: each row keeps only its sources whose licence allows
 * redistribution (licences.ts), and rows left with none are dropped. Row order is kept, so a sorted
 * input gives a sorted output.
 */
export function redistributableRows(rows: readonly LabelRow[]): LabelRow[] {
  const kept: LabelRow[] = [];
  for (const row of rows) {
    const sources = row.sources.filter(isRedistributable);
    if (sources.length > 0) kept.push({ ...row, sources });
  }
  return kept;
}

/**
 * Writes into `toDir`, under the same names, the redistributable rows of every address label list
 * in `fromDir` (e.g. ../shared/data → packages/engines/data/labels). Run by `bundleMain.ts`.
 */
export async function writeLabelBundle(fromDir: string, toDir: string): Promise<BundledFile[]> {
  await mkdir(toDir, { recursive: true });
  const written: BundledFile[] = [];
  for (const file of await findLabelFiles(fromDir)) {
    const rows = parseLabelCsv(await readFile(file, "utf8"), file);
    const kept = redistributableRows(rows);
    const target = join(toDir, basename(file));
    await writeFile(target, formatLabelCsv(kept));
    written.push({ file: target, kept: kept.length, dropped: rows.length - kept.length });
  }
  return written;
}
