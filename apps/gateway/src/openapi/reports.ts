// JSON Schemas (2020-12, as OpenAPI 3.1 uses) of the engines' reports. Written from the engines'
// field types (packages/engines/src/*/fields.ts, txReport.ts, types.ts); every field is required and
// no other is allowed, so the gateway's test that validates real answers against this document fails
// when an engine adds, drops or retypes a field without the document following.
import {
  maliciousFields as addressMaliciousFields,
  suspiciousFields as addressSuspiciousFields,
  PHISHING_RISK_FIELDS,
  TOKEN_RISK_FIELDS,
  TX_RISK_FIELDS,
  txPolicyRules,
} from "@palisade/engines";

export type JsonSchema = Record<string, unknown>;

/** Field types, short: `?` means the engine answers null when it cannot tell. */
type FieldType =
  | "boolean"
  | "boolean?"
  | "integer"
  | "integer?"
  | "number?"
  | "string"
  | "string?"
  | "decimal?"
  | "address?"
  | "null";

const DECIMAL = "^-?(0|[1-9][0-9]*)$";
const ADDRESS = "^0x[0-9a-fA-F]{40}$";

function fieldSchema(type: FieldType): JsonSchema {
  switch (type) {
    case "boolean":
      return { type: "boolean" };
    case "boolean?":
      return { type: ["boolean", "null"] };
    case "integer":
      return { type: "integer" };
    case "integer?":
      return { type: ["integer", "null"] };
    case "number?":
      return { type: ["number", "null"] };
    case "string":
      return { type: "string" };
    case "string?":
      return { type: ["string", "null"] };
    case "decimal?":
      return { type: ["string", "null"], pattern: DECIMAL, description: "decimal integer (may exceed 2^53)" };
    case "address?":
      return { type: ["string", "null"], pattern: ADDRESS, description: "a 20-byte hex address" };
    case "null":
      return { type: "null" };
  }
}

