import { formatUnits } from "viem";

const WAD = 10n ** 18n;

/** Value units (π, U, α·U, registry stakes) are WAD fixed-point: Σ underlying × a per-strategy weight. */
export const VALUE_DECIMALS = 18;

/**
 * `30.0`, `3.3333`: rounded to at most four fraction digits, at least one. Rounded, not truncated,
 * because WAD math lands just below round figures (α = 1/3 of 51 is 16.99…98, shown as 17.0).
 */
export function formatAmount(value: bigint, decimals: number): string {
  const dropped = Math.max(decimals - 4, 0);
  const scale = 10n ** BigInt(dropped);
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const rounded = (magnitude + scale / 2n) / scale;
  const [whole = "0", fraction = ""] = formatUnits(rounded, decimals - dropped).split(".");
  return `${negative && rounded !== 0n ? "-" : ""}${whole}.${fraction.replace(/0+$/, "") || "0"}`;
}

/** A value in value units (WAD): `formatAmount(value, 18)`. */
export function formatValue(value: bigint): string {
  return formatAmount(value, VALUE_DECIMALS);
}

/** A WAD fraction as a percentage with one decimal, rounded: 1/3 → `33.3 %`. */
export function formatPercent(wad: bigint): string {
  const sign = wad < 0n ? "-" : "";
  const tenths = ((wad < 0n ? -wad : wad) * 1000n + WAD / 2n) / WAD;
  return `${sign}${tenths / 10n}.${tenths % 10n} %`;
}

/** `      60.0 stETH`: the number right-aligned in 13 columns so decimal points line up. */
export const tokenCell = (value: bigint, decimals: number, symbol: string): string =>
  `${formatAmount(value, decimals).padStart(13)} ${symbol}`;

/** Cells padded to their width (negative: right-aligned), joined by a space, trailing blanks trimmed. */
export const row = (cells: readonly [string, number][]): string =>
  cells
    .map(([text, width]) => (width < 0 ? text.padStart(-width) : text.padEnd(width)))
    .join(" ")
    .trimEnd();
