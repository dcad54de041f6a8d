import type { TokenRiskField, TokenRiskFields } from "./fields.ts";

/** True makes a token malicious: it traps or robs holders, or can at the owner's will. */
export const maliciousFields: readonly TokenRiskField[] = [
  "is_honeypot",
  "cannot_sell_all",
  "owner_change_balance",
  "hidden_owner",
  "can_take_back_ownership",
  "selfdestruct",
];

/** True makes a token suspicious: holders depend on an owner's goodwill, or trading is restricted. */
export const suspiciousFields: readonly TokenRiskField[] = [
  "is_mintable",
  "transfer_pausable",
  "is_blacklisted",
  "is_whitelisted",
  "slippage_modifiable",
  "personal_slippage_modifiable",
  "trading_cooldown",
  "anti_whale_modifiable",
  "is_proxy",
  "external_call",
  "delegatecall",
  "cannot_buy",
];

/** A buy or sell tax above this is flagged (suspicious): ordinary "tax tokens" stay at or under 5 %. */
export const SUSPICIOUS_TAX = 0.05;
/** A tax at or above this is flagged malicious: half of every trade is taken. */
export const MALICIOUS_TAX = 0.5;

const taxFields = ["buy_tax", "sell_tax"] as const;

/** Every field that can be a flag: the malicious ones, the suspicious ones, then the taxes. */
export const TOKEN_RISK_FIELDS: readonly TokenRiskField[] = [
  ...maliciousFields,
  ...suspiciousFields,
  ...taxFields,
];

/**
 * The verdict policy: any malicious field true (or a tax ≥ 50 %) → "malicious"; else any suspicious
 * field true (or a tax > 5 %) → "suspicious"; else "safe". Unknown (null) fields never flag: a
 * report says what is known, and `sources` says why a field stayed unknown. `is_anti_whale` and
 * the informational fields (owner, supply, pair) never flag.
 */
export function verdictOf(fields: TokenRiskFields): {
  verdict: "safe" | "suspicious" | "malicious";
  flags: TokenRiskField[];
} {
  const highTax = taxFields.filter((field) => (fields[field] ?? 0) >= MALICIOUS_TAX);
  const someTax = taxFields.filter((field) => {
    const tax = fields[field] ?? 0;
    return tax > SUSPICIOUS_TAX && tax < MALICIOUS_TAX;
  });
  const malicious = [...maliciousFields.filter((field) => fields[field] === true), ...highTax];
  const suspicious = [...suspiciousFields.filter((field) => fields[field] === true), ...someTax];
  return {
    verdict: malicious.length > 0 ? "malicious" : suspicious.length > 0 ? "suspicious" : "safe",
    flags: [...malicious, ...suspicious].sort(),
  };
}
