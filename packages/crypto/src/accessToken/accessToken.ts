/**
 * Access tokens (IMarketplace NatSpec): EIP-712 domain {name "Palisade Marketplace", version "1",
 * chainId, verifyingContract = the Marketplace}, type
 * `AccessToken(uint64 purchaseId,uint32 providerId,address consumer,uint64 expiry,uint64 nonce)`,
 * signed by the purchase's consumer or by a session key it authorised until at least `expiry`.
 * `nonce` k (1 … calls) authorises calls 1 … k of the purchase — one call (the k-th) or a batch,
 * each call naming its number in `X-Palisade-Call` — and lets the provider claim k calls with that
 * one signature (decision 0004).
 */
import type { Address, Hex, TypedDataDomain } from "viem";
import { InvalidAccessTokenFieldError } from "./errors.ts";

export const ACCESS_TOKEN_DOMAIN_NAME = "Palisade Marketplace";
export const ACCESS_TOKEN_DOMAIN_VERSION = "1";

/** The EIP-712 types of an access token, in viem's `signTypedData` / `hashTypedData` form. */
export const accessTokenTypes = {
  AccessToken: [
    { name: "purchaseId", type: "uint64" },
    { name: "providerId", type: "uint32" },
    { name: "consumer", type: "address" },
    { name: "expiry", type: "uint64" },
    { name: "nonce", type: "uint64" },
  ],
} as const;

/** The fields a consumer signs. */
export interface AccessToken {
  /** uint64. */
  purchaseId: bigint;
  /** uint32: the provider the token is for. */
  providerId: number;
  /** The purchase's consumer (whoever signs, the consumer is named here). */
  consumer: Address;
  /** uint64 Unix seconds after which the token is refused. */
  expiry: bigint;
  /** uint64: the highest call the token authorises (calls 1 … nonce), at most the calls bought. */
  nonce: bigint;
}

/** A token with its 65-byte `r ‖ s ‖ v` signature. */
export interface SignedAccessToken extends AccessToken {
  signature: Hex;
}

/** Which deployment a token is for: the domain's chain id and verifying contract. */
export interface AccessTokenDomainParameters {
  chainId: number;
  /** The Marketplace contract (the domain's verifying contract). */
  marketplace: Address;
}

/**
 * The EIP-712 domain of access tokens on one Marketplace deployment.
 *
 * @example
 * const digest = hashTypedData({
 *   domain: accessTokenDomain({ chainId: 31337, marketplace }),
 *   types: accessTokenTypes,
 *   primaryType: "AccessToken",
 *   message: token,
 * });
 */
export function accessTokenDomain(parameters: AccessTokenDomainParameters): TypedDataDomain {
  return {
    name: ACCESS_TOKEN_DOMAIN_NAME,
    version: ACCESS_TOKEN_DOMAIN_VERSION,
    chainId: parameters.chainId,
    verifyingContract: parameters.marketplace,
  };
}

const UINT64_MAX = 2n ** 64n - 1n;
const UINT32_MAX = 2 ** 32 - 1;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** Throws InvalidAccessTokenFieldError unless every field fits its Solidity type. */
export function assertAccessTokenFields(token: AccessToken): void {
  assertUint64("purchaseId", token.purchaseId);
  if (!Number.isInteger(token.providerId) || token.providerId < 0 || token.providerId > UINT32_MAX)
    throw new InvalidAccessTokenFieldError("providerId", "an integer in [0, 2^32)");
  if (typeof token.consumer !== "string" || !ADDRESS.test(token.consumer))
    throw new InvalidAccessTokenFieldError("consumer", "a 0x-prefixed 20-byte hex address");
  assertUint64("expiry", token.expiry);
  assertUint64("nonce", token.nonce);
}

function assertUint64(field: string, value: unknown): void {
  if (typeof value !== "bigint" || value < 0n || value > UINT64_MAX)
    throw new InvalidAccessTokenFieldError(field, "a bigint in [0, 2^64)");
}

/** Throws InvalidAccessTokenFieldError unless the chain id is a positive integer and the Marketplace an address. */
export function assertDomain(parameters: AccessTokenDomainParameters): void {
  if (!Number.isSafeInteger(parameters.chainId) || parameters.chainId <= 0)
    throw new InvalidAccessTokenFieldError("chainId", "a positive integer");
  if (typeof parameters.marketplace !== "string" || !ADDRESS.test(parameters.marketplace))
    throw new InvalidAccessTokenFieldError("marketplace", "a 0x-prefixed 20-byte hex address");
}
