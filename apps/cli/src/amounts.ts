import { formatEther, formatUnits, parseEther, parseUnits } from "viem";

/** The utility token has 18 decimals; amounts on the command line are whole PAL ("0.01", "1000"). */
const DECIMALS = 18;
/** Stakes, fees and prices are uint96 on-chain. */
export const MAX_UINT96 = 2n ** 96n - 1n;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a PAL amount typed by a person ("0.01", "1000", "1.5") into token base units. Returns a
 * reason instead of throwing so the caller words the error with the option's name.
 */
export function parsePal(text: string, unit = "PAL"): { value: bigint } | { problem: string } {
  const match = DECIMAL.exec(text.trim());
  if (!match) return { problem: `"${text}" is not an amount of ${unit} (e.g. 0.01 or 1000)` };
  const fraction = match[2] ?? "";
  if (fraction.length > DECIMALS) return { problem: `"${text}" has more than ${DECIMALS} decimals` };
  const value = parseEther(text.trim());
  if (value > MAX_UINT96)
    return { problem: `"${text}" ${unit} is more than the contracts can hold (2^96 − 1 units)` };
  return { value };
}

/** Token base units as PAL for people: "1.5 PAL", "0 PAL", "0.000000000000000001 PAL". */
export function formatPal(value: bigint): string {
  return `${formatEther(value)} PAL`;
}

/** ETH for people, to four decimals: "9999.9529 ETH". */
export function formatEth(value: bigint): string {
  // Rounded down to 0.0001 ETH (10^14 wei): balances to read, never amounts to type back.
  const rounded = (value / 10n ** 14n) * 10n ** 14n;
  return `${formatEther(rounded)} ETH`;
}

/**
 * Parses an amount of a token with `decimals` decimals typed by a person ("10", "0.25") into base
 * units; a reason instead of a throw, as parsePal.
 */
export function parseTokenAmount(
  text: string,
  decimals: number,
  unit: string,
): { value: bigint } | { problem: string } {
  const match = DECIMAL.exec(text.trim());
  if (!match) return { problem: `"${text}" is not an amount of ${unit} (e.g. 10 or 0.5)` };
  if ((match[2] ?? "").length > decimals)
    return { problem: `"${text}" has more than the ${decimals} decimals ${unit} has` };
  return { value: parseUnits(text.trim(), decimals) };
}

/** Base units of a token for people, exactly: "10.5 stETH". */
export function formatToken(value: bigint, decimals: number, symbol: string): string {
  return `${formatUnits(value, decimals)} ${symbol}`;
}
