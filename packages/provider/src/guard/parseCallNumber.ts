import { InvalidTokenError } from "../errors.ts";

/** The header a call names its number in when its token covers a range of calls. */
export const CALL_HEADER = "x-palisade-call";

/** A decimal call number: no sign, no leading zero, at most 20 digits (uint64 has 20). */
const DECIMAL = /^[1-9][0-9]{0,19}$/;

/**
 * The call number an `X-Palisade-Call` header value names under a token with nonce `nonce` (the
 * token authorises calls 1 … nonce). Without the header the call is the token's nonce: a token per
 * call, numbered by its nonce. Throws InvalidTokenError (401) for anything but a decimal in
 * [1, nonce] — a repeated header (Node joins the values, or hands an array) included.
 *
 * @example
 * const call = parseCallNumber(request.headers["x-palisade-call"], token.nonce);
 */
export function parseCallNumber(header: string | readonly string[] | undefined, nonce: bigint): bigint {
  if (header === undefined) return nonce;
  if (typeof header !== "string" || !DECIMAL.test(header))
    throw new InvalidTokenError(
      `X-Palisade-Call must be one decimal call number within the token's calls 1 … ${nonce}`,
    );
  const call = BigInt(header);
  if (call > nonce)
    throw new InvalidTokenError(`call ${call} is outside the token's calls 1 … ${nonce} (its nonce)`);
  return call;
}
