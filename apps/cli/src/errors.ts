import { BaseError } from "@palisade/errors";
import { type Address, formatUnits, type Hex } from "viem";
import { sharePercent } from "./output/format.ts";

/** The command line is wrong (unknown command or option, bad value): exit code 2. */
export class UsageError extends BaseError {
  override name = "UsageError";
  constructor(
    message: string,
    /** The command whose --help explains it ("provider register"), or undefined for the root. */
    readonly commandPath: string | undefined,
    options: { details?: string } = {},
  ) {
    super(message, options);
  }
}

/** A write command ran without a signer. */
export class SignerRequiredError extends BaseError {
  override name = "SignerRequiredError";
  constructor() {
    super("this command sends a transaction or signs: it needs a signer", {
      details: "none of --key, --keystore, --account or PALISADE_KEY was given",
    });
  }
}

/** `--account` (a devnet's public test key) or `dev` commands used on a chain that is not a devnet. */
export class DevnetOnlyError extends BaseError {
  override name = "DevnetOnlyError";
  constructor(
    readonly what: string,
    readonly chainId: number,
  ) {
    super(`${what} works on the devnet (chain id 31337) only; this chain's id is ${chainId}`);
  }
}

/** The RPC serves another chain than the deployment file was written for. */
export class ChainMismatchError extends BaseError {
  override name = "ChainMismatchError";
  constructor(
    readonly rpcUrl: string,
    readonly rpcChainId: number,
    readonly deploymentChainId: number,
  ) {
    super(`${rpcUrl} serves chain ${rpcChainId}, the deployment file is for chain ${deploymentChainId}`);
  }
}

/** The V3 keystore file is missing, not JSON, or not a keystore this CLI can decrypt. */
export class KeystoreV3Error extends BaseError {
  override name = "KeystoreV3Error";
  constructor(
    readonly path: string,
    problem: string,
    options: { details?: string; cause?: unknown } = {},
  ) {
    super(`keystore ${path}: ${problem}`, options);
  }
}

/** The password does not open the V3 keystore (its MAC does not match). */
export class KeystoreV3PasswordError extends BaseError {
  override name = "KeystoreV3PasswordError";
  constructor(readonly path: string) {
    super(`keystore ${path}: wrong password (PALISADE_KEYSTORE_PASSWORD)`);
  }
}

/** The nonce state file exists but is not what this CLI writes. */
export class NonceStateError extends BaseError {
  override name = "NonceStateError";
  constructor(
    readonly path: string,
    problem: string,
    options: { details?: string; cause?: unknown } = {},
  ) {
    super(`nonce state ${path}: ${problem}`, options);
  }
}

/** Every call of a purchase has been used (or the next nonce would be above its calls). */
export class CallsExhaustedError extends BaseError {
  override name = "CallsExhaustedError";
  constructor(
    readonly purchaseId: bigint,
    readonly serviceId: number,
    readonly calls: number,
    readonly nonce: bigint,
  ) {
    super(`purchase ${purchaseId} has ${calls} calls; call ${nonce} is beyond them`);
  }
}

/** The provider kept answering token_replayed: every nonce tried had been served already. */
export class NonceRetriesExhaustedError extends BaseError {
  override name = "NonceRetriesExhaustedError";
  constructor(
    readonly purchaseId: bigint,
    readonly first: bigint,
    readonly last: bigint,
  ) {
    super(`the provider refused nonces ${first}…${last} of purchase ${purchaseId} as already used`);
  }
}

/** The signer is neither the purchase's consumer nor a session key it authorised until the token's expiry. */
export class NotAuthorizedSignerError extends BaseError {
  override name = "NotAuthorizedSignerError";
  constructor(
    readonly signer: Address,
    readonly consumer: Address,
    readonly validUntil: number,
    readonly expiry: bigint,
  ) {
    super(
      validUntil === 0
        ? `${signer} is not the purchase's consumer (${consumer}) nor a session key of it`
        : `session key ${signer} of ${consumer} is valid until ${validUntil}, the token would expire at ${expiry}`,
    );
  }
}

