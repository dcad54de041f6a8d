import { palisadeGovernorAbi } from "@palisade/abis";
import { getGovernanceAccount } from "@palisade/sdk";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { fields } from "../../output/format.ts";
import { defineCommand } from "../types.ts";
import { describeCalls } from "./describeCall.ts";
import {
  chainTime,
  governanceOfContext,
  proposalOption,
  resolveProposal,
  shortId,
  tally,
  votes,
} from "./shared.ts";
import { accountSchema } from "./sync.ts";

export const govShow = defineCommand({
  summary: "one proposal: calls, state, votes with weights, quorum, ETA and your voting weight on it",
  description:
    "Your weight is that of the signer (--account, --key …) or of --voter: its gPAL lots weighed at the\n" +
    "proposal's snapshot once it is past, else what they weigh now (tokens acquired later do not count).",
  example: "npx palisade gov show --proposal 1234 --account staker2",
  options: {
    proposal: proposalOption,
    voter: {
      type: "string",
      placeholder: "address|name",
      description: "whose voting weight to show (default: the signer, when one is given)",
      schema: accountSchema("--voter").optional(),
    },
  },
  async run(context, args) {
    const [client, governance, deployment] = await Promise.all([
      context.publicClient(),
      governanceOfContext(context),
      context.deployment(),
    ]);
    const proposal = await resolveProposal(context, args.proposal);
    const now = await context.now();
    const voter: Address | undefined =
      args.voter ??
      (context.globals.signer.kind === "none" ? undefined : (await context.wallet()).account.address);
    let weight: { voter: Address; votes: bigint; atSnapshot: boolean; hasVoted: boolean } | undefined;
    if (voter) {
      const governor = { address: governance.governor, abi: palisadeGovernorAbi } as const;
      const atSnapshot = proposal.snapshot < now;
      const [votesAt, hasVoted] = await Promise.all([
        atSnapshot
          ? readContract(client, { ...governor, functionName: "getVotes", args: [voter, proposal.snapshot] })
          : getGovernanceAccount(client, { governance, account: voter }).then((account) => account.weight),
        readContract(client, { ...governor, functionName: "hasVoted", args: [proposal.proposalId, voter] }),
      ]);
      weight = { voter, votes: votesAt, atSnapshot, hasVoted };
    }
    const calls = describeCalls(deployment, proposal.calls);
    const entries: [string, string][] = [
      ["proposal", proposal.proposalId.toString()],
      ["short id", shortId(proposal.proposalId)],
      ["state", proposal.state],
      ["description", proposal.description],
      ["proposer", proposal.proposer],
      ...calls.map((line, index): [string, string] => [index === 0 ? "calls" : "", line]),
      ["snapshot", chainTime(proposal.snapshot, now)],
      ["voting", `${chainTime(proposal.snapshot + 1n, now)} → ${chainTime(proposal.deadline, now)}`],
      ["votes", tally(proposal)],
      ["ETA", proposal.eta === 0n ? "not queued" : chainTime(proposal.eta, now)],
      [
        "disciplinary",
        proposal.disciplinary ? "yes: the veto committee may veto it while queued, until its ETA" : "no",
      ],
    ];
    if (weight)
      entries.push([
        "your weight",
        `${votes(weight.votes)} votes for ${weight.voter}${weight.atSnapshot ? " at the snapshot" : " now (the snapshot is ahead)"}${weight.hasVoted ? "; voted" : ""}`,
      ]);
    return {
      data: {
        proposalId: proposal.proposalId,
        state: proposal.state,
        description: proposal.description,
        proposer: proposal.proposer,
        calls: proposal.calls,
        snapshot: proposal.snapshot,
        deadline: proposal.deadline,
        votes: proposal.votes,
        quorum: proposal.quorum,
        eta: proposal.eta,
        disciplinary: proposal.disciplinary,
        voter: weight ?? null,
      },
      text: fields(entries),
    };
  },
});
