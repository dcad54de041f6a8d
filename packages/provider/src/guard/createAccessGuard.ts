import type { IncomingMessage, ServerResponse } from "node:http";
import {
  AccessTokenSignatureError,
  recoverAccessTokenSigner,
  type SignedAccessToken,
} from "@palisade/crypto";
import { type MeteringStore, ReplayedCallError } from "@palisade/store";
import type { Address } from "viem";
import { sendErrorResponse } from "../errorResponse.ts";
import {
  InvalidGuardConfigError,
  InvalidSignatureError,
  InvalidTokenError,
  MeteringUnavailableError,
  PurchaseExpiredError,
  PurchaseNotFoundError,
  PurchaseRefundedError,
  PurchaseSourceUnavailableError,
  QuotaExhaustedError,
  TokenExpiredError,
  TokenLifetimeTooLongError,
  TokenReplayedError,
  WrongProviderError,
  WrongServiceError,
} from "../errors.ts";
import type { Purchase, PurchaseSource } from "../purchases/purchaseSource.ts";
import { createSignerCache } from "./createSignerCache.ts";
import { authorizationToken, decodeAuthorizationToken } from "./parseAuthorization.ts";
import { CALL_HEADER, parseCallNumber } from "./parseCallNumber.ts";

/** Default bound of the signer cache: 100,000 batch tokens in use, ≈ 50 MB when full (createSignerCache.ts). */
const DEFAULT_SIGNER_CACHE_SIZE = 100_000;

export interface CreateAccessGuardParameters {
  /** This provider's id: tokens and purchases of any other provider are refused. */
  providerId: number;
  /** The Marketplace: the EIP-712 domain's verifying contract. */
  marketplace: Address;
  chainId: number;
  purchases: PurchaseSource;
  metering: MeteringStore;
  /**
   * Tokens expiring further ahead are refused. Keep it at most the Marketplace's
   * `sessionRevocationDelay`: a revoked session key's tokens stay claimable that long, and the
   * purchase source may learn of the revocation a poll late.
   */
  maxTokenLifetimeSeconds: number;
  /**
   * At most this many recovered signers kept by token (default 100,000; 0: recover every call).
   * Only tokens presented with a call number (`X-Palisade-Call`, a token covering a range) are
   * cached: a token per call is seen once.
   */
  signerCacheSize?: number;
  /** Unix milliseconds (default `Date.now`). */
  now?: () => number;
  /** Receives every error answered with a 5xx (the library does not log). */
  onInternalError?: (error: unknown) => void;
}

/** A call the guard let through: recorded durably before `next()` ran. */
export interface AuthorizedCall {
  purchaseId: bigint;
  /** The call's number within the purchase, 1 … `nonce` (`X-Palisade-Call`, else the token's nonce). */
  call: bigint;
  /** The token's nonce: it authorises calls 1 … nonce (a token per call: the call's number). */
  nonce: bigint;
  /** The token's expiry, Unix seconds. */
  expiry: bigint;
  /** The purchase's consumer (lower-case). */
  consumer: Address;
  /** Who signed: the consumer or its session key (lower-case). */
  signer: Address;
  serviceId: number;
  /** Calls bought. */
  calls: number;
  /** Calls recorded for the purchase with this one. */
  callsRecorded: number;
  /** `calls − callsRecorded`: how many more calls of this purchase will be served. */
  callsRemaining: number;
  /** Unix milliseconds at which it was recorded. */
  servedAt: number;
}

/** A request the middleware let through. */
export type GuardedRequest = IncomingMessage & { palisade: AuthorizedCall };

/** The `X-Palisade-Call` header as node:http hands it over. */
type CallNumberHeader = string | readonly string[] | undefined;

/** What the synchronous checks establish about a presented token. */
interface Presented {
  /** The token as sent: the signer cache's key. */
  encoded: string;
  token: SignedAccessToken;
  call: bigint;
  /** Lower-case; not yet known to be allowed to sign for the consumer when it is another key. */
  signer: Address;
  /** The signer came from the cache. */
  cached: boolean;
  servedAt: number;
  nowSeconds: bigint;
}

/** What `authorize` is asked to accept beyond the provider's own purchases. */
export interface AuthorizeOptions {
  /**
   * The services this endpoint serves: a purchase of this provider for any other service is refused
   * (403 wrong_service) before the call is recorded. Read when the purchase is checked, after the
   * purchase source answered, so a live set the host updates meanwhile is honoured. Omitted: any
   * service of this provider.
   */
  serviceIds?: ReadonlySet<number>;
}

export interface AccessGuard {
  /**
   * Checks the `Authorization` header value and the `X-Palisade-Call` one (the call number, when the
   * token covers a range; absent: the token's nonce) and records the call; resolves with the call,
   * or rejects with a GuardError (status and code for `errorResponse`). A rejection records nothing.
   * With `options.serviceIds`, only purchases of those services are accepted (403 wrong_service).
   */
  authorize(
    authorization: string | undefined,
    callNumber?: CallNumberHeader,
    options?: AuthorizeOptions,
  ): Promise<AuthorizedCall>;
  /**
   * Connect-style middleware (node:http, express, connect …): on success sets `request.palisade`
   * and `X-Palisade-Calls-Remaining`, then calls `next()`; on refusal answers
   * `{ error: { code, message } }` with the error's status and never calls `next`.
   */
  middleware(request: IncomingMessage, response: ServerResponse, next: () => void): void;
}

