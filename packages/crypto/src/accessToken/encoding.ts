/**
 * The wire form of a signed access token, for `Authorization: Palisade <encoded>`: unpadded
 * base64url of a fixed 114-byte layout (152 characters), big-endian integers:
 *
 *   offset  size  field
 *        0     1  version (1)
 *        1     8  purchaseId  uint64
 *        9     4  providerId  uint32
 *       13    20  consumer    address
 *       33     8  expiry      uint64
 *       41     8  nonce       uint64
 *       49    65  signature   r ‖ s ‖ v
 *
 * Fixed offsets make decoding a bounds-free copy, and the length alone rejects most garbage before
 * any parsing. The chain id and Marketplace are not carried: the provider knows which deployment it
 * serves, and they are bound by the signature anyway. A new layout gets a new version byte.
 */
import type { SignedAccessToken } from "./accessToken.ts";
import { assertAccessTokenFields } from "./accessToken.ts";
import {
  AccessTokenEncodingError,
  AccessTokenLengthError,
  AccessTokenVersionError,
  InvalidAccessTokenFieldError,
} from "./errors.ts";

/** The layout version this build writes and reads. */
export const ACCESS_TOKEN_WIRE_VERSION = 1;
/** Bytes of the version-1 layout. */
export const ACCESS_TOKEN_WIRE_BYTES = 1 + 8 + 4 + 20 + 8 + 8 + 65;
/** Characters of its unpadded base64url form (114 bytes = 38 groups of 3 → 152). */
export const ACCESS_TOKEN_ENCODED_LENGTH = Math.ceil((ACCESS_TOKEN_WIRE_BYTES * 4) / 3);

const SIGNATURE = /^0x[0-9a-fA-F]{130}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Encodes a signed token for the `Authorization: Palisade <encoded>` header. Throws
 * InvalidAccessTokenFieldError for a field outside its type or a signature that is not 65 bytes.
 *
 * @example
 * const headers = { authorization: `Palisade ${encodeAccessToken(signed)}` };
 */
export function encodeAccessToken(token: SignedAccessToken): string {
  assertAccessTokenFields(token);
  if (typeof token.signature !== "string" || !SIGNATURE.test(token.signature))
    throw new InvalidAccessTokenFieldError("signature", "65 bytes of 0x-prefixed hex");
  const bytes = Buffer.alloc(ACCESS_TOKEN_WIRE_BYTES);
  bytes[0] = ACCESS_TOKEN_WIRE_VERSION;
  bytes.writeBigUInt64BE(token.purchaseId, 1);
  bytes.writeUInt32BE(token.providerId, 9);
  bytes.write(token.consumer.slice(2), 13, 20, "hex");
  bytes.writeBigUInt64BE(token.expiry, 33);
  bytes.writeBigUInt64BE(token.nonce, 41);
  bytes.write(token.signature.slice(2), 49, 65, "hex");
  return bytes.toString("base64url");
}

/**
 * Decodes the wire form. Throws a MalformedAccessTokenError subclass for every way it can be wrong:
 * AccessTokenLengthError (not 152 characters), AccessTokenEncodingError (outside the base64url
 * alphabet, or `=` padding), AccessTokenVersionError (unknown first byte). It checks the layout
 * only: whether the signature is valid and the token acceptable is the verifier's business. The
 * consumer address comes back lower-case.
 *
 * @example
 * const token = decodeAccessToken(header.slice("Palisade ".length));
 */
export function decodeAccessToken(encoded: string): SignedAccessToken {
  if (typeof encoded !== "string") throw new AccessTokenEncodingError();
  // Length first: it is free and bounds the regular expression's work on hostile input.
  if (encoded.length !== ACCESS_TOKEN_ENCODED_LENGTH)
    throw new AccessTokenLengthError(encoded.length, ACCESS_TOKEN_ENCODED_LENGTH);
  // Buffer's decoder skips characters it does not know; the alphabet is checked here instead.
  if (!BASE64URL.test(encoded)) throw new AccessTokenEncodingError();
  const bytes = Buffer.from(encoded, "base64url");
  // 152 characters of the alphabet always decode to 114 bytes; kept as a guard for the offsets below.
  if (bytes.length !== ACCESS_TOKEN_WIRE_BYTES)
    throw new AccessTokenLengthError(encoded.length, ACCESS_TOKEN_ENCODED_LENGTH);
  const version = bytes[0] as number;
  if (version !== ACCESS_TOKEN_WIRE_VERSION)
    throw new AccessTokenVersionError(version, ACCESS_TOKEN_WIRE_VERSION);
  return {
    purchaseId: bytes.readBigUInt64BE(1),
    providerId: bytes.readUInt32BE(9),
    consumer: `0x${bytes.toString("hex", 13, 33)}`,
    expiry: bytes.readBigUInt64BE(33),
    nonce: bytes.readBigUInt64BE(41),
    signature: `0x${bytes.toString("hex", 49, 114)}`,
  };
}