/** The provider's server did not answer (connection refused, DNS, timeout). */
export class ProviderUnreachableError extends BaseError {
  override name = "ProviderUnreachableError";
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`the provider's server at ${url} did not answer`, { cause });
  }
}

/** The purchase can no longer be used: refunded, or past its expiry. */
export class PurchaseClosedError extends BaseError {
  override name = "PurchaseClosedError";
  constructor(
    readonly purchaseId: bigint,
    readonly serviceId: number,
    readonly reason: "refunded" | "expired",
  ) {
    super(`purchase ${purchaseId} is ${reason}: its calls can no longer be used`);
  }
}

/** `provider claim --store` names no file (opening would create an empty store). */
export class MeteringStoreNotFoundError extends BaseError {
  override name = "MeteringStoreNotFoundError";
  constructor(readonly path: string) {
    super(`no metering store at ${path}`);
  }
}

/** The deployment names no devnet faucet (real chains have none). */
export class NoFaucetError extends BaseError {
  override name = "NoFaucetError";
  constructor() {
    super("this deployment has no devnet faucet");
  }
}

/** The account is not an operator in the DelegationManager. */
export class NotOperatorError extends BaseError {
  override name = "NotOperatorError";
  constructor(readonly account: Address) {
    super(`${account} is not an operator`);
  }
}

/** The operator is not registered for Palisade's operator set. */
export class NotInOperatorSetError extends BaseError {
  override name = "NotInOperatorSetError";
  constructor(
    readonly operator: Address,
    readonly operatorSet: { avs: Address; id: number },
  ) {
    super(`${operator} is not registered for Palisade's operator set ${operatorSet.id}`, {
      details: `the set is (${operatorSet.avs}, ${operatorSet.id})`,
    });
  }
}

/** `operator register --new-bls-key` would overwrite a keystore. */
export class BlsKeystoreExistsError extends BaseError {
  override name = "BlsKeystoreExistsError";
  constructor(readonly path: string) {
    super(`${path} already exists: --new-bls-key never overwrites a keystore`);
  }
}

/** The operator is registered with the AVS under another BLS key than the keystore's. */
export class BlsKeyMismatchError extends BaseError {
  override name = "BlsKeyMismatchError";
  constructor(
    readonly operator: Address,
    readonly registered: Hex,
    readonly given: Hex,
  ) {
    super(`${operator} is registered with BLS key ${registered}, the keystore holds ${given}`, {
      details: "the node signs with the keystore's key: signatures with another key do not count",
    });
  }
}

/** The BLS key is registered to another operator (a key belongs to one operator for good). */
export class BlsKeyTakenError extends BaseError {
  override name = "BlsKeyTakenError";
  constructor(
    readonly pubkeyHash: Hex,
    readonly owner: Address,
  ) {
    super(`BLS key ${pubkeyHash} is registered to ${owner}`);
  }
}

/** An allocation change is still pending for a strategy, towards another target. */
export class AllocationPendingError extends BaseError {
  override name = "AllocationPendingError";
  constructor(
    readonly symbol: string,
    readonly effectBlock: number,
    readonly blocksLeft: number,
  ) {
    super(
      `the allocation to ${symbol} has a pending change until block ${effectBlock} (${blocksLeft} blocks from now)`,
      { details: "one change at a time per strategy and operator set" },
    );
  }
}

/** Raising an allocation needs more magnitude than the operator has free in the strategy. */
export class MagnitudeUnavailableError extends BaseError {
  override name = "MagnitudeUnavailableError";
  constructor(
    readonly symbol: string,
    /** Shares of the stake (WAD): the raise asked for, and what is free. */
    readonly neededWad: bigint,
    readonly freeWad: bigint,
    readonly currentWad: bigint,
  ) {
    super(
      `raising the allocation to ${symbol} needs ${sharePercent(neededWad)} more of the stake; ${sharePercent(freeWad)} is free`,
      {
        details: "the rest is allocated to other operator sets, or pending",
      },
    );
  }
}

