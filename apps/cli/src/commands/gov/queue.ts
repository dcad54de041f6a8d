import { queueProposal } from "@palisade/sdk";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";
import { explainGovernorRevert } from "./explain.ts";
import {
  chainTime,
  cli,
  governanceOfContext,
  onDevnet,
  proposalOption,
  resolveProposal,
  shortId,
} from "./shared.ts";

export const govQueue = defineCommand({
  summary: "queue a passed proposal in the Timelock (anyone may); it is executable after the delay",
  description:
    "A proposal passes when voting has closed with more for than against and for + abstain at the quorum.\n" +
    "While a disciplinary (slashing) proposal is queued, the veto committee may veto it until its ETA.",
  example: "npx palisade gov queue --account staker2 --proposal 1234",
  options: { proposal: proposalOption },
  async run(context, args) {
    const [wallet, governance] = await Promise.all([context.wallet(), governanceOfContext(context)]);
    const proposal = await resolveProposal(context, args.proposal);
    let queued: Awaited<ReturnType<typeof queueProposal>>;
    try {
      queued = await queueProposal(wallet, { governance, proposal });
    } catch (error) {
      throw await explainGovernorRevert(context, error, "queue", proposal);
    }
    const now = await context.now();
    const wait = queued.eta > now ? queued.eta - now : 0n;
    const id = shortId(proposal.proposalId);
    return {
      data: { proposalId: proposal.proposalId, eta: queued.eta, transaction: queued.hash },
      text: [
        `proposal ${id} queued: the Timelock executes it from ${chainTime(queued.eta, now)}`,
        ...(proposal.disciplinary ? ["  the veto committee may veto it until then"] : []),
        transactionLines(
          [["queue", queued.hash]],
          (await onDevnet(context)) && wait > 0n
            ? `dev warp --seconds ${wait} && ${cli} gov execute --proposal ${id}`
            : `gov execute --proposal ${id}   (from the ETA)`,
        ),
      ].join("\n"),
    };
  },
});
