/**
 * Reads one gauge from a Prometheus text exposition (what the node's and the aggregator's
 * `/metrics` answer): the value of the first sample of `name` (with or without labels), or
 * undefined when it is absent or not a number.
 */
export function readGauge(text: string, name: string): number | undefined {
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const value = Number(match[3]);
    return Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}

/** Sums every sample of a counter across its labels (e.g. tasks signed by engine and kind). */
export function sumCounter(text: string, name: string): number {
  let total = 0;
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) total += value;
  }
  return total;
}
