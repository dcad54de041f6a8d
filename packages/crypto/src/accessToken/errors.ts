import { BaseError } from "../errors/base.ts";

/** A token field is outside its Solidity type (uint64 / uint32 / address) or of the wrong JS type. */
export class InvalidAccessTokenFieldError extends BaseError {
  override name = "InvalidAccessTokenFieldError";
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`invalid access token ${field}: expected ${expected}`);
  }
}

/**
 * The wire form of a token (`Authorization: Palisade <encoded>`) cannot be decoded. Each way it can
 * be wrong has its own subclass; catch this one to treat them all alike.
 */
export class MalformedAccessTokenError extends BaseError {
  override name = "MalformedAccessTokenError";
}

/** The encoded token holds characters outside the base64url alphabet (or `=` padding). */
export class AccessTokenEncodingError extends MalformedAccessTokenError {
  override name = "AccessTokenEncodingError";
  constructor() {
    super("access token is not unpadded base64url");
  }
}

/** The encoded token is not exactly as long as the layout of its version. */
export class AccessTokenLengthError extends MalformedAccessTokenError {
  override name = "AccessTokenLengthError";
  constructor(
    readonly length: number,
    readonly expected: number,
  ) {
    super(`access token is ${length} characters long, expected ${expected}`);
  }
}

/** The first byte names a layout this build does not know. */
export class AccessTokenVersionError extends MalformedAccessTokenError {
  override name = "AccessTokenVersionError";
  constructor(
    readonly version: number,
    readonly supported: number,
  ) {
    super(`access token layout version ${version} is not supported (this build reads version ${supported})`);
  }
}

/** The signature cannot be a valid ECDSA signature of anyone; see the subclasses. */
export class AccessTokenSignatureError extends BaseError {
  override name = "AccessTokenSignatureError";
}

/** What is wrong with a malformed signature. */
export type MalformedSignatureReason =
  | "encoding" // not a 0x-prefixed hex string
  | "length" // not 65 bytes r ‖ s ‖ v
  | "recovery-id" // v is not 27 or 28 (the ecrecover precompile refuses 0 and 1)
  | "zero" // r or s is zero
  | "out-of-range" // r or s ≥ the curve order
  | "unrecoverable"; // no public key recovers from (r, s, v) for this digest

/** The signature bytes are not a recoverable secp256k1 signature. */
export class MalformedSignatureError extends AccessTokenSignatureError {
  override name = "MalformedSignatureError";
  constructor(readonly reason: MalformedSignatureReason) {
    super(`malformed access token signature (${reason})`);
  }
}

/**
 * `s` is in the upper half of the curve order. Such a signature is the malleated twin of a valid one;
 * OpenZeppelin's ECDSA (what the Marketplace verifies claims with) refuses it, so the provider must too.
 */
export class HighSSignatureError extends AccessTokenSignatureError {
  override name = "HighSSignatureError";
  constructor() {
    super("access token signature has a high s value (malleable)");
  }
}