function object(properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema {
  return {
    type: "object",
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    additionalProperties: false,
  };
}

/** `FlagSource`: where a flag (or an unknown field) came from. */
export const flagSourceSchema: JsonSchema = {
  ...object({
    source: {
      type: "string",
      description: "`list:<name>`, `heuristic:<name>`, `simulation:<name>` or `policy:<rule>`",
    },
    detail: { type: "string", description: "what matched: the list entry, the brand, the measured tax …" },
    block: {
      type: ["integer", "null"],
      description: "the block it was computed at; null when chain-independent",
    },
  }),
  description: "The evidence for a flag.",
};

/**
 * A SecurityReport schema: `engine`, `target`, `block`, `verdict`, `fields`, `flags` (the risky
 * fields that are true) and `sources` (per field).
 */
function securityReport(options: {
  title: string;
  description: string;
  engine: string;
  target: JsonSchema;
  block: JsonSchema;
  verdicts: readonly string[];
  fields: Record<string, FieldType>;
  flags: readonly string[];
  /** Fields `sources` may name (default: the flags; token risk also explains unknown fields). */
  sourceFields?: readonly string[];
  extra?: Record<string, JsonSchema>;
}): JsonSchema {
  const fields = Object.fromEntries(
    Object.entries(options.fields).map(([name, type]) => [name, fieldSchema(type)]),
  );
  const sourceFields = options.sourceFields ?? options.flags;
  return {
    title: options.title,
    description: options.description,
    ...object({
      engine: { const: options.engine },
      target: options.target,
      block: options.block,
      verdict: { enum: [...options.verdicts] },
      fields: object(fields),
      flags: {
        type: "array",
        items: { enum: [...options.flags] },
        uniqueItems: true,
        description: "The risky fields that are true (or a risky number above its threshold), sorted.",
      },
      sources: {
        type: "object",
        propertyNames: { enum: [...sourceFields] },
        additionalProperties: { $ref: "#/components/schemas/FlagSource" },
        description: "For every flag, its source.",
      },
      ...options.extra,
    }),
  };
}

const SAFE_VERDICTS = ["safe", "suspicious", "malicious"] as const;

export const phishingReportSchema = securityReport({
  title: "PhishingReport",
  description:
    "phishing@1: eth-phishing-detect's lists (and the gateway's), public-suffix-aware matching, brand look-alikes. `phishing_site` is GoPlus's field: true when malicious, false when safe, null when suspicious.",
  engine: "phishing@1",
  target: { type: "string", description: "the normalised ASCII (punycode) host" },
  block: { type: "null" },
  verdicts: SAFE_VERDICTS,
  fields: {
    phishing_site: "boolean?",
    blocklisted: "boolean",
    allowlisted: "boolean",
    brand_own_domain: "boolean",
    homoglyph: "boolean",
    punycode_lookalike: "boolean",
    fuzzy_match: "boolean",
    subdomain_brand_abuse: "boolean",
    brand_in_domain: "boolean",
    imitated_brand: "string?",
    registrable_domain: "string?",
    unicode_host: "string",
  },
  flags: PHISHING_RISK_FIELDS,
});

const addressFields: Record<string, FieldType> = {
  cybercrime: "boolean?",
  money_laundering: "boolean?",
  number_of_malicious_contracts_created: "integer?",
  gas_abuse: "boolean?",
  financial_crime: "boolean?",
  darkweb_transactions: "boolean?",
  reinit: "boolean?",
  phishing_activities: "boolean?",
  contract_address: "boolean?",
  fake_kyc: "boolean?",
  blacklist_doubt: "boolean?",
  data_source: "string?",
  fake_standard_interface: "boolean?",
  stealing_attack: "boolean?",
  blackmail_activities: "boolean?",
  sanctioned: "boolean?",
  malicious_mining_activities: "boolean?",
  mixer: "boolean?",
  fake_token: "boolean?",
  honeypot_related_address: "boolean?",
  malicious_contract: "boolean?",
  chain_id: "integer",
  labels_digest: "string",
  is_contract: "boolean?",
  is_eip7702_delegated: "boolean?",
  eip7702_delegate: "address?",
  code_first_block: "integer?",
  code_age_blocks: "integer?",
  is_proxy: "boolean?",
  proxy_type: "string?",
  proxy_implementation: "address?",
  proxy_admin: "address?",
  deployer_address: "address?",
  creation_tx_sender: "address?",
  deployer_flagged: "boolean?",
  first_funder: "address?",
  first_funder_flagged: "boolean?",
  address_poisoning_lookalike: "boolean?",
};

export const addressRiskReportSchema = securityReport({
  title: "AddressRiskReport",
  description:
    "address-risk@1: labelled lists (OFAC, Forta, explorer tags, MEW, the gateway's own) and on-chain heuristics at a pinned block. A list field is true when a loaded list labels the address for the chain, false when the loaded lists cover that category and do not, null when none covers it.",
  engine: "address-risk@1",
  target: { type: "string", pattern: ADDRESS, description: "the lower-case address" },
  block: { type: "integer", description: "the block the chain was read at" },
  verdicts: SAFE_VERDICTS,
  fields: addressFields,
  flags: [...addressMaliciousFields, "number_of_malicious_contracts_created", ...addressSuspiciousFields],
});

const tokenFields: Record<string, FieldType> = {
  token_name: "string?",
  token_symbol: "string?",
  token_decimals: "integer?",
  total_supply: "decimal?",
  is_open_source: "null",
  is_proxy: "boolean?",
  proxy_implementation: "address?",
  owner_address: "address?",
  owner_balance: "decimal?",
  owner_percent: "number?",
  hidden_owner: "boolean?",
  can_take_back_ownership: "boolean?",
  owner_change_balance: "boolean?",
  is_mintable: "boolean?",
  selfdestruct: "boolean?",
  delegatecall: "boolean?",
  external_call: "boolean?",
  transfer_pausable: "boolean?",
  is_blacklisted: "boolean?",
  is_whitelisted: "boolean?",
  slippage_modifiable: "boolean?",
  personal_slippage_modifiable: "boolean?",
  trading_cooldown: "boolean?",
  is_anti_whale: "boolean?",
  anti_whale_modifiable: "boolean?",
  is_in_dex: "boolean?",
  dex_pair: "address?",
  dex_weth_reserve: "decimal?",
  buy_tax: "number?",
  sell_tax: "number?",
  cannot_buy: "boolean?",
  cannot_sell_all: "boolean?",
  is_honeypot: "boolean?",
};

export const tokenRiskReportSchema = securityReport({
  title: "TokenRiskReport",
  description:
    "token-risk@1: privileges from the bytecode, owner and proxy reads, and a buy-then-sell simulation through the token's WETH pair on the gateway's DEX (without a DEX the simulation fields are null and `sources` says why). Taxes are fractions (0.1 = 10 %).",
  engine: "token-risk@1",
  target: { type: "string", pattern: ADDRESS, description: "the lower-case token address" },
  block: { type: "integer", description: "the block the chain was read at" },
  verdicts: SAFE_VERDICTS,
  fields: tokenFields,
  flags: TOKEN_RISK_FIELDS,
  // Token risk also keeps the source of every field it left null (why it is unknown).
  sourceFields: Object.keys(tokenFields),
});

const txFields: Record<string, FieldType> = {
  chain_id: "integer",
  simulation_backend: "string",
  tx_from: "string",
  tx_to: "address?",
  tx_value: "string",
  tx_reverted: "boolean",
  revert_reason: "string?",
  gas_used: "integer?",
  native_outflow: "string",
  max_outflow_percent: "number?",
  large_outflow: "boolean",
  approval_granted: "boolean",
  unlimited_approval: "boolean",
  approval_for_all: "boolean",
  approval_to_eoa: "boolean",
  approval_to_unknown_contract: "boolean",
  permit2_approval: "boolean",
  flagged_address_interaction: "boolean?",
  flagged_sender: "boolean?",
  sanctioned: "boolean?",
  phishing_activities: "boolean?",
  stealing_attack: "boolean?",
  financial_crime: "boolean?",
  malicious_contract: "boolean?",
  ownership_change: "boolean",
  proxy_upgrade: "boolean",
  new_implementation: "address?",
  labels_digest: "string?",
};

const address: JsonSchema = { type: "string", pattern: ADDRESS };
const nullableAddress: JsonSchema = { type: ["string", "null"], pattern: ADDRESS };
const decimal: JsonSchema = { type: "string", pattern: DECIMAL };
const nullableDecimal: JsonSchema = { type: ["string", "null"], pattern: DECIMAL };
const asset = {
  kind: { enum: ["native", "erc20", "erc721", "erc1155"] },
  token: nullableAddress,
  tokenId: nullableDecimal,
};
const array = (items: JsonSchema): JsonSchema => ({ type: "array", items });

/** TxChanges: the simulation's facts (packages/engines/src/tx/types.ts). */
const txChangesSchema: JsonSchema = {
  ...object({
    chainId: { type: "integer" },
    block: { type: "integer" },
    backend: { enum: ["debug_traceCall", "eth_simulateV1"] },
    coverage: object({ callFrames: { type: "boolean" }, storageWrites: { type: "boolean" } }),
    tx: object({
      from: address,
      to: nullableAddress,
      value: decimal,
      data: { type: "string", pattern: "^0x([0-9a-f]{2})*$" },
      gas: nullableDecimal,
    }),
    status: { enum: ["success", "reverted", "invalid"] },
    failure: {
      oneOf: [
        { type: "null" },
        object({
          kind: { enum: ["revert", "invalid"] },
          reason: { type: "string" },
          data: { type: ["string", "null"] },
        }),
      ],
    },
    gasUsed: { type: ["integer", "null"] },
    transfers: array(object({ ...asset, from: address, to: address, amount: decimal })),
    assetChanges: array(object({ ...asset, address, in: decimal, out: decimal, net: decimal })),
    outflows: array(
      object({
        ...asset,
        amount: decimal,
        balanceBefore: nullableDecimal,
        percent: { type: ["number", "null"] },
      }),
    ),
    approvals: array(
      object({
        kind: { enum: ["erc20", "erc721", "approval-for-all", "permit2"] },
        contract: address,
        token: address,
        owner: address,
        spender: address,
        amount: nullableDecimal,
        tokenId: nullableDecimal,
        granted: { type: "boolean" },
        unlimited: { type: "boolean" },
        expiration: { type: ["integer", "null"] },
        spenderKind: { enum: ["eoa", "eip7702", "contract", null] },
      }),
    ),
    ownershipChanges: array(
      object({
        contract: address,
        kind: { enum: ["transferred", "transfer-started"] },
        previousOwner: address,
        newOwner: address,
      }),
    ),
    proxyChanges: array(
      object({
        proxy: address,
        kind: { enum: ["implementation", "admin", "beacon"] },
        previous: nullableAddress,
        current: address,
        evidence: array({ enum: ["event", "storage"] }),
      }),
    ),
    flagged: array(
      object({
        address,
        roles: array({ enum: ["sender", "call", "recipient", "spender", "new-owner", "implementation"] }),
        labels: array(object({ label: { type: "string" }, sources: array({ type: "string" }) })),
      }),
    ),
    listsChecked: { type: "boolean" },
    labelsDigest: { type: ["string", "null"] },
  }),
  description: "The simulation's facts: re-judging them under another policy reproduces a verdict.",
};

export const txFirewallReportSchema = securityReport({
  title: "TxFirewallReport",
  description:
    "tx-firewall@1: the transaction simulated at a pinned block (debug_traceCall, else eth_simulateV1); asset changes, approvals, flagged counterparties, ownership and proxy changes, reverts; verdict by the gateway's policy (the default policy).",
  engine: "tx-firewall@1",
  target: {
    type: "string",
    pattern: "^0x[0-9a-f]{64}$",
    description: "sha256 of abi.encode(from, to, value, data, gas): the same transaction, the same target",
  },
  block: { type: "integer", description: "the block whose resulting state the transaction ran on" },
  verdicts: ["allow", "warn", "block"],
  fields: txFields,
  flags: TX_RISK_FIELDS,
  extra: {
    rules: array(
      object({
        rule: { enum: [...txPolicyRules] },
        action: { enum: ["warn", "block"] },
        source: { type: "string" },
        detail: { type: "string" },
      }),
    ),
    changes: txChangesSchema,
  },
});
