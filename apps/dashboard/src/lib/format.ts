/**
 * Display formatting shared by the browser and the tests: amounts in tokens, WAD fractions as
 * percentages, durations, addresses. Pure functions, no DOM.
 */

const WAD = 10n ** 18n;

/**
 * `30.0`, `3.3333`, `1,250.5`: rounded (not truncated: WAD math lands just below round figures) to
 * at most four fraction digits, at least one, with thousands separators.
 */
export function formatAmount(value: bigint, decimals = 18): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const dropped = Math.max(decimals - 4, 0);
  const scale = 10n ** BigInt(dropped);
  const rounded = (magnitude + scale / 2n) / scale;
  const unit = 10n ** BigInt(decimals - dropped);
  const whole = (rounded / unit).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = (rounded % unit)
    .toString()
    .padStart(decimals - dropped, "0")
    .replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}.${fraction || "0"}`;
}

/** An amount with its symbol: `12.5 PAL`. */
export const formatToken = (value: bigint, symbol: string, decimals = 18): string =>
  `${formatAmount(value, decimals)} ${symbol}`;

/** A WAD fraction as a percentage with one decimal, rounded: 1/3 → `33.3 %`. */
export function formatPercent(wad: bigint): string {
  const sign = wad < 0n ? "-" : "";
  const tenths = ((wad < 0n ? -wad : wad) * 1000n + WAD / 2n) / WAD;
  return `${sign}${tenths / 10n}.${tenths % 10n} %`;
}

/** Basis points as a percentage: 6667 → `66.67 %`. */
export const formatBps = (bps: number): string => `${(bps / 100).toFixed(2)} %`;

/** `0xf39F…2266`. */
export const shortAddress = (address: string): string =>
  address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;

/** `0x1234…cdef` for a 32-byte hash. */
export const shortHash = (hash: string): string =>
  hash.length > 14 ? `${hash.slice(0, 8)}…${hash.slice(-6)}` : hash;

/** `now`, `45 s`, `3 min 20 s`, `2 h 5 min`, `1 d 4 h`: a duration in seconds, two units at most. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s === 0) return "now";
  if (s < 60) return `${s} s`;
  if (s < 3_600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
  if (s < 86_400) {
    const minutes = Math.floor((s % 3_600) / 60);
    return `${Math.floor(s / 3_600)} h${minutes ? ` ${minutes} min` : ""}`;
  }
  const hours = Math.floor((s % 86_400) / 3_600);
  return `${Math.floor(s / 86_400)} d${hours ? ` ${hours} h` : ""}`;
}

/** `2026-11-21 12:00 UTC` from unix seconds. */
export const formatTime = (unixSeconds: number): string =>
  `${new Date(unixSeconds * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** A number of whole tokens (a form's input, e.g. "12.5") in base units; undefined when not a number. */
export function parseAmount(text: string, decimals = 18): bigint | undefined {
  const match = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (!match) return undefined;
  const [, whole = "0", fraction = ""] = match;
  if (fraction.length > decimals) return undefined;
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
}
