import { LabelFileError } from "./errors.ts";
import { LABEL_CSV_HEADER, type LabelRow } from "./labelRow.ts";

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
/** Positive decimal without leading zeros, so "01" and "1" cannot name the same chain twice. */
const CHAIN_ID = /^[1-9][0-9]{0,15}$/;
const LABEL = /^[a-z0-9][a-z0-9_-]*$/;
/** A list name: path-like, no separators of the CSV itself. */
const SOURCE = /^[A-Za-z0-9][A-Za-z0-9_.\-/]*$/;

/**
 * Parses an address label list (`address,chain_id,label,source`, UTF-8, no quoting — the format of
 * ../shared/data and of packages/engines/data/labels). Addresses are lower-cased; an empty
 * `chain_id` becomes null (all chains); `source` may join several lists with `;`. A blank last line
 * and `\r\n` line ends are accepted; anything else malformed throws LabelFileError with its line.
 *
 * @example
 * const rows = parseLabelCsv(await readFile(path, "utf8"), path);
 */
export function parseLabelCsv(text: string, origin: string): LabelRow[] {
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  const header = (lines[0] ?? "").replace(/\r$/, "");
  if (header !== LABEL_CSV_HEADER)
    throw new LabelFileError(origin, 1, `header is ${JSON.stringify(header)}, expected ${LABEL_CSV_HEADER}`);
  const rows: LabelRow[] = [];
  for (let index = 1; index < lines.length; index++) {
    const line = (lines[index] as string).replace(/\r$/, "");
    if (line === "") {
      if (index === lines.length - 1) break; // the final newline
      throw new LabelFileError(origin, index + 1, "empty line");
    }
    rows.push(parseRow(line, origin, index + 1));
  }
  return rows;
}

function parseRow(line: string, origin: string, lineNumber: number): LabelRow {
  const cells = line.split(",");
  const fail = (reason: string) => new LabelFileError(origin, lineNumber, reason);
  if (cells.length !== 4) throw fail(`${cells.length} columns, expected 4 (${LABEL_CSV_HEADER})`);
  const [address, chain, label, source] = cells as [string, string, string, string];
  if (!ADDRESS.test(address)) throw fail(`address ${JSON.stringify(address)} is not 0x + 40 hex digits`);
  if (chain !== "" && !CHAIN_ID.test(chain))
    throw fail(`chain_id ${JSON.stringify(chain)} is not empty or a positive integer`);
  if (!LABEL.test(label)) throw fail(`label ${JSON.stringify(label)} is not lower-case [a-z0-9_-]`);
  const sources = source.split(";");
  for (const name of sources)
    if (!SOURCE.test(name)) throw fail(`source ${JSON.stringify(name)} is not a list name`);
  return {
    address: address.toLowerCase() as `0x${string}`,
    chainId: chain === "" ? null : Number(chain),
    label,
    sources: [...new Set(sources)].sort(),
  };
}
