import {
  type Group,
  InvalidPointEncodingError,
  PointAtInfinityError,
  PointNotInSubgroupError,
  PointNotOnCurveError,
} from "../errors/bls.ts";

/**
 * Turns an error thrown by @chainsafe/blst while decoding a point into one of ours. blst reports the
 * C library's status as `code` (e.g. "BLST_POINT_NOT_ON_CURVE"); anything unrecognised is an
 * encoding problem, with blst's error kept as the cause.
 */
export function pointError(group: Group, error: unknown): Error {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "BLST_POINT_NOT_ON_CURVE":
      return new PointNotOnCurveError(group);
    case "BLST_POINT_NOT_IN_GROUP":
      return new PointNotInSubgroupError(group);
    case "BLST_PK_IS_INFINITY":
      return new PointAtInfinityError(group);
    default:
      return new InvalidPointEncodingError(group, "rejected by blst", { cause: error });
  }
}
