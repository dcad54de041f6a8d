import { ContractRevertError, expectedProposalStates, type Proposal, proposalStateName } from "@palisade/sdk";
import type { CommandContext } from "../types.ts";
import { GovernanceStepError } from "./errors.ts";
import { chainTime, cli, onDevnet, shortId, tally, waitFor } from "./shared.ts";

export type GovernanceStep = "propose" | "vote" | "queue" | "execute";

/**
 * Turns a governor's (or its Timelock's) refusal into what it means for this proposal now, with the
 * fix: "proposal 1234567890… is Pending until 14:02:10 UTC (in 25 s); run it again then", "the
 * timelock ETA is in 59 min: on the devnet `palisade dev warp --seconds 3540`". Other errors are
 * returned unchanged (the CLI's revert fixes word them by name).
 */
export async function explainGovernorRevert(
  context: CommandContext,
  error: unknown,
  step: GovernanceStep,
  proposal: Proposal | undefined,
): Promise<unknown> {
  if (!(error instanceof ContractRevertError) || error.errorName === undefined) return error;
  const devnet = await onDevnet(context);
  const now = await context.now();
  const options = { cause: error, details: error.shortMessage };
  const rerun = (command: string) =>
    `\`${cli} gov ${command} --proposal ${proposal ? shortId(proposal.proposalId) : "<id>"}\``;
  const name = proposal ? `proposal ${shortId(proposal.proposalId)}` : "the proposal";

  if (error.errorName === "GovernorUnexpectedProposalState" && proposal) {
    const current = proposalStateName(Number(error.args[1]));
    const expected = expectedProposalStates(error.args[2] as bigint);
    if (step === "propose")
      return new GovernanceStepError(
        `an identical proposal (the same calls and description) exists: ${name}, ${current}`,
        `\`${cli} gov show --proposal ${shortId(proposal.proposalId)}\` shows it; to propose again, change --description`,
        options,
      );
    switch (current) {
      case "Pending":
        return new GovernanceStepError(
          `${name} is Pending until ${chainTime(proposal.snapshot + 1n, now)}; run it again then`,
          waitFor(proposal.snapshot + 1n, now, devnet, "voting opens"),
          options,
        );
      case "Active":
        return new GovernanceStepError(
          `voting on ${name} is open until ${chainTime(proposal.deadline, now)}: it can be ${step === "execute" ? "queued and executed" : "queued"} once it has passed`,
          waitFor(proposal.deadline + 1n, now, devnet, `voting ends`),
          options,
        );
      case "Defeated":
        return new GovernanceStepError(
          `${name} was defeated (${tally(proposal)})`,
          "a defeated proposal stays defeated: propose it again to try once more",
          options,
        );
      case "Succeeded":
        return new GovernanceStepError(
          step === "vote"
            ? `voting on ${name} ended at ${chainTime(proposal.deadline, now)}; it passed`
            : `${name} has passed but is not queued yet`,
          `queue it: ${rerun("queue")}`,
          options,
        );
      case "Queued":
        return new GovernanceStepError(
          `${name} is already queued; the Timelock executes it from ${chainTime(proposal.eta, now)}`,
          proposal.eta > now
            ? waitFor(proposal.eta, now, devnet, `then run ${rerun("execute")}: the ETA is`)
            : `execute it: ${rerun("execute")}`,
          options,
        );
      case "Executed":
        return new GovernanceStepError(`${name} has been executed already`, "nothing is left to do", options);
      case "Canceled":
        return new GovernanceStepError(
          `${name} was canceled (by its proposer, or vetoed by the veto committee)`,
          "a canceled proposal cannot come back: propose it again",
          options,
        );
      default:
        return new GovernanceStepError(
          `${name} is ${current}; ${step} needs it ${expected.join(" or ")}`,
          `\`${cli} gov show --proposal ${shortId(proposal.proposalId)}\` shows where it stands`,
          options,
        );
    }
  }
  if (error.errorName === "TimelockUnexpectedOperationState" && proposal && step === "execute") {
    if (proposal.eta > now)
      return new GovernanceStepError(
        `the timelock ETA of ${name} is ${chainTime(proposal.eta, now)}`,
        waitFor(proposal.eta, now, devnet, `run ${rerun("execute")} again: the ETA is`),
        options,
      );
  }
  return error;
}