/**
 * The provider's gate: verifies an access token against the purchase on the chain and records the
 * call durably before it is served.
 *
 * A token with nonce k authorises calls 1 … k of its purchase; a call presents it with its number n
 * in `X-Palisade-Call` (without the header n = k, a token per call). Checks, in order, each with its
 * own error: the token decodes and n is a decimal in [1, k] (401 invalid_token); it is for this
 * provider (403 wrong_provider); it has not expired (401 token_expired) and does not live longer than
 * `maxTokenLifetimeSeconds` (401 token_lifetime_too_long); its signer is the consumer or a session key
 * valid until the token's expiry (401 invalid_signature); the purchase exists (404
 * purchase_not_found), belongs to the token's consumer (401 invalid_signature) and to this provider
 * (403 wrong_provider) and, when the caller names the services it serves, to one of them (403
 * wrong_service), is not refunded (410 purchase_refunded) nor expired (410 purchase_expired);
 * k is within the calls bought (402 quota_exhausted: the contract would not take the token as proof)
 * and n is above the calls already claimed on-chain (409 token_replayed). Only then is the call
 * recorded — `metering.recordCall` is the replay guard on (purchase, n), exact across processes (409
 * token_replayed) — and only after it resolves does `next()` run.
 *
 * The signer recovered from a token presented with a call number is cached by the token's exact
 * bytes (createSignerCache.ts says why that is safe): the k calls of a batch token cost one recovery.
 *
 * @example
 * const guard = createAccessGuard({ providerId: 7, marketplace, chainId: 31337, purchases, metering, maxTokenLifetimeSeconds: 300 });
 * createServer((request, response) =>
 *   guard.middleware(request, response, () => {
 *     const call = (request as GuardedRequest).palisade;
 *     response.end(JSON.stringify({ verdict: "benign", purchase: call.purchaseId.toString() }));
 *   }),
 * ).listen(8700);
 */
