/**
 * The field order of each attested security engine: bit `i` of a response's `flags` and `unknowns`
 * (decision 0005) is field `i` of its engine's array. Each array is the order in which the engine
 * builds its report's `fields` (fieldOrders.test.ts checks that on real reports): adding, removing or
 * moving a field is a new engine version, because it moves the bits a contract checks.
 */
import type { AddressRiskField } from "../addressRisk/fields.ts";
import { InvalidInputError } from "../errors.ts";
import type { PhishingFields } from "../phishing/phishingReport.ts";
import type { TokenRiskField } from "../token/fields.ts";
import type { TxFirewallField } from "../tx/txReport.ts";

export const PHISHING_FIELD_ORDER = [
  "phishing_site",
  "blocklisted",
  "allowlisted",
  "brand_own_domain",
  "homoglyph",
  "punycode_lookalike",
  "fuzzy_match",
  "subdomain_brand_abuse",
  "brand_in_domain",
  "imitated_brand",
  "registrable_domain",
  "unicode_host",
] as const satisfies readonly (keyof PhishingFields)[];

export const ADDRESS_RISK_FIELD_ORDER = [
  "cybercrime",
  "money_laundering",
  "number_of_malicious_contracts_created",
  "gas_abuse",
  "financial_crime",
  "darkweb_transactions",
  "reinit",
  "phishing_activities",
  "contract_address",
  "fake_kyc",
  "blacklist_doubt",
  "data_source",
  "fake_standard_interface",
  "stealing_attack",
  "blackmail_activities",
  "sanctioned",
  "malicious_mining_activities",
  "mixer",
  "fake_token",
  "honeypot_related_address",
  "malicious_contract",
  "chain_id",
  "labels_digest",
  "is_contract",
  "is_eip7702_delegated",
  "eip7702_delegate",
  "code_first_block",
  "code_age_blocks",
  "is_proxy",
  "proxy_type",
  "proxy_implementation",
  "proxy_admin",
  "deployer_address",
  "creation_tx_sender",
  "deployer_flagged",
  "first_funder",
  "first_funder_flagged",
  "address_poisoning_lookalike",
] as const satisfies readonly AddressRiskField[];

export const TOKEN_RISK_FIELD_ORDER = [
  "token_name",
  "token_symbol",
  "token_decimals",
  "total_supply",
  "is_open_source",
  "is_proxy",
  "proxy_implementation",
  "owner_address",
  "owner_balance",
  "owner_percent",
  "hidden_owner",
  "can_take_back_ownership",
  "owner_change_balance",
  "is_mintable",
  "selfdestruct",
  "delegatecall",
  "external_call",
  "transfer_pausable",
  "is_blacklisted",
  "is_whitelisted",
  "slippage_modifiable",
  "personal_slippage_modifiable",
  "trading_cooldown",
  "is_anti_whale",
  "anti_whale_modifiable",
  "is_in_dex",
  "dex_pair",
  "dex_weth_reserve",
  "buy_tax",
  "sell_tax",
  "cannot_buy",
  "cannot_sell_all",
  "is_honeypot",
] as const satisfies readonly TokenRiskField[];

export const TX_FIREWALL_FIELD_ORDER = [
  "chain_id",
  "simulation_backend",
  "tx_from",
  "tx_to",
  "tx_value",
  "tx_reverted",
  "revert_reason",
  "gas_used",
  "native_outflow",
  "max_outflow_percent",
  "large_outflow",
  "approval_granted",
  "unlimited_approval",
  "approval_for_all",
  "approval_to_eoa",
  "approval_to_unknown_contract",
  "permit2_approval",
  "flagged_address_interaction",
  "flagged_sender",
  "sanctioned",
  "phishing_activities",
  "stealing_attack",
  "financial_crime",
  "malicious_contract",
  "ownership_change",
  "proxy_upgrade",
  "new_implementation",
  "labels_digest",
] as const satisfies readonly TxFirewallField[];

/** The attested security engines' ids. */
export type SecurityEngineId = "phishing@1" | "address-risk@1" | "token-risk@1" | "tx-firewall@1";

/** Each attested security engine's field order, by engine id. */
export const securityFieldOrders: Readonly<Record<SecurityEngineId, readonly string[]>> = Object.freeze({
  "phishing@1": PHISHING_FIELD_ORDER,
  "address-risk@1": ADDRESS_RISK_FIELD_ORDER,
  "token-risk@1": TOKEN_RISK_FIELD_ORDER,
  "tx-firewall@1": TX_FIREWALL_FIELD_ORDER,
});

function fieldOrderOf(engineId: string): readonly string[] {
  const order = securityFieldOrders[engineId as SecurityEngineId];
  if (order === undefined)
    throw new InvalidInputError(`${JSON.stringify(engineId)} is not an attested security engine`, [
      { path: "engineId", message: `one of ${Object.keys(securityFieldOrders).join(", ")}` },
    ]);
  return order;
}

/**
 * The bit of `field` in the `flags` and `unknowns` words of `engineId`'s responses: what a contract
 * tests, `(flags >> bit) & 1`. Errors: InvalidInputError (unknown engine or field).
 *
 * @example
 * flagBit("address-risk@1", "sanctioned"); // 15
 */
export function flagBit(engineId: string, field: string): number {
  const bit = fieldOrderOf(engineId).indexOf(field);
  if (bit < 0)
    throw new InvalidInputError(`${engineId} has no field ${JSON.stringify(field)}`, [
      { path: "field", message: "not in the engine's field order" },
    ]);
  return bit;
}

/**
 * The mask of `fields` (their bits OR-ed): a contract that refuses any of them checks
 * `flags & mask == 0`. Errors: InvalidInputError (unknown engine or field).
 *
 * @example
 * flagMask("token-risk@1", ["is_honeypot", "cannot_sell_all"]); // (1n << 32n) | (1n << 31n)
 */
export function flagMask(engineId: string, fields: readonly string[]): bigint {
  let mask = 0n;
  for (const field of fields) mask |= 1n << BigInt(flagBit(engineId, field));
  return mask;
}

/**
 * The fields whose bit is set in `mask` (a response's `flags` or `unknowns`), in field order.
 * Errors: InvalidInputError (unknown engine, or a bit beyond the engine's fields).
 *
 * @example
 * fieldsOfMask("address-risk@1", decodeSecurityResponse(response).flags); // ["sanctioned"]
 */
export function fieldsOfMask(engineId: string, mask: bigint): string[] {
  const order = fieldOrderOf(engineId);
  if (mask < 0n || mask >> BigInt(order.length) !== 0n)
    throw new InvalidInputError(`mask ${mask} has bits beyond ${engineId}'s ${order.length} fields`);
  return order.filter((_, bit) => ((mask >> BigInt(bit)) & 1n) === 1n);
}
