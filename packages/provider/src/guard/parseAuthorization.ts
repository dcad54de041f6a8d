import { decodeAccessToken, MalformedAccessTokenError, type SignedAccessToken } from "@palisade/crypto";
import { InvalidTokenError } from "../errors.ts";

const SCHEME = "palisade";
const SPACE = 0x20;

/**
 * The encoded token of an `Authorization: Palisade <base64url>` header value (scheme
 * case-insensitive), not yet decoded: the key the guard caches recovered signers by. Throws
 * InvalidTokenError when the header is missing or has another scheme.
 *
 * @example
 * const encoded = authorizationToken(request.headers.authorization);
 */
export function authorizationToken(header: string | undefined): string {
  if (header === undefined || header === "")
    throw new InvalidTokenError("send the access token as `Authorization: Palisade <token>`");
  // `Palisade` in any case, then one or more spaces; compared in place (this runs for every call, and
  // a regular expression's match array is garbage each time).
  let at = SCHEME.length;
  if (header.length <= at || header.charCodeAt(at) !== SPACE)
    throw new InvalidTokenError("the Authorization scheme must be `Palisade`");
  // `| 0x20` lower-cases an ASCII letter; only `P` and `p` map to `p`, and so on.
  for (let i = 0; i < at; i++)
    if ((header.charCodeAt(i) | 0x20) !== SCHEME.charCodeAt(i))
      throw new InvalidTokenError("the Authorization scheme must be `Palisade`");
  while (header.charCodeAt(at) === SPACE) at++;
  return header.slice(at).trimEnd();
}

/**
 * Decodes an encoded access token; InvalidTokenError (the decoder's named error as its cause) when
 * it does not decode.
 *
 * @example
 * const token = decodeAuthorizationToken(authorizationToken(request.headers.authorization));
 */
export function decodeAuthorizationToken(encoded: string): SignedAccessToken {
  try {
    return decodeAccessToken(encoded);
  } catch (error) {
    if (error instanceof MalformedAccessTokenError)
      throw new InvalidTokenError(`malformed access token: ${error.shortMessage}`, { cause: error });
    throw error;
  }
}

/**
 * The access token of an `Authorization: Palisade <base64url>` header value (scheme
 * case-insensitive). Throws InvalidTokenError when the header is missing, has another scheme, or
 * the token does not decode (the decoder's named error is the cause).
 *
 * @example
 * const token = parseAuthorization(request.headers.authorization);
 */
export function parseAuthorization(header: string | undefined): SignedAccessToken {
  return decodeAuthorizationToken(authorizationToken(header));
}
