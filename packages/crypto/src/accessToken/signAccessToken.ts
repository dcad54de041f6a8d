import type { Hex, LocalAccount } from "viem";
import {
  type AccessToken,
  type AccessTokenDomainParameters,
  accessTokenDomain,
  accessTokenTypes,
  assertAccessTokenFields,
  type SignedAccessToken,
} from "./accessToken.ts";
import { InvalidAccessTokenFieldError } from "./errors.ts";
import { accessTokenDigestBytes, accessTokenDomainSeparator } from "./hashAccessToken.ts";
import { secp256k1 } from "./native.ts";

export type SignAccessTokenParameters = AccessTokenDomainParameters & {
  token: AccessToken;
} & (
    | {
        /** The consumer's or the session key's secp256k1 key (signed natively, ≈ 50 µs). */
        privateKey: Hex;
        account?: undefined;
      }
    | {
        /** Any viem local account (private key, mnemonic, HD …): signs with `signTypedData`. */
        account: LocalAccount;
        privateKey?: undefined;
      }
  );

export type SignAccessTokenReturnType = SignedAccessToken;

const PRIVATE_KEY = /^0x[0-9a-fA-F]{64}$/;

/**
 * Signs an access token as the consumer or as a session key the consumer authorised. Both ways give
 * the same deterministic (RFC 6979, low-s) signature viem's `signTypedData` gives for that key; the
 * `privateKey` form skips viem's JavaScript hashing and signing, which matters when pre-signing
 * thousands of tokens.
 *
 * @example
 * const signed = await signAccessToken({
 *   chainId: 31337,
 *   marketplace,
 *   privateKey: sessionKey,
 *   token: { purchaseId: 7n, providerId: 1, consumer, expiry: BigInt(now + 300), nonce: 1n },
 * });
 * fetch(url, { headers: { authorization: `Palisade ${encodeAccessToken(signed)}` } });
 */
export async function signAccessToken(
  parameters: SignAccessTokenParameters,
): Promise<SignAccessTokenReturnType> {
  const { token } = parameters;
  assertAccessTokenFields(token);
  const fields: AccessToken = {
    purchaseId: token.purchaseId,
    providerId: token.providerId,
    consumer: token.consumer,
    expiry: token.expiry,
    nonce: token.nonce,
  };
  if (parameters.account !== undefined) {
    const signature = await parameters.account.signTypedData({
      domain: accessTokenDomain(parameters),
      types: accessTokenTypes,
      primaryType: "AccessToken",
      message: fields,
    });
    return { ...fields, signature };
  }
  const key = parameters.privateKey;
  if (typeof key !== "string" || !PRIVATE_KEY.test(key))
    throw new InvalidAccessTokenFieldError("privateKey", "a 0x-prefixed 32-byte hex string");
  const keyBytes = Buffer.from(key.slice(2), "hex");
  if (!secp256k1.privateKeyVerify(keyBytes))
    throw new InvalidAccessTokenFieldError("privateKey", "a scalar in [1, n) of secp256k1");
  const digest = accessTokenDigestBytes(accessTokenDomainSeparator(parameters), fields);
  // libsecp256k1 signs with RFC 6979 nonces and normalises s to the lower half.
  const { signature, recid } = secp256k1.ecdsaSign(digest, keyBytes);
  const bytes = Buffer.alloc(65);
  bytes.set(signature, 0);
  bytes[64] = 27 + recid;
  return { ...fields, signature: `0x${bytes.toString("hex")}` };
}
