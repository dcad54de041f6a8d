import { relative } from "node:path";
import { BaseError, type BaseErrorParameters } from "@palisade/sdk";
import type { Address, Hash } from "viem";
import { repoRoot } from "./paths.ts";

/**
 * The root of every error this package throws on purpose. The CLI prints `message` (no stack)
 * and exits 1 for these; anything else is a bug and keeps its stack.
 */
export class DeployError extends BaseError {
  override name = "DeployError";
}

/** The command line or the environment is wrong; `help` when `--help` was asked (exit 0). */
export class DeployConfigError extends DeployError {
  override name = "DeployConfigError";
  constructor(
    shortMessage: string,
    readonly help = false,
    parameters: BaseErrorParameters = {},
  ) {
    super(shortMessage, parameters);
  }
}

/** `--rpc-url` is not an http(s) or ws(s) URL. */
export class InvalidRpcUrlError extends DeployConfigError {
  override name = "InvalidRpcUrlError";
  constructor(readonly rpcUrl: string) {
    super(`--rpc-url ${JSON.stringify(rpcUrl)} is not an http(s):// or ws(s):// URL`);
  }
}

/** PALISADE_DEPLOYER_KEY is unset or empty. */
export class MissingDeployerKeyError extends DeployConfigError {
  override name = "MissingDeployerKeyError";
  constructor() {
    super("no deployer key: set PALISADE_DEPLOYER_KEY to the deployer's private key (0x + 64 hex digits)");
  }
}

/** PALISADE_DEPLOYER_KEY is not 32 bytes of hex. The message never contains the value. */
export class InvalidDeployerKeyError extends DeployConfigError {
  override name = "InvalidDeployerKeyError";
  constructor() {
    super("PALISADE_DEPLOYER_KEY is not a private key (expected 0x followed by 64 hex digits)");
  }
}

/** The RPC did not answer (refused, timed out, not JSON-RPC). */
export class RpcUnreachableError extends DeployError {
  override name = "RpcUnreachableError";
  constructor(
    readonly rpcUrl: string,
    cause: unknown,
  ) {
    super(`the RPC at ${rpcUrl} does not answer`, { cause });
  }
}

/** `--chain-id` was given and the RPC serves another chain. */
export class ChainIdMismatchError extends DeployError {
  override name = "ChainIdMismatchError";
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the RPC serves chain ${actual}, --chain-id says ${expected}`);
  }
}

/** A `--strategy` address has no code on this chain (wrong chain, or a typo). */
export class TokenWithoutCodeError extends DeployError {
  override name = "TokenWithoutCodeError";
  constructor(readonly token: Address) {
    super(`token ${token} has no code on this chain`);
  }
}

/** A `--strategy` address has code but does not answer ERC-20 `symbol()` and `decimals()`. */
export class NotAnErc20Error extends DeployError {
  override name = "NotAnErc20Error";
  constructor(
    readonly token: Address,
    cause: unknown,
  ) {
    super(`token ${token} does not answer symbol() and decimals(): not an ERC-20 with metadata`, { cause });
  }
}

/** Two strategy tokens report the same symbol: the deployment file keys strategies by symbol. */
export class DuplicateSymbolError extends DeployError {
  override name = "DuplicateSymbolError";
  constructor(
    readonly symbol: string,
    readonly tokens: readonly Address[],
  ) {
    super(`tokens ${tokens.join(" and ")} both report the symbol ${symbol}`);
  }
}

/** A cap has more decimal places than its token. */
export class InvalidCapError extends DeployError {
  override name = "InvalidCapError";
  constructor(
    readonly token: Address,
    readonly cap: string,
    readonly decimals: number,
  ) {
    super(`cap ${cap} for ${token} has more than the token's ${decimals} decimals`);
  }
}

/** The deployer cannot pay for the whole deployment at the current fees. */
export class InsufficientDeployerBalanceError extends DeployError {
  override name = "InsufficientDeployerBalanceError";
  constructor(
    readonly deployer: Address,
    readonly balance: bigint,
    readonly required: bigint,
    formatted: { balance: string; required: string },
  ) {
    super(
      `deployer ${deployer} holds ${formatted.balance}, the deployment needs about ${formatted.required}`,
    );
  }
}

/** The output file exists: a deployment is never overwritten. */
export class DeploymentFileExistsError extends DeployError {
  override name = "DeploymentFileExistsError";
  constructor(readonly path: string) {
    super(`${path} already exists; move it away or pass another --out`);
  }
}

/** A forge artifact is missing or has no bytecode: the contracts were not built. */
export class ArtifactNotFoundError extends DeployError {
  override name = "ArtifactNotFoundError";
  constructor(readonly path: string) {
    super(`forge artifact ${relative(repoRoot, path)} not found or without bytecode; run \`npm run build\``);
  }
}

/** A predicted address did not receive the contract: something else used the deployer's nonce. */
export class AddressPredictionError extends DeployError {
  override name = "AddressPredictionError";
  constructor(
    readonly contract: string,
    readonly predicted: Address,
    readonly actual: Address | null | undefined,
  ) {
    super(
      `${contract} deployed at ${actual ?? "nowhere"}, predicted ${predicted}: the deployer's nonce moved`,
    );
  }
}

/** The transaction was mined but reverted. */
export class DeployTransactionError extends DeployError {
  override name = "DeployTransactionError";
  constructor(
    readonly hash: Hash,
    what: string,
  ) {
    super(`${what}: transaction ${hash} reverted`);
  }
}

/** A deployed AVS is not wired as it must be (see verifyAvs): `what` names the check. */
export class AvsWiringError extends DeployError {
  override name = "AvsWiringError";
  constructor(
    readonly what: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`AVS wiring: ${what} is ${actual}, expected ${expected}`);
  }
}

/** An AVS setting is outside the ServiceManager's bounds (checked before anything is sent). */
export class InvalidAvsSettingError extends DeployError {
  override name = "InvalidAvsSettingError";
  constructor(
    readonly setting: string,
    readonly value: number,
    readonly bounds: { min: number; max: number },
  ) {
    super(`${setting} ${value} is outside the ServiceManager's bounds [${bounds.min}, ${bounds.max}]`);
  }
}

/** The hand-over to the Timelock needs the deployer to own every governed contract; `name` it does not. */
export class NotGovernedOwnerError extends DeployError {
  override name = "NotGovernedOwnerError";
  constructor(
    readonly contract: string,
    readonly address: Address,
    readonly owner: Address,
    readonly caller: Address,
  ) {
    super(
      `${contract} ${address} is owned by ${owner}, not by ${caller}: only its owner can hand it to governance`,
    );
  }
}

/** A read-back of the governance deployment differs from what the hand-over set. */
export class GovernanceWiringError extends DeployError {
  override name = "GovernanceWiringError";
  constructor(
    readonly what: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`governance wiring: ${what} is ${actual}, expected ${expected}`);
  }
}

/** `completeHandOver` before the Timelock's delay passed since `scheduleHandOver`. */
export class HandOverNotReadyError extends DeployError {
  override name = "HandOverNotReadyError";
  constructor(
    readonly readyAt: bigint,
    readonly now: bigint,
  ) {
    super(
      `the hand-over batch is executable from ${readyAt} (chain time now ${now}): wait ${readyAt - now} s`,
    );
  }
}
