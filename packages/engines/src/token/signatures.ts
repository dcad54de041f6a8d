import { toFunctionSelector } from "viem";

/** The fields read from which functions a token's dispatcher answers. */
export type SelectorField =
  | "is_mintable"
  | "owner_change_balance"
  | "can_take_back_ownership"
  | "transfer_pausable"
  | "is_blacklisted"
  | "is_whitelisted"
  | "slippage_modifiable"
  | "personal_slippage_modifiable"
  | "trading_cooldown"
  | "is_anti_whale"
  | "anti_whale_modifiable";

/**
 * Known function signatures per field, gathered from common token templates (OpenZeppelin,
 * SafeMoon and its forks, the 2021–2024 "tax token" launch templates, Tether, Paxos). `actions`
 * change state and are what a privileged account calls (the hidden-owner probe calls them);
 * `views` only reveal that the mechanism exists. A field is true when the dispatcher answers any of
 * them. A function with another name is missed: selector matching is a strong signal when it hits
 * and no proof of absence when it does not.
 */
export const knownSignatures: Readonly<
  Record<SelectorField, { actions: readonly string[]; views: readonly string[] }>
> = {
  is_mintable: {
    actions: [
      "mint(address,uint256)",
      "mint(uint256)",
      "mintTo(address,uint256)",
      "mintTokens(address,uint256)",
      "mintFor(address,uint256)",
      "issue(uint256)",
      "increaseSupply(uint256)",
    ],
    views: [],
  },
  owner_change_balance: {
    actions: [
      "setBalance(address,uint256)",
      "setBalances(address[],uint256[])",
      "burn(address,uint256)",
      "adminBurn(address,uint256)",
      "destroyBlackFunds(address)",
      "wipeBlacklistedAccount(address)",
      "adminTransfer(address,address,uint256)",
      "forceTransfer(address,address,uint256)",
      "ownerTransfer(address,address,uint256)",
      "confiscate(address,uint256)",
      "rebalance(address,uint256)",
    ],
    views: [],
  },
  can_take_back_ownership: {
    actions: [
      "unlock()",
      "reclaimOwnership()",
      "recoverOwnership()",
      "takeBackOwnership()",
      "restoreOwnership()",
    ],
    views: ["geUnlockTime()", "getUnlockTime()"],
  },
  transfer_pausable: {
    actions: [
      "pause()",
      "unpause()",
      "setPaused(bool)",
      "pauseTrading()",
      "setTradingEnabled(bool)",
      "setTradingStatus(bool)",
      "toggleTrading()",
    ],
    views: ["paused()"],
  },
  is_blacklisted: {
    actions: [
      "blacklist(address)",
      "unblacklist(address)",
      "addToBlacklist(address)",
      "removeFromBlacklist(address)",
      "addBlackList(address)",
      "removeBlackList(address)",
      "setBlacklist(address,bool)",
      "setBlacklisted(address,bool)",
      "blacklistAddress(address,bool)",
      "setBots(address[])",
      "addBots(address[])",
      "blockBots(address[])",
    ],
    views: [
      "isBlacklisted(address)",
      "isBlackListed(address)",
      "blacklisted(address)",
      "isBot(address)",
      "bots(address)",
    ],
  },
  is_whitelisted: {
    actions: [
      "setWhitelisted(address,bool)",
      "setWhitelist(address,bool)",
      "setWhiteList(address,bool)",
      "whitelistAddress(address,bool)",
      "addToWhitelist(address)",
      "removeFromWhitelist(address)",
      "addWhitelist(address)",
      "whitelist(address)",
    ],
    views: ["isWhitelisted(address)", "isWhiteListed(address)", "whitelisted(address)"],
  },
  slippage_modifiable: {
    actions: [
      "setTaxFee(uint256)",
      "setTaxFeePercent(uint256)",
      "setTax(uint256)",
      "setTaxes(uint256,uint256)",
      "setFee(uint256)",
      "setFees(uint256,uint256)",
      "setFeePercent(uint256)",
      "setBuyTax(uint256)",
      "setSellTax(uint256)",
      "setBuyFee(uint256)",
      "setSellFee(uint256)",
      "updateFees(uint256,uint256)",
      "updateBuyFees(uint256,uint256,uint256)",
      "updateSellFees(uint256,uint256,uint256)",
      "setLiquidityFeePercent(uint256)",
      "setTransferFee(uint256)",
    ],
    views: [],
  },
  personal_slippage_modifiable: {
    actions: [
      "excludeFromFee(address)",
      "includeInFee(address)",
      "excludeFromFees(address,bool)",
      "setExcludedFromFee(address,bool)",
      "setFeeExempt(address,bool)",
      "setIsFeeExempt(address,bool)",
      "setCustomFee(address,uint256)",
      "setAddressTax(address,uint256)",
    ],
    views: ["isExcludedFromFee(address)"],
  },
  trading_cooldown: {
    actions: [
      "setCooldownEnabled(bool)",
      "setCooldown(uint256)",
      "setCooldownTime(uint256)",
      "setBuyCooldown(uint256)",
      "setTransferDelayEnabled(bool)",
    ],
    views: ["cooldownEnabled()", "cooldownTimerInterval()", "transferDelayEnabled()"],
  },
  is_anti_whale: {
    actions: [],
    views: [
      "maxTxAmount()",
      "_maxTxAmount()",
      "maxTransactionAmount()",
      "maxWallet()",
      "maxWalletSize()",
      "_maxWalletSize()",
      "maxWalletAmount()",
      "maxHoldingAmount()",
    ],
  },
  anti_whale_modifiable: {
    actions: [
      "setMaxTxAmount(uint256)",
      "setMaxTxPercent(uint256)",
      "setMaxTransactionAmount(uint256)",
      "setMaxWallet(uint256)",
      "setMaxWalletSize(uint256)",
      "setMaxWalletAmount(uint256)",
      "updateMaxTxnAmount(uint256)",
      "updateMaxWalletAmount(uint256)",
      "removeLimits()",
    ],
    views: [],
  },
};

/** A known signature and its selector. */
export interface KnownFunction {
  readonly signature: string;
  readonly selector: string;
  readonly field: SelectorField;
  readonly action: boolean;
}

let table: readonly KnownFunction[] | undefined;

/** Every known signature with its selector (computed once, on first use). */
export function knownFunctions(): readonly KnownFunction[] {
  if (!table) {
    const rows: KnownFunction[] = [];
    for (const [field, { actions, views }] of Object.entries(knownSignatures) as [
      SelectorField,
      { actions: readonly string[]; views: readonly string[] },
    ][]) {
      for (const signature of actions)
        rows.push({ signature, selector: toFunctionSelector(signature), field, action: true });
      for (const signature of views)
        rows.push({ signature, selector: toFunctionSelector(signature), field, action: false });
    }
    table = rows;
  }
  return table;
}

/** ERC20 transfer functions: the entries external_call follows. */
export const transferSelectors = {
  "transfer(address,uint256)": "0xa9059cbb",
  "transferFrom(address,address,uint256)": "0x23b872dd",
} as const;
