/**
 * A provider's fee tranches, rebuilt from the Marketplace's events: each `UsageClaimed` queues its
 * `providerAmount` for release at `releaseAt` (the contract merges a claim into the tail tranche when
 * both release at the same second, and never lets a tranche release before the one queued before
 * it, so `releaseAt` is already non-decreasing), and `withdrawFees` pays whole released tranches from
 * the head (FIFO). So the live tranches are the claims, grouped by `releaseAt`, minus the withdrawn
 * total taken from the oldest.
 */

export interface ClaimedFee {
  providerAmount: bigint;
  /** Unix seconds. */
  releaseAt: number;
}

export interface Tranche {
  amount: bigint;
  releaseAt: number;
  /** Seconds until release at `now`; 0 once released. */
  secondsLeft: number;
  released: boolean;
}

/**
 * @param claims the provider's UsageClaimed events in chain order
 * @param withdrawn the sum of its FeesWithdrawn amounts
 * @param now the chain's time (the latest block's timestamp), unix seconds
 */
export function liveTranches(claims: readonly ClaimedFee[], withdrawn: bigint, now: number): Tranche[] {
  const grouped: { amount: bigint; releaseAt: number }[] = [];
  for (const claim of claims) {
    const tail = grouped.at(-1);
    if (tail && tail.releaseAt === claim.releaseAt) tail.amount += claim.providerAmount;
    else grouped.push({ amount: claim.providerAmount, releaseAt: claim.releaseAt });
  }
  let rest = withdrawn;
  const live: Tranche[] = [];
  for (const tranche of grouped) {
    if (rest >= tranche.amount) {
      rest -= tranche.amount;
      continue;
    }
    // A partial tranche cannot happen on-chain (withdrawals take whole tranches); if the events
    // disagree (e.g. a page that missed a log), show what is left rather than hide it.
    const amount = tranche.amount - rest;
    rest = 0n;
    const secondsLeft = Math.max(0, tranche.releaseAt - now);
    live.push({ amount, releaseAt: tranche.releaseAt, secondsLeft, released: secondsLeft === 0 });
  }
  return live;
}
