import { palisadeGovernorAbi } from "@palisade/abis";
import { type Address, type Hash, type Hex, keccak256, toBytes } from "viem";
import { getBlock, getContractEvents } from "viem/actions";
import type { GovernanceDeployment } from "../deployment.ts";
import { type Proposal, proposalStateName } from "../governanceTypes.ts";
import { read } from "./read.ts";
import type { ReadClient } from "./types.ts";

/** A `ProposalCreated` event: what the governor does not store (the calls and the description). */
export interface CreatedProposal {
  proposalId: bigint;
  proposer: Address;
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  description: string;
  blockNumber: bigint;
}

/** Every `ProposalCreated` of the governor since the governance deployment, oldest first. */
export async function createdProposals(
  client: ReadClient,
  governance: Pick<GovernanceDeployment, "governor" | "deployedAtBlock">,
): Promise<CreatedProposal[]> {
  const logs = await getContractEvents(client, {
    address: governance.governor,
    abi: palisadeGovernorAbi,
    eventName: "ProposalCreated",
    fromBlock: BigInt(governance.deployedAtBlock),
    toBlock: "latest",
  });
  return logs.map((log) => ({
    proposalId: log.args.proposalId as bigint,
    proposer: log.args.proposer as Address,
    targets: log.args.targets as readonly Address[],
    values: log.args.values as readonly bigint[],
    calldatas: log.args.calldatas as readonly Hex[],
    description: log.args.description as string,
    blockNumber: log.blockNumber as bigint,
  }));
}

/** The governor's view of a created proposal: state, votes, quorum, timing. */
export async function readProposal(
  client: ReadClient,
  governance: Pick<GovernanceDeployment, "governor">,
  created: CreatedProposal,
): Promise<Proposal> {
  const governor = { address: governance.governor, abi: palisadeGovernorAbi } as const;
  const args = [created.proposalId] as const;
  const [state, snapshot, deadline, eta, votes, disciplinary, block] = await Promise.all([
    read<number>(client, { ...governor, functionName: "state", args }),
    read<bigint>(client, { ...governor, functionName: "proposalSnapshot", args }),
    read<bigint>(client, { ...governor, functionName: "proposalDeadline", args }),
    read<bigint>(client, { ...governor, functionName: "proposalEta", args }),
    read<readonly [bigint, bigint, bigint]>(client, { ...governor, functionName: "proposalVotes", args }),
    read<boolean>(client, {
      ...governor,
      functionName: "isDisciplinaryProposal",
      args: [created.targets, created.calldatas],
    }),
    getBlock(client, { blockTag: "latest" }),
  ]);
  // The quorum is read at the snapshot, which the token only answers once it is in the past.
  const now = block.timestamp;
  const quorum =
    snapshot < now
      ? await read<bigint>(client, { ...governor, functionName: "quorum", args: [snapshot] })
      : 0n;
  const [against, inFavour, abstain] = votes;
  return {
    proposalId: created.proposalId,
    proposer: created.proposer,
    calls: created.targets.map((target, index) => ({
      target,
      value: created.values[index] ?? 0n,
      data: created.calldatas[index] ?? "0x",
    })),
    description: created.description,
    descriptionHash: keccak256(toBytes(created.description)) as Hash,
    snapshot,
    deadline,
    state: proposalStateName(state),
    votes: { against, for: inFavour, abstain },
    quorum,
    eta,
    disciplinary,
    createdAtBlock: created.blockNumber,
  };
}
