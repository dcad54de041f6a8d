import type { ContractRevertError } from "@palisade/sdk";
import { formatUnits } from "viem";
import { sharePercent } from "../output/format.ts";
import type { FixContext } from "./fixContext.ts";

type RevertFix = (args: readonly unknown[], error: ContractRevertError, context: FixContext) => string;

const cli = "npx palisade";
const big = (value: unknown): bigint => (typeof value === "bigint" ? value : BigInt(String(value)));
/** 18-decimal amounts (gPAL, value units, LST shares) for people. */
const units = (value: unknown): string => formatUnits(big(value), 18);
const percent = (wad: unknown): string => sharePercent(big(wad));
const register = `${cli} operator register --bls-keystore <file> [--new-bls-key] --node-url <url>`;

/** The symbol the deployment gives a strategy address, or the address. */
function strategyName(strategy: unknown, context: FixContext): string {
  const entry = Object.entries(context.deployment?.strategies ?? {}).find(
    ([, value]) => value.strategy.toLowerCase() === String(strategy).toLowerCase(),
  );
  return entry?.[0] ?? String(strategy);
}

/**
 * What to do about the custom errors of the restaking core, the AVS and governance (contracts/src/
 * interfaces: IDelegationManager, IAllocationManager, IStrategy, IOperatorRegistry, IGovernanceToken,
 * IRevenueDistributor), worded for the operator and staker commands that hit them.
 */
export const coreRevertFixes: Readonly<Record<string, RevertFix>> = {
  NotOperator: ([account]) => `${account} is not an operator: register it with \`${register}\``,
  NotMemberOfSet: ([operator]) =>
    `${operator} is not in Palisade's operator set: register with \`${register}\``,
  AlreadyDelegated: ([staker, operator]) =>
    `${staker} is already delegated to ${operator}; to move, withdraw everything (\`${cli} stake withdraw --all\`), complete it after the delay (\`${cli} stake complete\`), deposit again and delegate`,
  NotDelegated: ([staker]) => `${staker} is not delegated: \`${cli} stake delegate --operator <address>\``,
  OperatorCannotUndelegate: ([operator]) =>
    `${operator} is an operator: operators stay delegated to themselves`,
  InsufficientShares: ([strategy, have], _error, context) =>
    `at most ${units(have)} ${strategyName(strategy, context)} shares can be withdrawn: pass a smaller --amount, or --all`,
  ZeroShares: () => "the amount is too small to be worth one share: withdraw or deposit more",
  WithdrawalNotCompletable: ([, completableBlock, currentBlock]) =>
    `the withdrawal completes in block ${completableBlock} (${Math.max(Number(completableBlock) - Number(currentBlock), 0)} blocks after block ${currentBlock}): run \`${cli} stake complete\` then`,
  WithdrawalNotFound: ([root]) =>
    `no queued withdrawal ${root} (already completed?): \`${cli} stake complete\` lists what is queued`,
  NotWithdrawalStaker: ([, staker]) => `sign as the withdrawal's staker ${staker}`,
  FullySlashed: ([operator, strategy], _error, context) =>
    `operator ${operator} was slashed to zero in ${strategyName(strategy, context)}: nothing delegated there can be withdrawn or added`,
  ApproverSignatureExpired: () =>
    "the approver's signature expired: ask the operator's approver for a new one",
  InvalidApproverSignature: () => "the operator's approver did not sign this delegation",
  DepositCapExceeded: ([balanceAfter, cap]) =>
    `the strategy is capped at ${units(cap)} tokens (this deposit would make ${units(balanceAfter)}): deposit less`,
  UnknownStrategy: ([strategy]) =>
    `${strategy} is not a strategy of this StrategyManager: use a symbol the deployment lists`,
  // AllocationManager (operator allocate).
  InsufficientMagnitude: ([available, requested]) =>
    `only ${percent(available)} of the stake is free to allocate (asked ${percent(requested)}): lower the share, or deallocate from other sets first`,
  ModificationAlreadyPending: ([effectBlock]) =>
    `a change of this allocation is pending until block ${effectBlock}: rerun after it (\`${cli} operator status\` shows it)`,
  SameMagnitude: () => "the allocation is already at that share",
  StrategyNotInOperatorSet: ([strategy], _error, context) =>
    `${strategyName(strategy, context)} is not one of the operator set's strategies`,
  WouldBreakEconomicSecurity: ([costOfCorruption, requiredCost]) =>
    `the set would fall below its economic security (α·U ${units(costOfCorruption)} < (1+γ)·π ${units(requiredCost)}) and the AVS enforces it on deallocation: deallocate less, or after more stake joins (\`${cli} status\`)`,
  AlreadyMemberOfSet: ([operator]) => `${operator} is already in the operator set`,
  OperatorSetDoesNotExist: ([avs, id]) =>
    `no operator set ${id} of ${avs}: check that --deployment names this chain's AVS`,
  // OperatorRegistry (through the ServiceManager's registrar hook).
  PubkeyAlreadyRegistered: ([pubkeyHash, owner]) =>
    `BLS key ${pubkeyHash} belongs to ${owner}: each operator needs its own key (\`--new-bls-key\` writes a fresh one)`,
  InvalidProofOfPossession: ([operator]) =>
    `the proof of possession does not verify for ${operator}: the keystore's key must sign for this chain, registry and operator (rerun; report it if it persists)`,
  OperatorKeyMismatch: ([operator, registered]) =>
    `${operator} registered key ${registered} before: register again with that key's keystore`,
  // GovernanceToken as the DelegationManager's withdrawal gate (decision 0006).
  InsufficientGovernanceTokens: ([staker, have, need], _error, context) => {
    const short = big(need) - big(have);
    const token = context.deployment?.governance?.governanceToken ?? "<gPAL address>";
    const rpc = context.option("rpc") ?? context.deployment?.rpcUrl ?? "<rpc>";
    return (
      `withdrawing from Palisade returns the governance tokens that stake backed: ${staker} must hold ${units(need)} gPAL and holds ${units(have)}. ` +
      `Return the missing ${units(short)} gPAL to ${staker} from the account that holds them ` +
      `(\`cast send ${token} "transfer(address,uint256)" ${staker} ${short} --rpc-url ${rpc} --private-key <holder's key>\`), then rerun; or withdraw less (the gPAL owed falls with the amount)`
    );
  },
  // The threat response's freeze (decision 0008), honoured by the DelegationManager.
  OperatorFrozen: ([operator, until], _error, context) => {
    const threatResponse = context.deployment?.governance?.threatResponse ?? "<threatResponse>";
    return (
      `operator ${operator} is frozen by the threat response until ${new Date(Number(until) * 1000).toISOString()} (a certified alert implicated it): ` +
      `withdrawals of stake delegated to it wait until then, unless governance lifts it (\`${cli} gov propose --target ${threatResponse} --signature "unfreeze(address)" --args ${operator}\`)`
    );
  },
  // RevenueDistributor (stake claim --revenue).
  AlreadyClaimed: ([epoch, account]) => `${account} already claimed epoch ${epoch}`,
  UnknownEpoch: ([epoch]) => `epoch ${epoch} is not settled yet`,
  EpochNotOver: ([nextAt]) =>
    `the next epoch can be settled from ${new Date(Number(nextAt) * 1000).toISOString()}`,
};
