import { BaseError } from "@palisade/errors";
import type { Address } from "viem";

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
