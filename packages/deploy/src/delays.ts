/** Delays (in blocks) written into the core contracts at deployment. */
export interface CoreDelays {
  /** DelegationManager: blocks between queueing a withdrawal and completing it. */
  withdrawalDelayBlocks: number;
  /** AllocationManager: blocks before a new allocation counts as slashable security. */
  allocationDelayBlocks: number;
  /** AllocationManager: blocks a deallocated (or deregistered) magnitude stays slashable. */
  deallocationDelayBlocks: number;
}

/** 12 s Ethereum slots: 7 200 blocks a day. */
const blocksPerDay = 7_200;

/**
 * The defaults of `npm run deploy`, chosen as on Ethereum mainnet (EigenLayer's values), in
 * blocks of 12 s:
 *
 * - withdrawal 14 days (100 800): a staker who queues a withdrawal stays slashable for as long as
 *   it takes to notice a fault, raise it and slash; shorter lets an operator's stakers leave before
 *   the slash lands.
 * - deallocation 14 days (100 800), equal to the withdrawal delay: stake an operator deallocates
 *   (or takes away by deregistering) must stay slashable exactly as long as withdrawn stake does,
 *   or deallocating would be a faster exit than withdrawing.
 * - allocation 1 day (7 200): new stake counts only after AVSs, stakers and indexers have had a
 *   day to see it coming, so an allocation cannot be timed around a check or a rewards snapshot.
 *
 * On an L2 with faster blocks scale these with `--*-delay-blocks` (they are block counts, not
 * times); every delay is capped at 216 000 blocks by the contracts (`maxDelayBlocks`).
 */
export const mainnetDelays: CoreDelays = {
  withdrawalDelayBlocks: 14 * blocksPerDay,
  allocationDelayBlocks: blocksPerDay,
  deallocationDelayBlocks: 14 * blocksPerDay,
};

/**
 * The contracts' ceiling on each delay (AllocationManager.MAX_DELAY and
 * DelegationManager.MAX_WITHDRAWAL_DELAY_BLOCKS, 30 days of 12 s blocks), checked before anything
 * is sent so a too-long delay cannot fail halfway through a deployment. A test reads both from
 * the deployed contracts.
 */
export const maxDelayBlocks = 216_000;
