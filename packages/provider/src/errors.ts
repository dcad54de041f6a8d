import { BaseError, type BaseErrorParameters } from "@palisade/errors";

/** Root of the provider middleware's errors. */
export class ProviderError extends BaseError {
  override name = "ProviderError";
}

/** `createAccessGuard` or a purchase source was given unusable settings. */
export class InvalidGuardConfigError extends ProviderError {
  override name = "InvalidGuardConfigError";
  constructor(
    readonly field: string,
    expected: string,
  ) {
    super(`invalid ${field}: expected ${expected}`);
  }
}

/** The stable codes a refused call answers with (`{ error: { code, message } }`). */
export type GuardErrorCode =
  | "invalid_token"
  | "wrong_provider"
  | "wrong_service"
  | "token_expired"
  | "token_lifetime_too_long"
  | "invalid_signature"
  | "purchase_not_found"
  | "purchase_refunded"
  | "purchase_expired"
  | "quota_exhausted"
  | "token_replayed"
  | "purchase_source_unavailable"
  | "metering_unavailable";

/**
 * A call the guard did not let through, with its HTTP status and stable code. `shortMessage` is
 * safe to send to the caller; `details` and `cause` are for logs only.
 */
export class GuardError extends ProviderError {
  override name = "GuardError";
  constructor(
    readonly status: number,
    readonly code: GuardErrorCode,
    shortMessage: string,
    parameters: BaseErrorParameters = {},
  ) {
    super(shortMessage, parameters);
  }
}

/**
 * 401: no `Authorization: Palisade <token>` header, a token that does not decode, nonce 0, or an
 * `X-Palisade-Call` that is not a decimal within the token's calls 1 … nonce.
 */
export class InvalidTokenError extends GuardError {
  override name = "InvalidTokenError";
  constructor(reason: string, parameters: BaseErrorParameters = {}) {
    super(401, "invalid_token", reason, parameters);
  }
}

/** 403: the token, or the purchase it names, is for another provider. */
export class WrongProviderError extends GuardError {
  override name = "WrongProviderError";
  constructor(
    readonly found: number,
    readonly expected: number,
    what: "token" | "purchase",
  ) {
    super(403, "wrong_provider", `the ${what} is for provider ${found}, this is provider ${expected}`);
  }
}

/**
 * 403: the purchase is this provider's, but for a service the endpoint called does not serve (a
 * purchase of the token-risk service presented to the phishing route). Only raised when the caller
 * passes `serviceIds` to `authorize`.
 */
export class WrongServiceError extends GuardError {
  override name = "WrongServiceError";
  constructor(
    readonly serviceId: number,
    readonly accepted: readonly number[],
  ) {
    super(
      403,
      "wrong_service",
      accepted.length === 0
        ? `the purchase is for service ${serviceId}; this endpoint serves none of this provider's services`
        : `the purchase is for service ${serviceId}; this endpoint serves service${accepted.length === 1 ? "" : "s"} ${accepted.join(", ")}`,
    );
  }
}

/** 401: the token's expiry has passed. */
export class TokenExpiredError extends GuardError {
  override name = "TokenExpiredError";
  constructor(
    readonly expiry: bigint,
    readonly now: bigint,
  ) {
    super(401, "token_expired", `the token expired at ${expiry} (now ${now})`);
  }
}

/** 401: the token expires further ahead than this provider accepts. */
export class TokenLifetimeTooLongError extends GuardError {
  override name = "TokenLifetimeTooLongError";
  constructor(
    readonly expiry: bigint,
    readonly now: bigint,
    readonly maxSeconds: number,
  ) {
    super(
      401,
      "token_lifetime_too_long",
      `the token expires ${expiry - now} s from now; this provider accepts at most ${maxSeconds} s`,
    );
  }
}

/**
 * 401: the signature is malformed, or its signer is neither the consumer nor a session key the
 * consumer authorised until the token's expiry, or the token names another consumer than the
 * purchase's. A forged or misdirected token; one code for all so a forger learns nothing.
 */
export class InvalidSignatureError extends GuardError {
  override name = "InvalidSignatureError";
  constructor(reason: string, parameters: BaseErrorParameters = {}) {
    super(401, "invalid_signature", reason, parameters);
  }
}

/** 404: no purchase with this id (yet: it may be mined a block later). */
export class PurchaseNotFoundError extends GuardError {
  override name = "PurchaseNotFoundError";
  constructor(readonly purchaseId: bigint) {
    super(404, "purchase_not_found", `purchase ${purchaseId} does not exist`);
  }
}

/** 410: the purchase was refunded; its calls are gone. */
export class PurchaseRefundedError extends GuardError {
  override name = "PurchaseRefundedError";
  constructor(readonly purchaseId: bigint) {
    super(410, "purchase_refunded", `purchase ${purchaseId} was refunded`);
  }
}

/** 410: the purchase's expiry has passed. */
export class PurchaseExpiredError extends GuardError {
  override name = "PurchaseExpiredError";
  constructor(
    readonly purchaseId: bigint,
    readonly expiry: number,
  ) {
    super(410, "purchase_expired", `purchase ${purchaseId} expired at ${expiry}`);
  }
}

/**
 * 402: the token's nonce is beyond the calls bought (the token authorises calls 1 … nonce, and the
 * contract takes no proof beyond `calls`).
 */
export class QuotaExhaustedError extends GuardError {
  override name = "QuotaExhaustedError";
  constructor(
    readonly nonce: bigint,
    readonly calls: number,
    /** The call presented (default: the token's nonce, a token per call). */
    readonly call: bigint = nonce,
  ) {
    super(
      402,
      "quota_exhausted",
      call === nonce
        ? `call ${nonce} is beyond the ${calls} calls bought`
        : `the token covers calls up to ${nonce}, beyond the ${calls} calls bought`,
    );
  }
}

/** 409: this call (purchase, call number) was already served, or already claimed on-chain. */
export class TokenReplayedError extends GuardError {
  override name = "TokenReplayedError";
  constructor(
    readonly purchaseId: bigint,
    readonly call: bigint,
    parameters: BaseErrorParameters = {},
  ) {
    super(409, "token_replayed", `call ${call} of purchase ${purchaseId} was already served`, parameters);
  }
}

/** 503: the purchase source (the chain's RPC) failed; nothing was recorded. */
export class PurchaseSourceUnavailableError extends GuardError {
  override name = "PurchaseSourceUnavailableError";
  constructor(cause: unknown) {
    super(503, "purchase_source_unavailable", "the purchase could not be checked; retry", { cause });
  }
}

/** 503: the call could not be recorded (store busy, disk error …); it was not served. */
export class MeteringUnavailableError extends GuardError {
  override name = "MeteringUnavailableError";
  constructor(cause: unknown) {
    super(503, "metering_unavailable", "the call could not be recorded; retry", { cause });
  }
}

/** `usageProof`: no call of the purchase is recorded beyond what was already claimed. */
export class NothingToClaimError extends ProviderError {
  override name = "NothingToClaimError";
  constructor(
    readonly purchaseId: bigint,
    readonly claimedUpTo: bigint,
  ) {
    super(`purchase ${purchaseId} has no recorded call beyond the ${claimedUpTo} already claimed`);
  }
}
