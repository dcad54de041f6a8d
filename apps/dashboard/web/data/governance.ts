import { governanceTokenAbi, palisadeGovernorAbi, revenueDistributorAbi, timelockAbi } from "@palisade/abis";
import type { Abi, Address, Hex } from "viem";
import { readContract } from "viem/actions";
import { type SupportName, supportName } from "../../src/lib/governance.ts";
import type { EventLog, EventQuery } from "../chain/events.ts";
import {
  type CreatedProposal,
  type GetGovernanceAccountReturnType,
  type GetInvestorRevenueReturnType,
  type GovernanceDeployment,
  getGovernanceAccount,
  getInvestorRevenue,
  type Proposal,
  readProposal,
} from "../chain/sdk.ts";
import type { AppContextValue } from "../context.tsx";

export const governanceOf = (app: AppContextValue): GovernanceDeployment | undefined =>
  app.config.deployment.governance;

/** A governor or gPAL event since the governance deployment (undefined without governance). */
export function governanceEvent(
  app: AppContextValue,
  contract: "governor" | "governanceToken",
  eventName: string,
  args?: Record<string, unknown>,
): EventQuery | undefined {
  const governance = governanceOf(app);
  if (!governance) return undefined;
  return {
    address: governance[contract],
    abi: (contract === "governor" ? palisadeGovernorAbi : governanceTokenAbi) as Abi,
    eventName,
    ...(args ? { args } : {}),
    fromBlock: BigInt(governance.deployedAtBlock),
  };
}

/** A `ProposalCreated` log as the SDK's readProposal takes it (the calls and description live only there). */
export function createdProposal(log: EventLog): CreatedProposal {
  return {
    proposalId: log.args.proposalId as bigint,
    proposer: log.args.proposer as Address,
    targets: log.args.targets as readonly Address[],
    values: log.args.values as readonly bigint[],
    calldatas: log.args.calldatas as readonly Hex[],
    description: log.args.description as string,
    blockNumber: log.blockNumber,
  };
}

export interface CastVote {
  proposalId: bigint;
  voter: Address;
  support: SupportName;
  weight: bigint;
  reason: string;
  blockNumber: bigint;
  transactionHash: Hex;
}

/** `VoteCast` and `VoteCastWithParams` logs, newest first. */
export function castVotes(logs: readonly EventLog[]): CastVote[] {
  return logs
    .map((log) => ({
      proposalId: log.args.proposalId as bigint,
      voter: log.args.voter as Address,
      support: supportName(Number(log.args.support)),
      weight: log.args.weight as bigint,
      reason: (log.args.reason as string | undefined) ?? "",
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
      logIndex: log.logIndex,
    }))
    .sort((a, b) =>
      a.blockNumber === b.blockNumber ? b.logIndex - a.logIndex : a.blockNumber < b.blockNumber ? 1 : -1,
    )
    .map(({ logIndex: _, ...vote }) => vote);
}

export interface GovernanceOverview {
  totalSupply: bigint;
  /** Σ backed stake recognised at the holders' last syncs, outstanding debt, granted tokens. */
  totalBacking: bigint;
  totalDebt: bigint;
  totalGranted: bigint;
  votingDelay: number;
  votingPeriod: number;
  quorumBps: number;
  proposalThresholdBps: number;
  /** Votes needed to propose now (of the max total weight a second ago). */
  proposalThreshold: bigint;
  /** The Timelock's delay, seconds. */
  timelockDelay: number;
  vetoCommittee: Address;
  revenue: {
    /** Epochs settled so far: the open epoch is number `epochCount`. */
    epochCount: number;
    /** Unix seconds from which `distribute()` may close the open epoch. */
    nextDistributionAt: number;
    epochLength: number;
  };
}

