import { KeystoreFileError, KeystoreFormatError, KeystorePasswordError } from "@palisade/crypto";
import type { BaseError } from "@palisade/errors";
import { AvsNotDeployedError, GovernanceNotDeployedError, UnknownStrategyError } from "@palisade/sdk";
import { formatUnits } from "viem";
import {
  AllocationPendingError,
  AlreadyDelegatedError,
  BlsKeyMismatchError,
  BlsKeystoreExistsError,
  BlsKeyTakenError,
  DelegationApprovalRequiredError,
  InsufficientStakeError,
  InsufficientTokenBalanceError,
  MagnitudeUnavailableError,
  NoQueuedWithdrawalError,
  NothingToClaimRewardsError,
  NotInOperatorSetError,
  NotOperatorError,
  UnknownOperatorError,
  WithdrawalNotReadyError,
} from "../errors.ts";
import { sharePercent } from "../output/format.ts";
import type { FixContext } from "./fixContext.ts";

const cli = "npx palisade";
const register = `${cli} operator register --bls-keystore <file> [--new-bls-key] --node-url <url>`;

/** Fixes for the operator and staker commands' errors (and the SDK and crypto errors they meet). */
export function restakingFix(error: BaseError, context: FixContext): string | undefined {
  if (error instanceof NotOperatorError)
    return `register ${error.account} as an operator and with Palisade's operator set: \`${register}\``;
  if (error instanceof NotInOperatorSetError)
    return `register with Palisade's operator set (your BLS key and node URL): \`${register}\``;
  if (error instanceof BlsKeystoreExistsError)
    return `leave out --new-bls-key to register the key it holds, or pass another --bls-keystore path`;
  if (error instanceof BlsKeyMismatchError)
    return `pass --bls-keystore the keystore of ${error.registered} (the key the AVS knows); a new key needs the operator to deregister from the set first (SDK deregisterFromOperatorSets) and register again`;
  if (error instanceof BlsKeyTakenError)
    return "each operator needs its own BLS key: pass --new-bls-key with a new --bls-keystore path to write a fresh one";
  if (error instanceof AllocationPendingError)
    return `wait ${error.blocksLeft} blocks (until block ${error.effectBlock}), then rerun; \`${cli} operator status\` shows the pending change`;
  if (error instanceof MagnitudeUnavailableError)
    return `at most ${sharePercent(error.currentWad + error.freeWad)} of the stake can go to ${error.symbol} now: pass a lower share, or deallocate from other operator sets first`;
  if (error instanceof UnknownOperatorError)
    return `delegate to a registered operator: \`${cli} status\` lists them`;
  if (error instanceof AlreadyDelegatedError)
    return `to move to ${error.wanted}: withdraw everything (\`${cli} stake withdraw --all\`), complete it after the delay (\`${cli} stake complete\`), deposit again and delegate`;
  if (error instanceof DelegationApprovalRequiredError)
    return `ask ${error.approver} for a delegation approval (SDK signDelegationApproval) and delegate with it through the SDK (delegateTo with approverSignature), or pick an operator without an approver`;
  if (error instanceof InsufficientTokenBalanceError) {
    const short = formatUnits(error.needed - error.balance, error.decimals);
    return context.devnet
      ? `get test ${error.symbol} on the devnet: \`${cli} dev mint --to ${error.account} --token ${error.symbol} --amount ${short}\``
      : `${error.account} needs ${short} ${error.symbol} more: acquire it first, or deposit less`;
  }
  if (error instanceof InsufficientStakeError)
    return error.available === 0n
      ? `deposit first: \`${cli} stake deposit --token ${error.symbol} --amount <n>\``
      : `withdraw at most ${formatUnits(error.available, error.decimals)} ${error.symbol} (--amount), or everything with --all`;
  if (error instanceof NoQueuedWithdrawalError)
    return error.root === undefined
      ? `queue one first: \`${cli} stake withdraw --token <symbol> --amount <n>\``
      : `leave out --root to complete every ready withdrawal`;
  if (error instanceof WithdrawalNotReadyError)
    return `run \`${cli} stake complete\` again in ${error.blocksLeft} blocks (from block ${error.completableBlock}${context.devnet ? `, about ${error.blocksLeft} s on the devnet` : ""})`;
  if (error instanceof NothingToClaimRewardsError)
    return `rewards accrue while your operator's allocation to a funded operator set is in force (\`${cli} operator status --operator <your operator>\`)${error.revenueChecked ? "; revenue is shared when an epoch is settled (RevenueDistributor.distribute), by gPAL held at its end" : ""}`;
  if (error instanceof AvsNotDeployedError)
    return "this deployment has no Palisade AVS: start the devnet (`npm start`) or pass --deployment a file with an `avs` section";
  if (error instanceof GovernanceNotDeployedError)
    return "this deployment has no governance section: leave out --revenue, or pass --deployment a file with one";
  if (error instanceof UnknownStrategyError)
    return `use one of the deployment's symbols: ${error.known.join(", ") || "(none)"}`;
  if (error instanceof KeystorePasswordError)
    return "set PALISADE_BLS_PASSWORD, or --bls-password-file, to the BLS keystore's password";
  if (error instanceof KeystoreFileError)
    return "pass --bls-keystore an EIP-2335 keystore readable by you only (chmod 600), or --new-bls-key to write one";
  if (error instanceof KeystoreFormatError)
    return "pass --bls-keystore an EIP-2335 (BLS) keystore, e.g. one `--new-bls-key` wrote";
  return undefined;
}
