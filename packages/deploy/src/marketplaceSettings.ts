import { parseEther } from "viem";

/** The Marketplace's governable parameters (`IMarketplace.Params`), amounts in utility-token wei. */
export interface MarketplaceParams {
  minStake: bigint;
  inFlightMultipleBps: number;
  protocolFeeBps: number;
  unstakeDelay: number;
  minReleaseDelay: number;
  maxReleaseDelay: number;
  scoreForMinDelay: bigint;
  refundGrace: number;
  maxPurchaseDuration: number;
  sessionRevocationDelay: number;
  minScoredValue: bigint;
}

/** The ReviewBoard's parameters (`IReviewBoard.Params`). */
export interface ReviewParams {
  reviewFee: bigint;
  challengeBond: bigint;
  challengeWindow: number;
  reviewPenalty: bigint;
  negativeRatingMax: number;
}

export interface MarketplaceSettings {
  /** Utility tokens minted once to the treasury (the token has no mint function). */
  supply: bigint;
  marketplace: MarketplaceParams;
  reviews: ReviewParams;
  /** Seconds the veto committee has to veto a provider slash; strictly below `unstakeDelay`. */
  slashVetoWindow: number;
}

const DAY = 86_400;

/**
 * Production-like settings (`npm run deploy -- --marketplace`):
 * - in-flight cap 1× stake: the escrow a provider holds never exceeds what can be slashed from it;
 * - 5 % protocol fee: what a wash-trading purchase burns at least, and what issue 6 splits between
 *   operators and investors;
 * - release delay 7 days at score 0 down to 1 hour at score 10,000 (about 20 loyal consumers), so a
 *   new provider's fees stay slashable for a week while reviews and challenges can land;
 * - unstake 14 days, provider-slash veto 7 days (half: the committee gets one half, executors the other);
 * - refund grace 1 day after expiry for the provider's last claim; session keys revoke after 1 hour
 *   (longer than any token lifetime a provider should accept).
 */
export const marketplaceDefaults: MarketplaceSettings = {
  supply: parseEther("1000000000"),
  marketplace: {
    minStake: parseEther("1000"),
    inFlightMultipleBps: 10_000,
    protocolFeeBps: 500,
    unstakeDelay: 14 * DAY,
    minReleaseDelay: 3_600,
    maxReleaseDelay: 7 * DAY,
    scoreForMinDelay: 10_000n,
    refundGrace: DAY,
    maxPurchaseDuration: 365 * DAY,
    sessionRevocationDelay: 3_600,
    minScoredValue: parseEther("1"),
  },
  reviews: {
    reviewFee: parseEther("5"),
    challengeBond: parseEther("50"),
    challengeWindow: 3 * DAY,
    reviewPenalty: 300n,
    negativeRatingMax: 2,
  },
  slashVetoWindow: 7 * DAY,
};

/**
 * The devnet's settings: the same economics with delays of minutes, so a walk-through (or a test
 * that moves anvil's clock) sees fees release, refunds open and slashes execute.
 */
export const marketplaceDevnetSettings: MarketplaceSettings = {
  ...marketplaceDefaults,
  marketplace: {
    ...marketplaceDefaults.marketplace,
    minStake: parseEther("100"),
    unstakeDelay: 600,
    minReleaseDelay: 60,
    maxReleaseDelay: 600,
    scoreForMinDelay: 1_000n,
    refundGrace: 60,
    maxPurchaseDuration: 30 * DAY,
    sessionRevocationDelay: 60,
    minScoredValue: parseEther("0.1"),
  },
  reviews: { ...marketplaceDefaults.reviews, challengeWindow: 600 },
  slashVetoWindow: 300,
};
