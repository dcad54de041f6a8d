// The operators' share of an epoch (decision 0007), re-implemented from contracts/src/economics/RevenueSplit.sol
// in bigint so it rounds exactly as the contract does. RevenueSplitAgreement.t.sol checks the same points.

export interface Params {
  baseBps: bigint;
  minBps: bigint;
  maxBps: bigint;
  enforcementBps: bigint;
  enforcementCap: bigint;
  providerBps: bigint;
  providerCap: bigint;
  revenueBps: bigint;
  revenueCap: bigint;
  revenueUnit: bigint;
  burnSlashed: boolean;
}

export const WAD = 10n ** 18n;

/** The defaults the tests and the decision use. */
export const defaultParams: Params = {
  baseBps: 3000n,
  minBps: 1500n,
  maxBps: 7000n,
  enforcementBps: 250n,
  enforcementCap: 8n,
  providerBps: 50n,
  providerCap: 40n,
  revenueBps: 100n,
  revenueCap: 20n,
  revenueUnit: 10_000n * WAD,
  burnSlashed: false,
};

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

export function operatorsBps(p: Params, revenue: bigint, providers: bigint, enforcement: bigint): bigint {
  const up =
    p.baseBps + p.enforcementBps * min(enforcement, p.enforcementCap) + p.providerBps * min(providers, p.providerCap);
  const down = p.revenueBps * min(revenue / p.revenueUnit, p.revenueCap);
  let bps = up > down ? up - down : 0n;
  if (bps < p.minBps) bps = p.minBps;
  if (bps > p.maxBps) bps = p.maxBps;
  return bps;
}

export interface Split {
  bps: bigint;
  operators: bigint;
  investors: bigint;
  burned: bigint;
}

/** One epoch's split of `revenue` and `slashed` (what reached the distributor after compensations). */
export function split(p: Params, revenue: bigint, slashed: bigint, providers: bigint, enforcement: bigint): Split {
  const bps = operatorsBps(p, revenue, providers, enforcement);
  const burned = p.burnSlashed ? slashed : 0n;
  const shared = revenue + slashed - burned;
  const operators = (shared * bps) / 10_000n;
  return { bps, operators, investors: shared - operators, burned };
}
