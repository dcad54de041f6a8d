import type { SecurityReport } from "../security/report.ts";

/**
 * The fields of an address-risk report. GoPlus's address-security names where one fits (GoPlus
 * answers "0"/"1" strings; here `true`/`false`, `null` when the engine cannot tell), then ours.
 *
 * A list field is `true` when a loaded list labels the address for the chain checked, `false` when
 * the loaded lists cover that category and do not list it, `null` when no loaded list covers it (the
 * committed lists say nothing about mixers, for instance). On-chain fields are read at the report's
 * block and are `null` when the node cannot answer (method missing, state pruned) — never guessed.
 * See README.md beside this file for the label → field table and the verdict policy.
 */
export type AddressRiskFields = {
  // --- GoPlus address-security fields, from the label lists ---------------------------------------
  /** Hacking and other cybercrime (lists labelled `cybercrime`). */
  cybercrime: boolean | null;
  /** Money laundering (lists labelled `money_laundering`). */
  money_laundering: boolean | null;
  /** Malicious contracts this address created: the lists carry no creator column, so always null. */
  number_of_malicious_contracts_created: number | null;
  /** Gas-token or gas-griefing abuse (lists labelled `gas_abuse`). */
  gas_abuse: boolean | null;
  /** Fraud: fake ICOs, giveaways, Ponzi schemes (label `scam`, e.g. MyEtherWallet's darklist). */
  financial_crime: boolean | null;
  /** Dark-web market payments (lists labelled `darkweb_transactions`). */
  darkweb_transactions: boolean | null;
  /** Deployed by a metamorphic (reinit) pattern: not computed, always null. */
  reinit: boolean | null;
  /** Phishing and wallet drainers (label `phishing`: Etherscan phish-hack, Forta, ScamSniffer). */
  phishing_activities: boolean | null;
  /** GoPlus's name for "the address has code": the same value as `is_contract`. */
  contract_address: boolean | null;
  /** Fake KYC (lists labelled `fake_kyc`). */
  fake_kyc: boolean | null;
  /**
   * Suspected: labelled by a list for another chain than the one checked (same key, so often the same
   * actor), or by a list labelled `blacklist_doubt`.
   */
  blacklist_doubt: boolean | null;
  /** The lists that label the address on any chain, sorted and joined by ","; "" when none. */
  data_source: string | null;
  /** Contract faking a standard interface (lists labelled `fake_standard_interface`). */
  fake_standard_interface: boolean | null;
  /** Exploits and heists: the address stole funds (labels `exploit`, `heist`). */
  stealing_attack: boolean | null;
  /** Extortion (lists labelled `blackmail_activities`). */
  blackmail_activities: boolean | null;
  /** On the US Treasury OFAC SDN list (label `sanctioned`, sources `ofac/<asset>`). */
  sanctioned: boolean | null;
  /** Illicit mining (lists labelled `malicious_mining_activities`). */
  malicious_mining_activities: boolean | null;
  /** A mixer or its user (lists labelled `mixer`). */
  mixer: boolean | null;
  /** A fake or phishing token (label `fake_token`, or a phish-hack/scam row of an explorer's token list). */
  fake_token: boolean | null;
  /** Tied to honeypot tokens (lists labelled `honeypot_related_address`). */
  honeypot_related_address: boolean | null;

  // --- Palisade: lists ----------------------------------------------------------------------------
  /** A contract used in exploits, heists or phishing (label `malicious_contract`, Forta's list). */
  malicious_contract: boolean | null;
  /** The chain the lists were matched for: the `chainId` parameter, else the node's `eth_chainId`. */
  chain_id: number;
  /** sha256 of the loaded lists' content (LabelIndex.digest): reports compare only with equal lists. */
  labels_digest: string;

  // --- Palisade: on-chain heuristics at the block -------------------------------------------------
  /** `eth_getCode` at the block is not empty (an EIP-7702 delegation designator counts). */
  is_contract: boolean | null;
  /** The code is an EIP-7702 delegation designator (`0xef0100` ‖ address): an EOA running other code. */
  is_eip7702_delegated: boolean | null;
  /** The delegate of an EIP-7702 account (lower-case); null when not delegated or unknown. */
  eip7702_delegate: string | null;
  /**
   * The first block whose state holds the current code: a binary search with `eth_getCode` over
   * blocks 0…block (at most ⌈log₂(block + 1)⌉ calls), or 2 calls that confirm the creation block a
   * node's `ots_getContractCreator` names. Null for accounts without code, EIP-7702 accounts (a
   * delegation can be cleared and set again, so the search would not be sound) and nodes without
   * the historical state.
   */
  code_first_block: number | null;
  /** `block - code_first_block`: how many blocks the code has existed at the block. */
  code_age_blocks: number | null;
  /**
   * A proxy: EIP-1167/EIP-7511 minimal-proxy bytecode, or a non-zero address in the EIP-1967
   * implementation/beacon slot, the EIP-1822 (UUPS) slot or OpenZeppelin's legacy (zos) slot.
   */
  is_proxy: boolean | null;
  /**
   * Which pattern: `eip1167`, `eip7511`, `eip1967`, `eip1967-transparent` (admin slot set, as in
   * OpenZeppelin's TransparentUpgradeableProxy), `eip1967-beacon`, `eip1822`, `oz-legacy`.
   */
  proxy_type: string | null;
  /** Where calls are delegated (lower-case); for a beacon proxy, `implementation()` of the beacon at the block. */
  proxy_implementation: string | null;
  /** The EIP-1967 (or zos) admin slot, when set. */
  proxy_admin: string | null;
  /**
   * The account whose CREATE/CREATE2 made the contract (a factory when one was used), from
   * `ots_getContractCreator`, else `trace_block` / `debug_traceBlockByNumber` over `code_first_block`;
   * null when the node offers none of them or the code was not created by a transaction.
   */
  deployer_address: string | null;
  /** The externally owned account that sent the creating transaction. */
  creation_tx_sender: string | null;
  /** The deployer or the creating transaction's sender is labelled by a loaded list (any chain). */
  deployer_flagged: boolean | null;
  /**
   * For accounts without contract code: the sender of the first value the account received, when the
   * first transaction that touched it (`ots_searchTransactionsAfter`, traced with
   * `debug_traceTransaction`) paid it and its balance was zero before; null otherwise.
   */
  first_funder: string | null;
  /** The first funder is labelled by a loaded list (any chain). */
  first_funder_flagged: boolean | null;
  /**
   * The address imitates the `counterparty` parameter: a different address with the same first and
   * last hex digits (by default at least 4 of each), the pattern of address-poisoning transfers.
   * Null without a counterparty.
   */
  address_poisoning_lookalike: boolean | null;
};

/** The field names, in the order reports list them. */
export type AddressRiskField = keyof AddressRiskFields & string;

/** What `check` answers: the shared SecurityReport shape over the fields above. */
export type AddressRiskReport = SecurityReport<AddressRiskFields>;
