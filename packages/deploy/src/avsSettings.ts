import type { Address } from "viem";

/** What the AVS owner sets after deployment. */
export interface AvsSettings {
  /** Share of the registered stake a certificate must carry, in basis points (5001–10000). */
  quorumThresholdBps: number;
  /** Seconds the veto committee has to veto a slash request (1–30 days). */
  vetoWindowSeconds: number;
  /** May veto a pending slash request within the window. */
  vetoCommittee: Address;
  /** May file slash requests. */
  slashRequester: Address;
}

/**
 * The ServiceManager's own bounds (MIN_QUORUM_THRESHOLD_BPS, MIN_VETO_WINDOW, MAX_VETO_WINDOW),
 * checked before anything is sent so a bad value cannot fail halfway through a deployment. A test
 * reads them from the deployed contract.
 */
export const avsBounds = {
  minQuorumThresholdBps: 5_001,
  maxQuorumThresholdBps: 10_000,
  minVetoWindowSeconds: 86_400,
  maxVetoWindowSeconds: 30 * 86_400,
} as const;

/**
 * The defaults of `npm run deploy -- --avs`, the ServiceManager's constructor values:
 *
 * - quorum 6667 bps (≥ 2/3 of the stake, rounded up): a certificate then needs more than the 1/3 of
 *   stake that can be offline or faulty in a BFT committee, and two conflicting batches can never
 *   both reach it (each would need 2/3; together they'd exceed the whole stake by 1/3, which must
 *   have equivocated and is slashable).
 * - veto window 3 days: the committee gets a working week's margin to look at evidence, well inside
 *   the 14-day deallocation and withdrawal delays, so a vetted slash still lands before the stake
 *   can leave.
 */
export const avsDefaults = {
  quorumThresholdBps: 6_667,
  vetoWindowSeconds: 3 * 86_400,
} as const;
