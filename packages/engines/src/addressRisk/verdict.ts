import type { AddressRiskField, AddressRiskFields } from "./fields.ts";

/** Fields that make an address malicious when true: listed for this chain as a bad actor, or poisoning. */
export const maliciousFields: readonly AddressRiskField[] = [
  "sanctioned",
  "phishing_activities",
  "stealing_attack",
  "cybercrime",
  "financial_crime",
  "money_laundering",
  "darkweb_transactions",
  "fake_kyc",
  "blackmail_activities",
  "malicious_mining_activities",
  "fake_token",
  "honeypot_related_address",
  "malicious_contract",
  "address_poisoning_lookalike",
];

/**
 * Fields that make an address suspicious when true: ties to flagged parties, a label on another
 * chain, mixing, or weaker list categories — evidence worth a warning, not a block.
 */
export const suspiciousFields: readonly AddressRiskField[] = [
  "blacklist_doubt",
  "mixer",
  "gas_abuse",
  "fake_standard_interface",
  "reinit",
  "deployer_flagged",
  "first_funder_flagged",
];

/** Is a field's value risky? true booleans; `number_of_malicious_contracts_created` above 0. */
function isRisky(fields: AddressRiskFields, field: AddressRiskField): boolean {
  const value = fields[field];
  return (
    value === true ||
    (typeof value === "number" && field === "number_of_malicious_contracts_created" && value > 0)
  );
}

/** The risky fields that are set (sorted) and the verdict they give. */
export function verdictOf(fields: AddressRiskFields): {
  verdict: "safe" | "suspicious" | "malicious";
  flags: AddressRiskField[];
} {
  const malicious = [...maliciousFields, "number_of_malicious_contracts_created" as const].filter((field) =>
    isRisky(fields, field),
  );
  const suspicious = suspiciousFields.filter((field) => isRisky(fields, field));
  const flags = [...malicious, ...suspicious].sort();
  return {
    verdict: malicious.length > 0 ? "malicious" : suspicious.length > 0 ? "suspicious" : "safe",
    flags,
  };
}
