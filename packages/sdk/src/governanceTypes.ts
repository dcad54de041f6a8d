import type { Address, Hash, Hex } from "viem";

/** OpenZeppelin's `IGovernor.ProposalState`, in enum order. */
export const proposalStates = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;

export type ProposalState = (typeof proposalStates)[number];

/** The state name of an on-chain enum value (throws RangeError for an unknown value). */
export function proposalStateName(index: number): ProposalState {
  const name = proposalStates[index];
  if (name === undefined) throw new RangeError(`unknown proposal state ${index}`);
  return name;
}

/**
 * The states a `GovernorUnexpectedProposalState` error expected, from its bitmap
 * (bit i set = state i allowed).
 */
export function expectedProposalStates(bitmap: Hex | bigint): ProposalState[] {
  const bits = BigInt(bitmap);
  return proposalStates.filter((_state, index) => (bits >> BigInt(index)) & 1n);
}

/** How a vote counts (`GovernorCountingSimple`): against 0, for 1, abstain 2. */
export const voteSupport = { against: 0, for: 1, abstain: 2 } as const;

export type VoteSupport = keyof typeof voteSupport;

/** One call of a proposal. */
export interface ProposalCall {
  target: Address;
  /** Wei sent with the call (0 for every Palisade setter). */
  value: bigint;
  data: Hex;
}

/** What identifies a proposal to `queue` and `execute`: its calls and its description. */
export interface ProposalContent {
  calls: readonly ProposalCall[];
  description: string;
}

/** A proposal as the governor and its `ProposalCreated` event describe it. */
export interface Proposal extends ProposalContent {
  proposalId: bigint;
  proposer: Address;
  /** keccak256 of the description. */
  descriptionHash: Hash;
  /** Unix seconds: votes are weighed at this time; voting opens the second after. */
  snapshot: bigint;
  /** Unix seconds: the last second of voting. */
  deadline: bigint;
  state: ProposalState;
  votes: { against: bigint; for: bigint; abstain: bigint };
  /** for + abstain needed, at the snapshot (0 while the snapshot is not past). */
  quorum: bigint;
  /** Unix seconds from which a queued proposal can be executed; 0 until queued. */
  eta: bigint;
  /** Whether every call is on the governor's disciplinary list (the veto committee may veto it while queued). */
  disciplinary: boolean;
  /** The block of its `ProposalCreated` event. */
  createdAtBlock: bigint;
}
