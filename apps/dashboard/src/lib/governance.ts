/**
 * Governance figures the page derives from the governor's and gPAL's views (decision 0006): the next
 * step of a proposal and the time left to it, the tally against the quorum, the weight of a holding
 * lot. Pure functions of chain values and the chain's time (the latest block's timestamp), no DOM.
 */

/** HoldingLots.RAMP: a lot weighs 1× on arrival, rising linearly to 2× after a year, then flat. */
export const RAMP_SECONDS = 365 * 86_400;

/**
 * How much one token of a lot acquired at `acquiredAt` weighs at `now` (unix seconds): 1 to 2, as
 * `GovernanceToken.currentWeight` counts it (the contract divides once over the sum; this is for display).
 */
export function lotMultiplier(acquiredAt: number, now: number): number {
  const age = Math.min(Math.max(0, now - acquiredAt), RAMP_SECONDS);
  return (RAMP_SECONDS + age) / RAMP_SECONDS;
}

/** OpenZeppelin's proposal states, as the SDK names them. */
export type ProposalStateName =
  | "Pending"
  | "Active"
  | "Canceled"
  | "Defeated"
  | "Succeeded"
  | "Queued"
  | "Expired"
  | "Executed";

export interface ProposalTiming {
  state: ProposalStateName;
  /** Unix seconds: votes are weighed at this time; voting opens the second after. */
  snapshot: bigint;
  /** Unix seconds: the last second of voting. */
  deadline: bigint;
  /** Unix seconds from which a queued proposal can be executed; 0 until queued. */
  eta: bigint;
}

export interface NextStep {
  /** What happens next, e.g. "voting opens", "executable"; undefined once the proposal is final. */
  label: string | undefined;
  /** When (unix seconds), if the step waits for a time. */
  at: number | undefined;
  /** Seconds from `now` to `at` (0 once reached). */
  secondsLeft: number | undefined;
  /** Someone must act (queue, execute) rather than wait. */
  needsAction: boolean;
}

const step = (label: string, at: number, now: number, needsAction = false): NextStep => ({
  label,
  at,
  secondsLeft: Math.max(0, at - now),
  needsAction,
});

/**
 * The proposal's next step at `now`: voting opens at snapshot + 1 (the snapshot second itself is
 * still Pending), voting closes after the deadline second, a queued proposal is executable from its
 * ETA; a succeeded one waits for someone to queue it. Final states have none.
 */
export function nextStep(proposal: ProposalTiming, now: number): NextStep {
  switch (proposal.state) {
    case "Pending":
      return step("voting opens", Number(proposal.snapshot) + 1, now);
    case "Active":
      return step("voting closes", Number(proposal.deadline) + 1, now);
    case "Succeeded":
      return { label: "to be queued (anyone may)", at: undefined, secondsLeft: undefined, needsAction: true };
    case "Queued": {
      const eta = Number(proposal.eta);
      return eta > now ? step("executable", eta, now) : step("executable now (anyone may)", eta, now, true);
    }
    default:
      return { label: undefined, at: undefined, secondsLeft: undefined, needsAction: false };
  }
}

export interface VoteTotals {
  against: bigint;
  for: bigint;
  abstain: bigint;
}

export interface Tally {
  votes: VoteTotals;
  total: bigint;
  /** for + abstain: what the quorum counts. */
  towardQuorum: bigint;
  /** 0 while the snapshot is not past (the quorum is only known then). */
  quorum: bigint;
  quorumReached: boolean;
  /** towardQuorum / quorum, capped at 1 (0 with no quorum known yet). */
  quorumFraction: number;
  /** for > against: GovernorCountingSimple's vote success. */
  majorityFor: boolean;
}

const fraction = (part: bigint, whole: bigint): number =>
  whole === 0n ? 0 : Number((part * 1_000_000n) / whole) / 1_000_000;

/** The votes against the quorum, as GovernorCountingSimple counts them (quorum: for + abstain). */
export function tally(votes: VoteTotals, quorum: bigint): Tally {
  const total = votes.for + votes.against + votes.abstain;
  const towardQuorum = votes.for + votes.abstain;
  return {
    votes,
    total,
    towardQuorum,
    quorum,
    quorumReached: quorum > 0n && towardQuorum >= quorum,
    quorumFraction: quorum === 0n ? 0 : Math.min(1, fraction(towardQuorum, quorum)),
    majorityFor: votes.for > votes.against,
  };
}

/** GovernorCountingSimple's support values: against 0, for 1, abstain 2. */
export const supportNames = ["against", "for", "abstain"] as const;
export type SupportName = (typeof supportNames)[number];

/** The name of a `VoteCast` event's support value. */
export function supportName(support: number): SupportName {
  const name = supportNames[support];
  if (name === undefined) throw new RangeError(`unknown vote support ${support}`);
  return name;
}

/** `1234567890…`: a proposal id (a uint256 hash) as the CLI's `--proposal` takes it (10 digits or more). */
export function shortProposalId(proposalId: bigint): string {
  const digits = proposalId.toString();
  return digits.length > 10 ? `${digits.slice(0, 10)}…` : digits;
}
