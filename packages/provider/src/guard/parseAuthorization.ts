import { decodeAccessToken, MalformedAccessTokenError, type SignedAccessToken } from "@palisade/crypto";
import { InvalidTokenError } from "../errors.ts";

const SCHEME = /^palisade +/i;

/**
 * The access token of an `Authorization: Palisade <base64url>` header value (scheme
 * case-insensitive). Throws InvalidTokenError when the header is missing, has another scheme, or
 * the token does not decode (the decoder's named error is the cause).
 *
 * @example
 * const token = parseAuthorization(request.headers.authorization);
 */
export function parseAuthorization(header: string | undefined): SignedAccessToken {
  if (header === undefined || header === "")
    throw new InvalidTokenError("send the access token as `Authorization: Palisade <token>`");
  const scheme = SCHEME.exec(header);
  if (!scheme) throw new InvalidTokenError("the Authorization scheme must be `Palisade`");
  try {
    return decodeAccessToken(header.slice(scheme[0].length).trimEnd());
  } catch (error) {
    if (error instanceof MalformedAccessTokenError)
      throw new InvalidTokenError(`malformed access token: ${error.shortMessage}`, { cause: error });
    throw error;
  }
}
