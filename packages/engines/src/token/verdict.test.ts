import assert from "node:assert/strict";
import { test } from "node:test";
import type { TokenRiskFields } from "./fields.ts";
import { verdictOf } from "./verdict.ts";

const base: TokenRiskFields = {
  token_name: "T",
  token_symbol: "T",
  token_decimals: 18,
  total_supply: "1",
  is_open_source: null,
  is_proxy: false,
  proxy_implementation: null,
  owner_address: null,
  owner_balance: null,
  owner_percent: null,
  hidden_owner: false,
  can_take_back_ownership: false,
  owner_change_balance: false,
  is_mintable: false,
  selfdestruct: false,
  delegatecall: false,
  external_call: false,
  transfer_pausable: false,
  is_blacklisted: false,
  is_whitelisted: false,
  slippage_modifiable: false,
  personal_slippage_modifiable: false,
  trading_cooldown: false,
  is_anti_whale: true,
  anti_whale_modifiable: false,
  is_in_dex: true,
  dex_pair: null,
  dex_weth_reserve: null,
  buy_tax: 0,
  sell_tax: 0,
  cannot_buy: false,
  cannot_sell_all: false,
  is_honeypot: false,
};

test("nothing risky (an anti-whale limit alone is not): safe", () => {
  assert.deepEqual(verdictOf(base), { verdict: "safe", flags: [] });
});

test("unknown fields never flag", () => {
  assert.deepEqual(verdictOf({ ...base, is_honeypot: null, external_call: null, buy_tax: null }), {
    verdict: "safe",
    flags: [],
  });
});

test("taxes: ≤ 5 % safe, above suspicious, ≥ 50 % malicious", () => {
  assert.equal(verdictOf({ ...base, buy_tax: 0.05 }).verdict, "safe");
  assert.deepEqual(verdictOf({ ...base, buy_tax: 0.1, sell_tax: 0.1 }), {
    verdict: "suspicious",
    flags: ["buy_tax", "sell_tax"],
  });
  assert.deepEqual(verdictOf({ ...base, sell_tax: 0.5 }), { verdict: "malicious", flags: ["sell_tax"] });
});

test("a malicious field wins over suspicious ones; flags are sorted", () => {
  assert.deepEqual(verdictOf({ ...base, is_mintable: true, is_honeypot: true, external_call: true }), {
    verdict: "malicious",
    flags: ["external_call", "is_honeypot", "is_mintable"],
  });
});
