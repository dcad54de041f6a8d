import { type BaseError, ContractRevertError, GovernanceNotDeployedError } from "@palisade/sdk";
import { formatEther } from "viem";
import { GovernanceStepError, UnknownProposalError } from "../commands/gov/errors.ts";
import type { FixContext } from "./fixContext.ts";

type RevertFix = (args: readonly unknown[], error: ContractRevertError, context: FixContext) => string;

const cli = "npx palisade";
const votes = (value: unknown) => (typeof value === "bigint" ? formatEther(value) : String(value));
const proposeHelp = `\`${cli} gov propose --help\``;

/**
 * What to do about the governor's, the Timelock's and the governed contracts' access errors, by name
 * (OpenZeppelin's Governor, TimelockController, Ownable; IPalisadeGovernor). The gov commands explain
 * state errors with the proposal's timing themselves (commands/gov/explain.ts); these are the rest.
 */
export const governanceRevertFixes: Readonly<Record<string, RevertFix>> = {
  GovernorInsufficientProposerVotes: ([proposer, have, need]) =>
    `no voting weight: ${proposer} had ${votes(have)} votes a second ago and proposing needs ${votes(need)}: run \`${cli} gov sync\` (gPAL counts from the second after it arrives)`,
  GovernorAlreadyCastVote: ([voter]) =>
    `${voter} has voted on this proposal already: one vote per account (\`${cli} gov show --proposal <id>\`)`,
  GovernorNonexistentProposal: ([proposalId]) =>
    `no proposal ${proposalId} on this governor: \`${cli} gov list\` shows them`,
  GovernorUnexpectedProposalState: ([proposalId]) =>
    `proposal ${proposalId} is not in a state for this: \`${cli} gov show --proposal ${proposalId}\` says where it stands`,
  MixedDisciplinaryProposal: () =>
    "a proposal that slashes (ProviderSlashing.requestSlash, ServiceManager.requestSlash) may contain nothing else: propose the slash and the other calls separately",
  NotVetoCommittee: ([caller]) =>
    `${caller} is not the veto committee: sign as the committee (\`committee\` on the devnet)`,
  NotQueued: ([proposalId]) => `only a queued proposal can be vetoed; proposal ${proposalId} is not queued`,
  VetoWindowClosed: ([proposalId]) => `the veto window of proposal ${proposalId} closed at its ETA`,
  NotDisciplinary: ([proposalId]) =>
    `the veto committee may veto disciplinary slashing proposals only; proposal ${proposalId} is not one`,
  GovernorOnlyExecutor: () => `this setter is governance's: propose it (${proposeHelp})`,
  TimelockUnauthorizedCaller: () => `only the Timelock may call this: propose it (${proposeHelp})`,
  AccessControlUnauthorizedAccount: ([account]) =>
    `${account} has no role in the Timelock: only the governor schedules and executes (\`${cli} gov queue\`, \`gov execute\`)`,
  OwnableUnauthorizedAccount: ([account]) =>
    `${account} does not own this contract; on a governed deployment the Timelock does: change it by a proposal (${proposeHelp})`,
  DelayOutOfBounds: ([delay, min, max]) =>
    `the Timelock's delay must be within [${min}, ${max}] seconds (got ${delay})`,
  ParamOutOfBounds: ([name, value, min, max]) => `${name} must be within [${min}, ${max}] (got ${value})`,
  FutureLookup: ([timepoint, now]) =>
    `votes and supply are known for past times only (${timepoint} is not before ${now}): retry in a second`,
};

/**
 * The FIX line for governance failures, or undefined when the error is not one: an explained step
 * (the gov commands worked out what to do), an unknown proposal id, a deployment without governance
 * (for the gov commands), and the reverts above.
 */
export function governanceFix(error: BaseError, context: FixContext): string | undefined {
  if (error instanceof GovernanceStepError) return error.fix;
  if (error instanceof UnknownProposalError)
    return error.matches === 0
      ? `\`${cli} gov list\` shows the proposals with their ids`
      : `\`${cli} gov list\` shows them: give enough digits to name one`;
  if (error instanceof GovernanceNotDeployedError && context.path?.startsWith("gov "))
    return "start the devnet with `npm start` (it deploys governance), or pass --deployment a file with a governance section";
  if (error instanceof ContractRevertError && error.errorName !== undefined) {
    const fix = governanceRevertFixes[error.errorName];
    if (fix) return fix(error.args, error, context);
  }
  return undefined;
}
