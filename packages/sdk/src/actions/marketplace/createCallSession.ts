import type { SignedAccessToken } from "@palisade/crypto";
import { BaseError } from "@palisade/errors";
import type { Address } from "viem";
import type { MarketplaceDeployment } from "../../deployment.ts";
import type { WriteClient } from "../../internal/types.ts";
import { mintAccessToken } from "./mintAccessToken.ts";

/** Calls per token by default: one signature (and one recovery at the provider) per 100 calls. */
const DEFAULT_BATCH_SIZE = 100;
/** Default token lifetime, as mintAccessToken's: two minutes, under the five gateways accept. */
const DEFAULT_TOKEN_SECONDS = 120;
/**
 * A batch's token is signed again (same nonce, later expiry) when it has less than this left: a
 * call handed out with it must still reach the provider before it expires.
 */
const RENEW_BEFORE_SECONDS = 15;

export interface CreateCallSessionParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  purchaseId: bigint;
  /** The purchase's provider. */
  providerId: number;
  /** Calls bought: no token covers more (the provider refuses it, `claim` would not take it). */
  calls: number | bigint;
  /** The purchase's consumer. Default: the client's account (sign as a session key by passing the consumer). */
  consumer?: Address;
  /** Calls per token (default 100). The consumer authorises a whole batch when it signs it. */
  batchSize?: number;
  /** The first call to hand out (default 1n): resume after calls already used or claimed. */
  firstCall?: bigint;
  /** Lifetime of each token in seconds (default 120); at most the provider's limit (300 by default). */
  tokenSeconds?: number;
  /** Unix milliseconds (default `Date.now`). */
  now?: () => number;
}

/** One call's credentials: send both (`callService({ url, authorization, call })`). */
export interface SessionCall {
  /** `Palisade <token>`, the token of the batch holding `call`. */
  authorization: string;
  /** The call's number, sent as `X-Palisade-Call`. */
  call: bigint;
  token: SignedAccessToken;
}

export interface CallSession {
  /**
   * The next call's number with its batch's token, in order; signs a token when a batch starts (or
   * its token nears expiry). Concurrent calls share one signature. Throws CallSessionExhaustedError
   * past the calls bought.
   */
  next(): Promise<SessionCall>;
  /** The number `next()` hands out next. */
  readonly nextCall: bigint;
}

export type CreateCallSessionReturnType = CallSession;

/** A call session has handed out every call of the purchase. */
export class CallSessionExhaustedError extends BaseError {
  override name = "CallSessionExhaustedError";
  constructor(
    readonly purchaseId: bigint,
    readonly calls: bigint,
  ) {
    super(`purchase ${purchaseId} has no call left after call ${calls}`, {
      details: "buy more calls (purchaseCalls) and start a session for the new purchase",
    });
  }
}

/** A session was given an unusable setting. */
export class InvalidCallSessionError extends BaseError {
  override name = "InvalidCallSessionError";
  constructor(field: string, expected: string) {
    super(`invalid ${field}: expected ${expected}`);
  }
}

interface Batch {
  /** The batch's last call: its token's nonce. */
  end: bigint;
  minted: Promise<SignedAccessToken & { authorization: string }> | undefined;
  expiresAtMs: number;
}

/**
 * Hands out a purchase's calls in order, one signed token per batch of `batchSize` calls: the token
 * with nonce k covers calls k − batchSize + 1 … k, each sent with its number (`X-Palisade-Call`), so
 * the consumer signs once per batch and the provider recovers the signature once. Signing a batch
 * authorises all of its calls: a provider may claim the batch's token for the whole batch even if
 * fewer were made, so the consumer's exposure is at most one batch (decision 0004) — keep it to what
 * you will use. The last batch stops at `calls`.
 *
 * @example
 * const session = createCallSession(walletClient, { contracts, purchaseId: 7n, providerId: 1, calls: 1_000 });
 * for (const address of addresses) {
 *   const { authorization, call } = await session.next();
 *   await callService({ url: `${endpoint}/v1/address?address=${address}`, authorization, call });
 * }
 */
export function createCallSession(
  client: WriteClient,
  parameters: CreateCallSessionParameters,
): CreateCallSessionReturnType {
  const { contracts, purchaseId, providerId } = parameters;
  const batchSize = parameters.batchSize ?? DEFAULT_BATCH_SIZE;
  const tokenSeconds = parameters.tokenSeconds ?? DEFAULT_TOKEN_SECONDS;
  const now = parameters.now ?? Date.now;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    throw new InvalidCallSessionError("batchSize", "a positive integer");
  if (!Number.isSafeInteger(tokenSeconds) || tokenSeconds <= RENEW_BEFORE_SECONDS)
    throw new InvalidCallSessionError("tokenSeconds", `an integer above ${RENEW_BEFORE_SECONDS}`);
  const calls = BigInt(parameters.calls);
  let nextCall = parameters.firstCall ?? 1n;
  if (nextCall < 1n) throw new InvalidCallSessionError("firstCall", "at least 1n");
  let batch: Batch | undefined;

  /** The batch's token, signed (again) when it has none or it nears expiry; one signing at a time. */
  function tokenOf(current: Batch): Promise<SignedAccessToken & { authorization: string }> {
    if (current.minted !== undefined && current.expiresAtMs - now() > RENEW_BEFORE_SECONDS * 1000)
      return current.minted;
    const expiry = BigInt(Math.floor(now() / 1000) + tokenSeconds);
    current.expiresAtMs = Number(expiry) * 1000;
    const minted = mintAccessToken(client, {
      contracts,
      purchaseId,
      providerId,
      nonce: current.end,
      expiry,
      ...(parameters.consumer === undefined ? {} : { consumer: parameters.consumer }),
    }).then(({ token, authorization }) => ({ ...token, authorization }));
    current.minted = minted;
    // A failed signature (wallet refused, RPC down) is not kept: the next call asks again.
    minted.catch(() => {
      if (current.minted === minted) current.minted = undefined;
    });
    return minted;
  }

  return {
    async next() {
      if (nextCall > calls) throw new CallSessionExhaustedError(purchaseId, calls);
      // Numbers are taken synchronously, so concurrent callers never share one.
      const call = nextCall++;
      if (batch === undefined || call > batch.end) {
        const end = call + BigInt(batchSize) - 1n;
        batch = { end: end < calls ? end : calls, minted: undefined, expiresAtMs: 0 };
      }
      const { authorization, ...token } = await tokenOf(batch);
      return { authorization, call, token };
    },
    get nextCall() {
      return nextCall;
    },
  };
}