/** `stake delegate` to an address that is not an operator. */
export class UnknownOperatorError extends BaseError {
  override name = "UnknownOperatorError";
  constructor(readonly address: Address) {
    super(`${address} is not an operator: stakers delegate to registered operators only`);
  }
}

/** The staker is already delegated to another operator. */
export class AlreadyDelegatedError extends BaseError {
  override name = "AlreadyDelegatedError";
  constructor(
    readonly staker: Address,
    readonly current: Address,
    readonly wanted: Address,
  ) {
    super(`${staker} is delegated to ${current}; a staker delegates to one operator at a time`);
  }
}

/** The operator names a delegation approver: delegating needs its signature. */
export class DelegationApprovalRequiredError extends BaseError {
  override name = "DelegationApprovalRequiredError";
  constructor(
    readonly operator: Address,
    readonly approver: Address,
  ) {
    super(`operator ${operator} accepts delegations approved by ${approver} only`);
  }
}

/** The account holds less of a strategy's token than it asked to deposit. */
export class InsufficientTokenBalanceError extends BaseError {
  override name = "InsufficientTokenBalanceError";
  constructor(
    readonly symbol: string,
    readonly token: Address,
    readonly account: Address,
    readonly balance: bigint,
    readonly needed: bigint,
    readonly decimals: number,
  ) {
    super(
      `${account} holds ${formatUnits(balance, decimals)} ${symbol}, the deposit needs ${formatUnits(needed, decimals)}`,
    );
  }
}

/** The staker has less withdrawable stake in a strategy than it asked to withdraw (or none). */
export class InsufficientStakeError extends BaseError {
  override name = "InsufficientStakeError";
  constructor(
    readonly symbol: string,
    readonly staker: Address,
    /** Underlying tokens: what it can withdraw and what it asked for (0 with --all). */
    readonly available: bigint,
    readonly wanted: bigint,
    readonly decimals: number,
  ) {
    super(
      available === 0n
        ? `${staker} has no ${symbol} stake to withdraw`
        : `${staker} can withdraw ${formatUnits(available, decimals)} ${symbol}, not ${formatUnits(wanted, decimals)}`,
    );
  }
}

/** `stake complete` with no queued withdrawal (or none with the given root). */
export class NoQueuedWithdrawalError extends BaseError {
  override name = "NoQueuedWithdrawalError";
  constructor(
    readonly staker: Address,
    readonly root: Hex | undefined,
  ) {
    super(
      root === undefined
        ? `${staker} has no queued withdrawal`
        : `${staker} has no queued withdrawal with root ${root}`,
    );
  }
}

/** Every queued withdrawal is still inside the withdrawal delay. */
export class WithdrawalNotReadyError extends BaseError {
  override name = "WithdrawalNotReadyError";
  constructor(
    readonly pending: number,
    /** The first block in which the earliest one can complete, and how many blocks until then. */
    readonly completableBlock: number,
    readonly blocksLeft: number,
  ) {
    super(
      `${pending === 1 ? "the queued withdrawal is" : `all ${pending} queued withdrawals are`} still in the withdrawal delay: the first completes in block ${completableBlock}, ${blocksLeft} blocks from now`,
      { details: "queued stake stays slashable until the delay passes" },
    );
  }
}

/** `stake claim` found nothing to claim. */
export class NothingToClaimRewardsError extends BaseError {
  override name = "NothingToClaimRewardsError";
  constructor(
    readonly earner: Address,
    readonly revenueChecked: boolean,
  ) {
    super(
      `${earner} has no rewards to claim${revenueChecked ? " and no revenue share of a settled epoch" : ""}`,
    );
  }
}
