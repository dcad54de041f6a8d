import {
  accessTokenDomain,
  accessTokenTypes,
  encodeAccessToken,
  type SignedAccessToken,
} from "@palisade/crypto";
import type { Address } from "viem";
import { getChainId, signTypedData } from "viem/actions";
import type { MarketplaceDeployment } from "../../deployment.ts";
import type { WriteClient } from "../../internal/types.ts";

/**
 * Default lifetime of a token: two minutes from now by this machine's clock — the clock providers
 * check tokens against (not the chain's, which a devnet may have moved) — well under the five
 * minutes gateways accept by default.
 */
const DEFAULT_TOKEN_SECONDS = 120;

export interface MintAccessTokenParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  purchaseId: bigint;
  /** The purchase's provider (the token is refused by any other). */
  providerId: number;
  /** The purchase's consumer. Default: the client's account (sign as a session key by passing the consumer). */
  consumer?: Address;
  /**
   * The highest call the token authorises, 1 … calls: the token with nonce k covers calls 1 … k
   * (each served once, named in `X-Palisade-Call`; without it the call is k) and, on-chain, claims
   * k calls. For a token per call, the call's number; for a batch, its last call
   * (`createCallSession` does this).
   */
  nonce: bigint;
  /** Unix seconds (default: now + 2 minutes, by this machine's clock). */
  expiry?: bigint;
}

export interface MintAccessTokenReturnType {
  token: SignedAccessToken;
  /** The `Authorization` header value: `Palisade <base64url>`. */
  authorization: string;
}

/**
 * Signs an EIP-712 access token for calls 1 … nonce of a purchase, as the consumer or as a session key
 * the consumer authorised (`authorizeSessionKey`), with whatever account the client has (local key,
 * injected wallet). Signing nonce k authorises k calls: sign a batch only for calls you will make.
 *
 * @example
 * // A token per call: call 1.
 * const { authorization } = await mintAccessToken(walletClient, { contracts, purchaseId: 7n, providerId: 1, nonce: 1n });
 * await fetch(`${endpoint}/v1/address?address=0x…`, { headers: { authorization } });
 * // One token for calls 1 … 100, each call naming its number.
 * const batch = await mintAccessToken(walletClient, { contracts, purchaseId: 7n, providerId: 1, nonce: 100n });
 * await callService({ url, authorization: batch.authorization, call: 1n });
 */
export async function mintAccessToken(
  client: WriteClient,
  parameters: MintAccessTokenParameters,
): Promise<MintAccessTokenReturnType> {
  const chainId = client.chain?.id ?? (await getChainId(client));
  const expiry = parameters.expiry ?? BigInt(Math.floor(Date.now() / 1000) + DEFAULT_TOKEN_SECONDS);
  const message = {
    purchaseId: parameters.purchaseId,
    providerId: parameters.providerId,
    consumer: parameters.consumer ?? client.account.address,
    expiry,
    nonce: parameters.nonce,
  };
  const signature = await signTypedData(client, {
    account: client.account,
    domain: accessTokenDomain({ chainId, marketplace: parameters.contracts.marketplace }),
    types: accessTokenTypes,
    primaryType: "AccessToken",
    message,
  });
  const token: SignedAccessToken = { ...message, signature };
  return { token, authorization: `Palisade ${encodeAccessToken(token)}` };
}