/** gPAL's supply, the governor's parameters, the Timelock's delay and the revenue distributor's epoch. */
export async function loadOverview(app: AppContextValue): Promise<GovernanceOverview | undefined> {
  const governance = governanceOf(app);
  if (!governance) return undefined;
  const { client } = app;
  const token = { address: governance.governanceToken, abi: governanceTokenAbi } as const;
  const governor = { address: governance.governor, abi: palisadeGovernorAbi } as const;
  const distributor = { address: governance.revenueDistributor, abi: revenueDistributorAbi } as const;
  const [
    totalSupply,
    totalBacking,
    totalDebt,
    totalGranted,
    params,
    proposalThreshold,
    timelockDelay,
    vetoCommittee,
    epochCount,
    lastDistributionAt,
    distributorParams,
  ] = await Promise.all([
    readContract(client, { ...token, functionName: "totalSupply" }),
    readContract(client, { ...token, functionName: "totalBacking" }),
    readContract(client, { ...token, functionName: "totalDebt" }),
    readContract(client, { ...token, functionName: "totalGranted" }),
    readContract(client, { ...governor, functionName: "params" }),
    readContract(client, { ...governor, functionName: "proposalThreshold" }),
    readContract(client, { address: governance.timelock, abi: timelockAbi, functionName: "getMinDelay" }),
    readContract(client, { ...governor, functionName: "vetoCommittee" }),
    readContract(client, { ...distributor, functionName: "epochCount" }),
    readContract(client, { ...distributor, functionName: "lastDistributionAt" }),
    readContract(client, { ...distributor, functionName: "params" }),
  ]);
  return {
    totalSupply,
    totalBacking,
    totalDebt,
    totalGranted,
    votingDelay: Number(params.votingDelay),
    votingPeriod: Number(params.votingPeriod),
    quorumBps: Number(params.quorumBps),
    proposalThresholdBps: Number(params.proposalThresholdBps),
    proposalThreshold,
    timelockDelay: Number(timelockDelay),
    vetoCommittee,
    revenue: {
      epochCount: Number(epochCount),
      nextDistributionAt: Number(lastDistributionAt) + Number(distributorParams.epochLength),
      epochLength: Number(distributorParams.epochLength),
    },
  };
}

/** The governor's view of each proposal (state, votes, quorum, timing), through the SDK's readProposal. */
export async function loadProposals(
  app: AppContextValue,
  created: readonly CreatedProposal[],
): Promise<Proposal[]> {
  const governance = governanceOf(app);
  if (!governance) return [];
  return Promise.all(created.map((entry) => readProposal(app.client, governance, entry)));
}

export interface Holder {
  address: Address;
  balance: bigint;
  /** Votes its lots weigh now. */
  weight: bigint;
}

/** Balance and weight now of each address gPAL was ever sent to, heaviest first, without empty ones. */
export async function loadHolders(app: AppContextValue, addresses: readonly Address[]): Promise<Holder[]> {
  const governance = governanceOf(app);
  if (!governance) return [];
  const token = { address: governance.governanceToken, abi: governanceTokenAbi } as const;
  const rows = await Promise.all(
    addresses.map(async (address) => {
      const [balance, weight] = await Promise.all([
        readContract(app.client, { ...token, functionName: "balanceOf", args: [address] }),
        readContract(app.client, { ...token, functionName: "currentWeight", args: [address] }),
      ]);
      return { address, balance, weight };
    }),
  );
  return rows
    .filter((row) => row.balance > 0n)
    .sort((a, b) => (a.weight === b.weight ? 0 : a.weight < b.weight ? 1 : -1));
}

export interface HolderDetail {
  account: GetGovernanceAccountReturnType;
  revenue: GetInvestorRevenueReturnType;
}

/** One account's gPAL (balance, weight, lots, backing, debt) and its unclaimed investor revenue. */
export async function loadHolderDetail(
  app: AppContextValue,
  account: Address,
): Promise<HolderDetail | undefined> {
  const governance = governanceOf(app);
  if (!governance) return undefined;
  const [detail, revenue] = await Promise.all([
    getGovernanceAccount(app.client, { governance, account }),
    getInvestorRevenue(app.client, { governance, investor: account }),
  ]);
  return { account: detail, revenue };
}

export interface Ballot {
  /** The voter's votes at the proposal's snapshot (0 until the snapshot is past). */
  weight: bigint;
  hasVoted: boolean;
}

/** What `voter` can cast on a proposal: its weight at the snapshot, and whether it already voted. */
export async function loadBallot(
  app: AppContextValue,
  proposal: Pick<Proposal, "proposalId" | "snapshot">,
  voter: Address,
  now: number,
): Promise<Ballot | undefined> {
  const governance = governanceOf(app);
  if (!governance) return undefined;
  const governor = { address: governance.governor, abi: palisadeGovernorAbi } as const;
  const [weight, hasVoted] = await Promise.all([
    // The token answers only for a time strictly in the past.
    proposal.snapshot < BigInt(now)
      ? readContract(app.client, { ...governor, functionName: "getVotes", args: [voter, proposal.snapshot] })
      : Promise.resolve(0n),
    readContract(app.client, { ...governor, functionName: "hasVoted", args: [proposal.proposalId, voter] }),
  ]);
  return { weight, hasVoted };
}
