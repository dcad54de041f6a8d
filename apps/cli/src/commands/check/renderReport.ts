import type { FlagSource } from "@palisade/engines";

/** What renderReport reads of any engine's report. */
export interface RenderableReport {
  engine: string;
  target: string;
  block: number | null;
  verdict: string;
  flags: readonly string[];
  sources: Readonly<Record<string, FlagSource | undefined>>;
}

const COLORS: Readonly<Record<string, string>> = {
  malicious: "\u001b[31;1m",
  block: "\u001b[31;1m",
  suspicious: "\u001b[33;1m",
  warn: "\u001b[33;1m",
  safe: "\u001b[32;1m",
  allow: "\u001b[32;1m",
};
const RESET = "\u001b[0m";

/**
 * A report for people: the verdict (coloured when `color`), the target, and one line per flag with
 * its source and detail. `--json` prints the report itself instead.
 */
export function renderReport(report: RenderableReport, options: { color: boolean }): string {
  const verdict = report.verdict.toUpperCase();
  const painted = options.color ? `${COLORS[report.verdict] ?? ""}${verdict}${RESET}` : verdict;
  const at = report.block === null ? "" : ` at block ${report.block}`;
  const lines = [`${painted}  ${report.target}  (${report.engine}${at})`];
  if (report.flags.length === 0) lines.push("  no risk flags");
  for (const flag of report.flags) {
    const source = report.sources[flag];
    lines.push(`  - ${flag}: ${source ? `${source.detail} [${source.source}]` : "(no source)"}`);
  }
  return lines.join("\n");
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColor(stdout: unknown, env: Readonly<Record<string, string | undefined>>): boolean {
  return (stdout as { isTTY?: boolean }).isTTY === true && env.NO_COLOR === undefined;
}
