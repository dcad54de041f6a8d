import { decodeAccessToken, MalformedAccessTokenError, type SignedAccessToken } from "@palisade/crypto";
import { InvalidTokenError } from "../errors.ts";

const SCHEME = /^palisade +/i;

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
  const scheme = SCHEME.exec(header);
  if (!scheme) throw new InvalidTokenError("the Authorization scheme must be `Palisade`");
  return header.slice(scheme[0].length).trimEnd();
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
