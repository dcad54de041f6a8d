import { parseEther } from "viem";

/** The governor's own parameters (`IPalisadeGovernor.Params`), seconds and basis points. */
export interface GovernorParams {
  /** Seconds from a proposal to its snapshot (voting opens the second after), [0, 14 days]. */
  votingDelay: number;
  /** Seconds of voting, [1 hour, 30 days]. */
  votingPeriod: number;
  /** for + abstain needed, in bps of 2 × the supply at the snapshot, [100, 5,000]. */
  quorumBps: number;
  /** Votes needed to propose, in bps of 2 × the supply a second ago, [0, 100]. */
  proposalThresholdBps: number;
}

/** The RevenueDistributor's coefficients (`IRevenueDistributor.Params`, bounded by `RevenueSplit.check`). */
export interface RevenueParams {
  baseBps: number;
  minBps: number;
  maxBps: number;
  enforcementBps: number;
  enforcementCap: number;
  providerBps: number;
  providerCap: number;
  revenueBps: number;
  revenueCap: number;
  /** PAL (wei) per revenue unit. */
  revenueUnit: bigint;
  /** Seconds between two distributions, [1 hour, 90 days]. */
  epochLength: number;
  burnSlashed: boolean;
}

/**
 * The ThreatResponse's policy (`IThreatResponse.Policy`, decision 0008): blocks, severity 1–4, seconds,
 * basis points; bounded on-chain (alert age [1, 7,200] blocks, pauses and the floor's duration
 * [5 min, 7 d], freezes [1 h, 30 d], floor [the ServiceManager's threshold, 10,000]).
 */
export interface ThreatResponsePolicy {
  maxAlertAge: number;
  minSeverity: number;
  pauseSeconds: number;
  servicePauseSeconds: number;
  freezeSeconds: number;
  thresholdSeconds: number;
  thresholdFloorBps: number;
}

export interface GovernanceSettings {
  governor: GovernorParams;
  /** The timelock's minimum delay, [1 hour, 30 days]. */
  timelockDelay: number;
  /** gPAL grant caps in bps of the backing: per 30-day period [0, 100], in total [0, 1,000]. */
  grantCaps: { periodCapBps: number; totalCapBps: number };
  revenue: RevenueParams;
  threatResponse: ThreatResponsePolicy;
}

const HOUR = 3_600;
const DAY = 86_400;

/**
 * Production-like settings, those of the governance fixture (contracts/test/utils/GovernanceFixture.sol)
 * and decisions 0006 and 0007: a day's notice, three days of voting, two days in the timelock
 * (1 d + 3 d + 2 d plus the provider-slash veto window stays below a 7–14 day unstake delay, so a
 * provider cannot unstake out of a disciplinary proposal); quorum 4 %, threshold 0.1 %; grants at
 * most 0.5 % per month and 5 % in all; the revenue split's defaults with weekly epochs.
 */
export const governanceDefaults: GovernanceSettings = {
  governor: { votingDelay: DAY, votingPeriod: 3 * DAY, quorumBps: 400, proposalThresholdBps: 10 },
  timelockDelay: 2 * DAY,
  grantCaps: { periodCapBps: 50, totalCapBps: 500 },
  revenue: {
    baseBps: 3_000,
    minBps: 1_500,
    maxBps: 7_000,
    enforcementBps: 250,
    enforcementCap: 8,
    providerBps: 50,
    providerCap: 40,
    revenueBps: 100,
    revenueCap: 20,
    revenueUnit: parseEther("10000"),
    epochLength: 7 * DAY,
    burnSlashed: false,
  },
  // Acts on high and critical alerts at most an hour old (300 blocks of 12 s); a pause lasts six hours
  // (governance lifts it sooner or a new alert extends it), a freeze three days (time for a
  // disciplinary proposal), a critical alert raises certification to 80 % of the stake for a day.
  threatResponse: {
    maxAlertAge: 300,
    minSeverity: 3,
    pauseSeconds: 6 * HOUR,
    servicePauseSeconds: 6 * HOUR,
    freezeSeconds: 3 * DAY,
    thresholdSeconds: DAY,
    thresholdFloorBps: 8_000,
  },
};

/**
 * The devnet's: the contracts' shortest bounds where a walk-through waits. Voting opens 30 s after a
 * proposal (time to read it, short enough to wait for), lasts the minimum hour and the timelock holds
 * the minimum hour: `palisade dev warp` moves the devnet's clock past both. Revenue epochs of an hour.
 * Unlike production, this latency (≈ 2 h) exceeds the devnet marketplace's 10-minute unstake delay.
 */
export const governanceDevnetSettings: GovernanceSettings = {
  ...governanceDefaults,
  governor: { ...governanceDefaults.governor, votingDelay: 30, votingPeriod: HOUR },
  timelockDelay: HOUR,
  revenue: { ...governanceDefaults.revenue, epochLength: HOUR },
  // Shorter actions, so a demo's pause is over by the next walk-through; the floor stays reachable by
  // three of the four seeded operators.
  threatResponse: {
    ...governanceDefaults.threatResponse,
    pauseSeconds: HOUR,
    servicePauseSeconds: HOUR,
    freezeSeconds: HOUR,
    thresholdSeconds: HOUR,
    thresholdFloorBps: 7_500,
  },
};
