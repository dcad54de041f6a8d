import { executeProposal } from "@palisade/sdk";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";
import { describeCalls } from "./describeCall.ts";
import { explainGovernorRevert } from "./explain.ts";
import { governanceOfContext, proposalOption, resolveProposal, shortId } from "./shared.ts";

export const govExecute = defineCommand({
  summary: "execute a queued proposal once its Timelock ETA has passed (anyone may)",
  description:
    "The Timelock makes the proposal's calls in order; if one reverts, nothing happens and the error says why.",
  example: "npx palisade gov execute --account staker2 --proposal 1234",
  options: { proposal: proposalOption },
  async run(context, args) {
    const [wallet, governance, deployment] = await Promise.all([
      context.wallet(),
      governanceOfContext(context),
      context.deployment(),
    ]);
    const proposal = await resolveProposal(context, args.proposal);
    let executed: Awaited<ReturnType<typeof executeProposal>>;
    try {
      executed = await executeProposal(wallet, { governance, proposal });
    } catch (error) {
      throw await explainGovernorRevert(context, error, "execute", proposal);
    }
    const calls = describeCalls(deployment, proposal.calls);
    return {
      data: { proposalId: proposal.proposalId, calls: proposal.calls, transaction: executed.hash },
      text: [
        `proposal ${shortId(proposal.proposalId)} executed: ${proposal.description}`,
        ...calls.map((line) => `  ${line}`),
        transactionLines([["execute", executed.hash]], `gov show --proposal ${shortId(proposal.proposalId)}`),
      ].join("\n"),
    };
  },
});
