import { open, readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { LabelFileError } from "./errors.ts";
import { createLabelIndex, type LabelIndex } from "./labelIndex.ts";
import { LABEL_CSV_HEADER, type LabelRow } from "./labelRow.ts";
import { parseLabelCsv } from "./parseLabelCsv.ts";

/**
 * The label lists committed with this package (MIT-licensed sources only; see
 * packages/engines/data/labels/README.md). Resolved from this file, so it holds in any checkout.
 */
export const bundledLabelsDir = resolve(import.meta.dirname, "../../data/labels");

/** A LabelIndex and the files it was built from. */
export interface LoadedLabels extends LabelIndex {
  /** The CSV files read, in reading order. */
  readonly files: readonly string[];
}

/**
 * Reads address label lists into a LabelIndex. Each path is a CSV file (it must have the
 * `address,chain_id,label,source` header) or a folder, of which every `*.csv` with that header is
 * read in name order and the others (e.g. `domains.csv`) are skipped; a folder without any address
 * list is an error, so a mistyped folder never silently loads nothing. Rows from every path are
 * merged (see createLabelIndex). Errors: LabelFileError.
 *
 * @example
 * // The committed lists, plus the GPL-3.0 ScamSniffer rows from a folder the operator configures.
 * const extra = process.env.PALISADE_LABELS_DIR;
 * const labels = await loadLabels(extra ? [bundledLabelsDir, extra] : bundledLabelsDir);
 */
export async function loadLabels(dirOrFiles: string | readonly string[]): Promise<LoadedLabels> {
  const paths = typeof dirOrFiles === "string" ? [dirOrFiles] : dirOrFiles;
  const files: string[] = [];
  for (const path of paths) files.push(...(await findLabelFiles(path)));
  const rows: LabelRow[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new LabelFileError(file, undefined, "cannot be read", error);
    }
    for (const row of parseLabelCsv(text, file)) rows.push(row);
  }
  return Object.assign(createLabelIndex(rows), { files: Object.freeze(files) });
}

/**
 * The address label lists at `path`: the file itself, or a folder's `*.csv` files whose first line is
 * the `address,chain_id,label,source` header, in name order (LabelFileError when there are none).
 */
export async function findLabelFiles(path: string): Promise<string[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    throw new LabelFileError(path, undefined, "does not exist or cannot be read", error);
  }
  if (!isDirectory) return [path];
  const names = (await readdir(path)).filter((name) => name.endsWith(".csv")).sort();
  const files: string[] = [];
  for (const name of names) {
    const file = join(path, name);
    if ((await firstLine(file)) === LABEL_CSV_HEADER) files.push(file);
  }
  if (files.length === 0)
    throw new LabelFileError(path, undefined, `holds no *.csv with the header ${LABEL_CSV_HEADER}`);
  return files;
}

/** The first line of a file, read without loading the whole file (domain lists are tens of MB). */
async function firstLine(file: string): Promise<string> {
  const handle = await open(file, "r").catch((error: unknown) => {
    throw new LabelFileError(file, undefined, "cannot be read", error);
  });
  try {
    const buffer = Buffer.alloc(256);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    return (text.split("\n")[0] ?? "").replace(/\r$/, "");
  } finally {
    await handle.close();
  }
}