export function createAccessGuard(parameters: CreateAccessGuardParameters): AccessGuard {
  const { providerId, marketplace, chainId, purchases, metering, maxTokenLifetimeSeconds } = parameters;
  if (!Number.isInteger(providerId) || providerId < 0 || providerId > 2 ** 32 - 1)
    throw new InvalidGuardConfigError("providerId", "an integer in [0, 2^32)");
  if (!Number.isSafeInteger(chainId) || chainId <= 0)
    throw new InvalidGuardConfigError("chainId", "a positive integer");
  if (typeof marketplace !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(marketplace))
    throw new InvalidGuardConfigError("marketplace", "a 0x-prefixed 20-byte address");
  if (!Number.isSafeInteger(maxTokenLifetimeSeconds) || maxTokenLifetimeSeconds <= 0)
    throw new InvalidGuardConfigError("maxTokenLifetimeSeconds", "a positive integer");
  const signerCacheSize = parameters.signerCacheSize ?? DEFAULT_SIGNER_CACHE_SIZE;
  if (!Number.isSafeInteger(signerCacheSize) || signerCacheSize < 0)
    throw new InvalidGuardConfigError("signerCacheSize", "a non-negative integer");
  const now = parameters.now ?? Date.now;
  const maxLifetime = BigInt(maxTokenLifetimeSeconds);
  const signers = createSignerCache(signerCacheSize);

  /**
   * Checks 1–5 (what the token alone decides), synchronously: the token and call number, the
   * provider, the expiry and lifetime, and who signed (the session key's validity excepted, which
   * needs the purchase source).
   */
  function present(authorization: string | undefined, callNumber: CallNumberHeader): Presented {
    const encoded = authorizationToken(authorization);
    const token = decodeAuthorizationToken(encoded);
    if (token.nonce === 0n) throw new InvalidTokenError("nonce 0: calls are numbered from 1");
    const call = parseCallNumber(callNumber, token.nonce);
    if (token.providerId !== providerId) throw new WrongProviderError(token.providerId, providerId, "token");

    const servedAt = now();
    const nowSeconds = BigInt(Math.floor(servedAt / 1000));
    if (token.expiry < nowSeconds) throw new TokenExpiredError(token.expiry, nowSeconds);
    if (token.expiry - nowSeconds > maxLifetime)
      throw new TokenLifetimeTooLongError(token.expiry, nowSeconds, maxTokenLifetimeSeconds);

    // A hit is these very bytes, recovered before: the same signer, without the ≈ 70 µs.
    const cached = signers.get(encoded);
    if (cached !== undefined)
      return { encoded, token, call, signer: cached, cached: true, servedAt, nowSeconds };
    try {
      const signer = recoverAccessTokenSigner({ chainId, marketplace, token });
      return { encoded, token, call, signer, cached: false, servedAt, nowSeconds };
    } catch (error) {
      if (error instanceof AccessTokenSignatureError)
        throw new InvalidSignatureError("the token's signature is malformed", { cause: error });
      throw error;
    }
  }

  /**
   * Checks 6–12: the purchase exists, is the token's consumer's, this provider's and (when given) one
   * of `serviceIds`, live, within quota.
   */
  function checkPurchase(
    presented: Presented,
    purchase: Purchase | undefined,
    serviceIds: ReadonlySet<number> | undefined,
  ): Purchase {
    const { token, call, nowSeconds } = presented;
    if (purchase === undefined) throw new PurchaseNotFoundError(token.purchaseId);
    if (purchase.consumer.toLowerCase() !== token.consumer)
      throw new InvalidSignatureError("the token names another consumer than the purchase's");
    if (purchase.providerId !== providerId)
      throw new WrongProviderError(purchase.providerId, providerId, "purchase");
    if (serviceIds !== undefined && !serviceIds.has(purchase.serviceId))
      throw new WrongServiceError(
        purchase.serviceId,
        [...serviceIds].sort((a, b) => a - b),
      );
    if (purchase.refunded) throw new PurchaseRefundedError(token.purchaseId);
    if (BigInt(purchase.expiry) < nowSeconds)
      throw new PurchaseExpiredError(token.purchaseId, purchase.expiry);
    // The whole token, not only this call: `claim` refuses a proof beyond the calls bought, so calls
    // served under such a token could never be paid (n ≤ k ≤ calls is the quota).
    if (token.nonce > BigInt(purchase.calls))
      throw new QuotaExhaustedError(token.nonce, purchase.calls, call);
    // Claimed on-chain means served: even a metering file that lost it must not serve it again.
    if (call <= BigInt(purchase.served)) throw new TokenReplayedError(token.purchaseId, call);
    return purchase;
  }

  // The checks live in the synchronous helpers above: this async function keeps few locals and
  // creates no closures, since it runs (and is suspended twice) for every call.
  async function authorize(
    authorization: string | undefined,
    callNumber?: CallNumberHeader,
    options?: AuthorizeOptions,
  ): Promise<AuthorizedCall> {
    const presented = present(authorization, callNumber);
    const { token, call, signer, servedAt } = presented;
    // decodeAccessToken gives the consumer lower-case, recoverAccessTokenSigner the signer.
    if (signer !== token.consumer) {
      // Asked on every call, cached signer or not: the key may have been revoked since.
      let validUntil: number;
      try {
        validUntil = await purchases.sessionKeyValidUntil(token.consumer, signer);
      } catch (error) {
        // A purchase-source failure is the chain's, not the caller's: 503, nothing recorded.
        throw new PurchaseSourceUnavailableError(error);
      }
      if (token.expiry > BigInt(validUntil))
        throw new InvalidSignatureError(
          "the token is signed neither by the consumer nor by a session key valid until its expiry",
        );
    }
    let found: Purchase | undefined;
    try {
      found = await purchases.getPurchase(token.purchaseId);
    } catch (error) {
      throw new PurchaseSourceUnavailableError(error);
    }
    const purchase = checkPurchase(presented, found, options?.serviceIds);
    // Cached once every check passed (a forged or misdirected token never takes a place), and only
    // when the call names its number: a token per call will not be seen again.
    if (!presented.cached && callNumber !== undefined) signers.set(presented.encoded, signer);

    let callsRecorded: number;
    try {
      ({ callsRecorded } = await metering.recordCall({
        purchaseId: token.purchaseId,
        call,
        nonce: token.nonce,
        expiry: token.expiry,
        signer,
        signature: token.signature,
        servedAt,
      }));
    } catch (error) {
      if (error instanceof ReplayedCallError)
        throw new TokenReplayedError(token.purchaseId, call, { cause: error });
      throw new MeteringUnavailableError(error);
    }
    return {
      purchaseId: token.purchaseId,
      call,
      nonce: token.nonce,
      expiry: token.expiry,
      consumer: token.consumer,
      signer,
      serviceId: purchase.serviceId,
      calls: purchase.calls,
      callsRecorded,
      callsRemaining: Math.max(0, purchase.calls - callsRecorded),
      servedAt,
    };
  }

  const report = (error: unknown) => parameters.onInternalError?.(error);

  return {
    authorize,
    middleware(request, response, next) {
      authorize(request.headers.authorization, request.headers[CALL_HEADER]).then(
        (call) => {
          (request as GuardedRequest).palisade = call;
          response.setHeader("x-palisade-calls-remaining", String(call.callsRemaining));
          try {
            next();
          } catch (error) {
            // The handler's own failure, after the call was recorded: answer it rather than hang.
            report(error);
            sendErrorResponse(response, error);
          }
        },
        (error: unknown) => {
          // A refusal may leave a request body unread: close the connection rather than read it.
          if (!request.complete) response.setHeader("connection", "close");
          if (sendErrorResponse(response, error).internal) report(error);
        },
      );
    },
  };
}
