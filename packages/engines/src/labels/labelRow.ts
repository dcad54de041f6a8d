/** One row of a label list: `address,chain_id,label,source`. */
export interface LabelRow {
  /** `0x` + 40 lower-case hex digits. */
  address: `0x${string}`;
  /** EIP-155 chain id; null when the list does not say (the row then applies to every chain). */
  chainId: number | null;
  /** What the list says the address is: `sanctioned`, `phishing`, `scam`, `exploit`, `heist` … */
  label: string;
  /**
   * The lists that give this row, sorted and distinct, e.g. `["forta/1/phishing_scams", "ofac/ETH"]`
   * (the CSV joins them with `;`).
   */
  sources: readonly string[];
}

/** The CSV header every address label list starts with. */
export const LABEL_CSV_HEADER = "address,chain_id,label,source";
