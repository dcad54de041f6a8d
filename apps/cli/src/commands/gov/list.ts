import { listProposals, type Proposal, proposalStates } from "@palisade/sdk";
import { z } from "zod";
import { table } from "../../output/format.ts";
import { defineCommand } from "../types.ts";
import { chainTime, governanceOfContext, shortId, votes } from "./shared.ts";

/** What comes next for a proposal, in one cell. */
function next(proposal: Proposal, now: bigint): string {
  switch (proposal.state) {
    case "Pending":
      return `voting opens ${chainTime(proposal.snapshot + 1n, now)}`;
    case "Active":
      return `voting closes ${chainTime(proposal.deadline, now)}`;
    case "Succeeded":
      return "passed: queue it";
    case "Queued":
      return proposal.eta > now ? `executable ${chainTime(proposal.eta, now)}` : "executable now";
    default:
      return "";
  }
}

export const govList = defineCommand({
  summary: "every proposal: state, votes for/against/abstain, what comes next",
  example: "npx palisade gov list --state active",
  options: {
    state: {
      type: "string",
      placeholder: "state",
      description: `only this state: ${proposalStates.map((state) => state.toLowerCase()).join(", ")}`,
      schema: z
        .enum(proposalStates.map((state) => state.toLowerCase()) as [string, ...string[]], {
          error: `--state must be one of ${proposalStates.map((state) => state.toLowerCase()).join(", ")}`,
        })
        .optional(),
    },
  },
  async run(context, args) {
    const [client, governance] = await Promise.all([context.publicClient(), governanceOfContext(context)]);
    const now = await context.now();
    const proposals = (await listProposals(client, { governance })).filter(
      (proposal) => args.state === undefined || proposal.state.toLowerCase() === args.state,
    );
    const rows = proposals.map((proposal) => [
      shortId(proposal.proposalId),
      proposal.state,
      votes(proposal.votes.for),
      votes(proposal.votes.against),
      votes(proposal.votes.abstain),
      next(proposal, now),
      proposal.description.length > 48 ? `${proposal.description.slice(0, 47)}…` : proposal.description,
    ]);
    return {
      data: {
        proposals: proposals.map((proposal) => ({
          proposalId: proposal.proposalId,
          proposer: proposal.proposer,
          state: proposal.state,
          description: proposal.description,
          votes: proposal.votes,
          quorum: proposal.quorum,
          snapshot: proposal.snapshot,
          deadline: proposal.deadline,
          eta: proposal.eta,
          disciplinary: proposal.disciplinary,
        })),
      },
      text:
        rows.length === 0
          ? `no proposals${args.state ? ` in state ${args.state}` : ""} (propose one: \`npx palisade gov propose --help\`)`
          : table(["proposal", "state", "for", "against", "abstain", "next", "description"], rows),
    };
  },
});
