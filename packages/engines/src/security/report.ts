/**
 * The shape every security engine answers with (phishing, address risk, token risk, transaction
 * firewall): GoPlus-compatible field names with typed values — `true` / `false`, `null` when the
 * engine cannot tell, numbers as numbers — plus a verdict, the risky fields that are true (`flags`)
 * and, for each flag, where it came from and at which block. Deterministic: the same target, inputs
 * and block give the same report.
 */

/** A field's value: typed, `null` for "unknown" (GoPlus answers "0"/"1"/"" strings instead). */
export type FieldValue = boolean | number | string | null;

/** Where a flag came from. */
export interface FlagSource {
  /**
   * The kind and name of the evidence: `list:<name>` (e.g. `list:metamask/blocklist`,
   * `list:ofac/ETH`), `heuristic:<name>` (e.g. `heuristic:homoglyph`, `heuristic:selector-mint`),
   * `simulation:<name>` (e.g. `simulation:buy-sell`, `simulation:eth_simulateV1`).
   */
  source: string;
  /** What matched: the list entry, the brand imitated, the measured tax, the selector … */
  detail: string;
  /** The block the flag was computed at; null when it does not depend on the chain (a domain list). */
  block: number | null;
}

export interface SecurityReport<
  TFields extends Record<string, FieldValue>,
  TVerdict extends string = "safe" | "suspicious" | "malicious",
> {
  /** "name@version", e.g. "phishing@1". */
  engine: string;
  /** What was checked, normalised (lower-case address, host name …). */
  target: string;
  /** The block the chain was read at; null for engines that do not read the chain. */
  block: number | null;
  verdict: TVerdict;
  /** GoPlus-compatible fields. */
  fields: TFields;
  /** The risky fields whose value is true (or a risky number above its threshold), sorted. */
  flags: (keyof TFields & string)[];
  /** For every flag, its source. */
  sources: { [K in keyof TFields & string]?: FlagSource };
}
