import type { Address } from "viem";

/** What the AVS owner sets after deployment. */
export interface AvsSettings {
  /** Share of the registered stake a certificate must carry, in basis points (5001–10000). */
  quorumThresholdBps: number;
  /**
   * Blocks the veto committee has to veto a slash request: at least 1 and strictly below the core's
   * deallocation delay. Undefined: the ServiceManager's default, half the deallocation delay.
   */
  vetoWindowBlocks: number | undefined;
  /** May veto a pending slash request within the window. */
  vetoCommittee: Address;
  /** May file slash requests. */
  slashRequester: Address;
}

/**
 * The ServiceManager's own bounds (MIN_QUORUM_THRESHOLD_BPS, MIN_VETO_WINDOW, MAX_VETO_WINDOW),
 * checked before anything is sent so a bad value cannot fail halfway through a deployment; the
 * binding upper bound of the window is the core's deallocation delay (exclusive). A test reads them
 * from the deployed contract.
 */
export const avsBounds = {
  minQuorumThresholdBps: 5_001,
  maxQuorumThresholdBps: 10_000,
  minVetoWindowBlocks: 1,
  maxVetoWindowBlocks: 215_999,
} as const;

/**
 * The defaults of `npm run deploy -- --avs`, the ServiceManager's constructor values:
 *
 * - quorum 6667 bps (≥ 2/3 of the stake, rounded up): a certificate then needs more than the 1/3 of
 *   stake that can be offline or faulty in a BFT committee, and two conflicting batches cannot both
 *   reach it unless a third of the stake signed both, which is provable equivocation and slashed.
 * - veto window: half the deallocation delay (7 days of the mainnet-like 14): the committee gets one
 *   half to look at the evidence, executors the other half to land the slash before an operator that
 *   exits when the request is filed stops being slashable.
 */
export const avsDefaults = {
  quorumThresholdBps: 6_667,
  /** The window the constructor sets for a given deallocation delay. */
  vetoWindowBlocks: (deallocationDelayBlocks: number): number => Math.floor(deallocationDelayBlocks / 2),
} as const;
