import { palisadeGovernorAbi } from "@palisade/abis";
import { ContractRevertError, castVote, getGovernanceAccount, getProposal } from "@palisade/sdk";
import { readContract } from "viem/actions";
import { z } from "zod";
import { textSchema } from "../../options.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";
import { GovernanceStepError } from "./errors.ts";
import { explainGovernorRevert } from "./explain.ts";
import {
  chainTime,
  cli,
  governanceOfContext,
  proposalOption,
  resolveProposal,
  shortId,
  tally,
  votes,
} from "./shared.ts";

export const govVote = defineCommand({
  summary: "vote for, against or abstain on an active proposal with your gPAL's weight at its snapshot",
  description:
    "Your votes are your own gPAL lots weighed at the proposal's snapshot (1× to 2× by holding time); tokens\n" +
    "received after the snapshot do not count for it. One vote per account. Quorum counts for + abstain.",
  example: 'npx palisade gov vote --account staker2 --proposal 1234 --support for --reason "cheaper calls"',
  options: {
    proposal: proposalOption,
    support: {
      type: "string",
      placeholder: "for|against|abstain",
      description: "how you vote",
      schema: z.enum(["for", "against", "abstain"], { error: "--support must be for, against or abstain" }),
      required: true,
    },
    reason: {
      type: "string",
      placeholder: "text",
      description: "published with the vote",
      schema: textSchema("--reason").optional(),
    },
  },
  async run(context, args) {
    const [wallet, client, governance] = await Promise.all([
      context.wallet(),
      context.publicClient(),
      governanceOfContext(context),
    ]);
    const proposal = await resolveProposal(context, args.proposal);
    const voter = wallet.account.address;
    const name = `proposal ${shortId(proposal.proposalId)}`;
    // A vote without weight would be recorded and could not be cast again: refuse it before sending.
    if (proposal.state === "Active") {
      const weight = await readContract(client, {
        address: governance.governor,
        abi: palisadeGovernorAbi,
        functionName: "getVotes",
        args: [voter, proposal.snapshot],
      });
      if (weight === 0n) {
        const account = await getGovernanceAccount(client, { governance, account: voter });
        throw new GovernanceStepError(
          `no voting weight: ${voter} held no gPAL at the snapshot of ${name} (${chainTime(proposal.snapshot, await context.now())})`,
          account.balance > 0n
            ? "only gPAL held before a proposal's snapshot votes on it: yours will count for the next proposals"
            : account.backedStake > 0n
              ? `run \`${cli} gov sync\` with this signer (its stake backs ${votes(account.backedStake)} gPAL): it counts for proposals made after that`
              : "restake with an operator of Palisade's set and `gov sync`: gPAL held before a proposal's snapshot votes on it",
        );
      }
    }
    let result: Awaited<ReturnType<typeof castVote>>;
    try {
      result = await castVote(wallet, {
        governance,
        proposalId: proposal.proposalId,
        support: args.support,
        ...(args.reason === undefined ? {} : { reason: args.reason }),
      });
    } catch (error) {
      if (error instanceof ContractRevertError && error.errorName === "GovernorAlreadyCastVote")
        throw new GovernanceStepError(
          `${voter} has already voted on ${name}`,
          `one vote per account: \`${cli} gov show --proposal ${shortId(proposal.proposalId)}\` shows the tally`,
          { cause: error },
        );
      throw await explainGovernorRevert(context, error, "vote", proposal);
    }
    const after = await getProposal(client, { governance, proposalId: proposal.proposalId });
    const now = await context.now();
    return {
      data: {
        proposalId: proposal.proposalId,
        voter,
        support: args.support,
        weight: result.weight,
        votes: after.votes,
        quorum: after.quorum,
        deadline: after.deadline,
        transaction: result.hash,
      },
      text: [
        `${voter} ${args.support === "abstain" ? "abstained on" : `voted ${args.support}`} ${name} with ${votes(result.weight)} votes`,
        `  tally   ${tally(after)}`,
        `  voting  closes ${chainTime(after.deadline, now)}`,
        transactionLines(
          [["castVote", result.hash]],
          `gov queue --proposal ${shortId(proposal.proposalId)}   (once voting has closed and it passed)`,
        ),
      ].join("\n"),
    };
  },
});
