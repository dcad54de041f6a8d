/** How many leading and trailing hex digits must agree for a look-alike (wallets show about 4–6 of each). */
export interface LookalikeThreshold {
  /** Default 4. */
  prefix?: number;
  /** Default 4. */
  suffix?: number;
}

/** How two addresses compare, digit by digit. */
export interface Lookalike {
  /** Equal leading hex digits after `0x` (case-insensitive). */
  prefix: number;
  /** Equal trailing hex digits. */
  suffix: number;
  /** Different addresses whose prefix and suffix both reach the threshold. */
  isLookalike: boolean;
}

/**
 * Compares `address` with a `counterparty` the user trusts. Address poisoning sends dust or
 * zero-value transfers from a vanity address that shares the counterparty's first and last digits, so
 * a user copying from their history picks the wrong one. A random address matches 4 + 4 given digits
 * with probability 16⁻⁸ ≈ 2.3 × 10⁻¹⁰, so a match is deliberate.
 *
 * @example
 * addressLookalike("0x1234aaaa…5678", "0x1234bbbb…5678").isLookalike; // true
 */
export function addressLookalike(
  address: string,
  counterparty: string,
  threshold: LookalikeThreshold = {},
): Lookalike {
  const a = address.toLowerCase().replace(/^0x/, "");
  const b = counterparty.toLowerCase().replace(/^0x/, "");
  const length = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < length && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const isLookalike = a !== b && prefix >= (threshold.prefix ?? 4) && suffix >= (threshold.suffix ?? 4);
  return { prefix, suffix, isLookalike };
}
