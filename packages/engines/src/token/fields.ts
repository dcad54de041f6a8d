import type { SecurityReport } from "../security/report.ts";

/**
 * The token-risk fields: GoPlus token-security names (https://docs.gopluslabs.io, "Token Security
 * API") with typed values — `true`/`false`, numbers as numbers, `null` when the engine cannot tell —
 * plus a few fields GoPlus does not have (marked "extension"). Amounts are decimal strings in the
 * token's smallest unit (they exceed 2^53). How each is derived: README.md in this folder.
 */
export type TokenRiskFields = {
  token_name: string | null;
  token_symbol: string | null;
  /** extension */
  token_decimals: number | null;
  total_supply: string | null;
  /** Always null: whether the source is published is not on the chain. */
  is_open_source: null;
  is_proxy: boolean | null;
  /** extension: the implementation the proxy points at (what the selectors were read from). */
  proxy_implementation: string | null;
  /** `owner()` (or `getOwner()`) at the block; the zero address when renounced; null when there is none. */
  owner_address: string | null;
  owner_balance: string | null;
  /** owner_balance / total_supply. */
  owner_percent: number | null;
  hidden_owner: boolean | null;
  can_take_back_ownership: boolean | null;
  owner_change_balance: boolean | null;
  is_mintable: boolean | null;
  selfdestruct: boolean | null;
  /** extension: a reachable DELEGATECALL in a contract that is not a recognised proxy. */
  delegatecall: boolean | null;
  /** A CALL, CALLCODE, DELEGATECALL or STATICCALL reachable from transfer or transferFrom. */
  external_call: boolean | null;
  transfer_pausable: boolean | null;
  is_blacklisted: boolean | null;
  is_whitelisted: boolean | null;
  slippage_modifiable: boolean | null;
  personal_slippage_modifiable: boolean | null;
  trading_cooldown: boolean | null;
  is_anti_whale: boolean | null;
  anti_whale_modifiable: boolean | null;
  is_in_dex: boolean | null;
  /** extension: the token's WETH pair on the configured factory. */
  dex_pair: string | null;
  /** extension: the pair's WETH reserve at the block. */
  dex_weth_reserve: string | null;
  /** Fraction of a buy lost to the token (0.1 = 10 %), rounded to basis points. */
  buy_tax: number | null;
  /** Fraction of a sell lost to the token, rounded to basis points. */
  sell_tax: number | null;
  cannot_buy: boolean | null;
  cannot_sell_all: boolean | null;
  is_honeypot: boolean | null;
};

export type TokenRiskField = keyof TokenRiskFields & string;

export type TokenRiskReport = SecurityReport<TokenRiskFields>;
