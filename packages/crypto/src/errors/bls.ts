import { BaseError, type BaseErrorParameters } from "./base.ts";

/** Which group a point belongs to, for error messages. */
export type Group = "G1" | "G2";

/** The bytes are not a well-formed encoding (length, padding, flag bits, coordinate ≥ p). */
export class InvalidPointEncodingError extends BaseError {
  override name = "InvalidPointEncodingError";
  constructor(
    readonly group: Group,
    readonly reason: string,
    parameters: BaseErrorParameters = {},
  ) {
    super(`invalid ${group} point encoding: ${reason}`, parameters);
  }
}

/** The coordinates are well-formed but do not satisfy the curve equation. */
export class PointNotOnCurveError extends BaseError {
  override name = "PointNotOnCurveError";
  constructor(readonly group: Group) {
    super(`${group} point is not on the curve`);
  }
}

/** The point is on the curve but outside the prime-order subgroup. */
export class PointNotInSubgroupError extends BaseError {
  override name = "PointNotInSubgroupError";
  constructor(readonly group: Group) {
    super(`${group} point is not in the prime-order subgroup`);
  }
}

/** The point at infinity where a real key or signature is required. */
export class PointAtInfinityError extends BaseError {
  override name = "PointAtInfinityError";
  constructor(readonly group: Group) {
    super(`${group} point is the point at infinity`);
  }
}

/** Signing input is not exactly a 32-byte digest (the conventions sign digests only). */
export class InvalidDigestError extends BaseError {
  override name = "InvalidDigestError";
  /** `length` is undefined when the input was a string but not hex. */
  constructor(readonly length: number | undefined) {
    super(`a digest must be 32 bytes, got ${length === undefined ? "a string that is not hex" : length}`);
  }
}

/** Key material is unusable: IKM shorter than 32 bytes, or a scalar that is zero or ≥ r. */
export class InvalidSecretKeyError extends BaseError {
  override name = "InvalidSecretKeyError";
}

/** Aggregating nothing has no meaningful result. */
export class EmptyAggregateError extends BaseError {
  override name = "EmptyAggregateError";
  constructor(readonly what: "signatures" | "public keys") {
    super(`cannot aggregate an empty list of ${what}`);
  }
}
