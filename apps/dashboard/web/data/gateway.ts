import type { Address } from "viem";
import { getChainId, signTypedData } from "viem/actions";
import { encodeAccessToken } from "../../src/lib/accessToken.ts";
import { accessTokenDomain, accessTokenTypes } from "../chain/sdk.ts";
import type { AppContextValue } from "../context.tsx";
import { ApiError, fetchJson } from "../errors.ts";
import type { Signer } from "../wallet.tsx";

export interface Usage {
  purchaseId: string;
  callsRecorded: number;
  highestNonce: string;
  claimedUpTo: string;
}

/** Where the page reaches provider `providerId`'s API: the dashboard's proxy when the devnet runs its gateway, else its endpoint. */
export function gatewayBase(
  app: AppContextValue,
  providerId: number,
  endpoint: string,
): { base: string; proxied: boolean } {
  const gateway = app.config.gateways.find((entry) => entry.providerId === providerId);
  return gateway
    ? { base: gateway.proxy, proxied: true }
    : { base: endpoint.replace(/\/+$/, ""), proxied: false };
}

/** Calls recorded by the provider's gateway for a purchase (`GET /v1/usage/:id`). */
export function fetchUsage(base: string, purchaseId: bigint): Promise<Usage> {
  return fetchJson<Usage>(`${base}/v1/usage/${purchaseId}`);
}

/** `GET /v1/purchases/:id/usage-proof` (apps/gateway/src/usageProof.ts): ids and nonces as decimal strings. */
export interface UsageProofAnswer {
  purchaseId: string;
  providerId: number;
  calls: number;
  callsServed: number;
  callsClaimed: number;
  claimable: string;
  refunded: boolean;
  proof: { nonce: string; expiry: string; signature: `0x${string}` } | null;
}

/**
 * The token to claim a purchase's served calls with: of the tokens the provider's gateway recorded, the
 * one with the highest nonce (what `Marketplace.claim` takes), with the counts.
 */
export function fetchUsageProof(base: string, purchaseId: bigint): Promise<UsageProofAnswer> {
  return fetchJson<UsageProofAnswer>(`${base}/v1/purchases/${purchaseId}/usage-proof`);
}

/** How long a token minted here stays valid: gateways accept at most 300 s ahead by default. */
const TOKEN_SECONDS = 120;

/**
 * Signs the EIP-712 access token for call `nonce` of a purchase (what the SDK's `mintAccessToken`
 * does, with the browser-safe encoder) and returns the `Authorization` header value.
 */
export async function mintAuthorization(
  signer: Signer,
  parameters: { marketplace: Address; purchaseId: bigint; providerId: number; nonce: bigint },
): Promise<{ authorization: string; expiry: bigint }> {
  const chainId = signer.chain.id ?? (await getChainId(signer));
  const expiry = BigInt(Math.floor(Date.now() / 1000) + TOKEN_SECONDS);
  const message = {
    purchaseId: parameters.purchaseId,
    providerId: parameters.providerId,
    consumer: signer.account.address,
    expiry,
    nonce: parameters.nonce,
  };
  const signature = await signTypedData(signer, {
    account: signer.account,
    domain: accessTokenDomain({ chainId, marketplace: parameters.marketplace }),
    types: accessTokenTypes,
    primaryType: "AccessToken",
    message,
  });
  return { authorization: `Palisade ${encodeAccessToken({ ...message, signature })}`, expiry };
}

export interface CallResult {
  status: number;
  body: unknown;
  callsRemaining: number | undefined;
}

/** One paid call: the gateway's answer, or ApiError with its code (`quota_exhausted`, `token_replayed` …). */
export async function callGateway(
  url: string,
  authorization: string,
  body: unknown | undefined,
): Promise<CallResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new ApiError(
      0,
      "unreachable",
      `${url} did not answer`,
      "a provider outside the devnet must allow this page's origin (CORS)",
      error,
    );
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: shown as text
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      `${response.status} ${error?.code ?? ""}: ${error?.message ?? text.slice(0, 200)}`,
    );
  }
  const remaining = response.headers.get("x-palisade-calls-remaining");
  return {
    status: response.status,
    body: parsed,
    callsRemaining: remaining === null ? undefined : Number(remaining),
  };
}
