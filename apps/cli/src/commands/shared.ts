import type { Hash } from "viem";

const cli = "npx palisade";

/** The closing lines of a command that sent transactions: their hashes, then an optional next step. */
export function transactionLines(
  transactions: readonly (readonly [string, Hash | undefined])[],
  next?: string,
): string {
  const lines = transactions
    .filter((entry): entry is readonly [string, Hash] => entry[1] !== undefined)
    .map(([label, hash]) => `  ${label}: ${hash}`);
  return [
    ...(lines.length > 0 ? ["transactions:", ...lines] : []),
    ...(next ? [`next: ${cli} ${next}`] : []),
  ].join("\n");
}

/** "yes" / "no". */
export function yesNo(value: boolean): string {
  return value ? "yes" : "no";
}
