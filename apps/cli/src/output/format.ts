/** Rows as aligned columns under a header (no borders: easy to read and to grep). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** `label  value` lines, labels padded to one width. */
export function fields(entries: readonly (readonly [string, string])[], indent = ""): string {
  const width = Math.max(0, ...entries.map(([label]) => label.length));
  return entries.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`).join("\n");
}

/** Seconds for people: "45 s", "10 min", "2 h 5 min", "3 d 4 h". */
export function duration(seconds: number | bigint): string {
  const total = Number(seconds);
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return total % 60 === 0 ? `${minutes} min` : `${minutes} min ${total % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** A unix time as ISO 8601 UTC, with how far it is from `now` (chain time). */
export function when(unixSeconds: number | bigint, now: bigint): string {
  const at = BigInt(unixSeconds);
  const iso = new Date(Number(at) * 1000).toISOString().replace(".000Z", "Z");
  if (at === now) return `${iso} (now)`;
  return at > now ? `${iso} (in ${duration(at - now)})` : `${iso} (${duration(now - at)} ago)`;
}

/** A WAD share of the stake for people, two decimals rounded down: 5e17 → "50%", 1/3 → "33.33%". */
export function sharePercent(wad: bigint): string {
  return `${Number((wad * 10_000n) / 10n ** 18n) / 100}%`;
}
