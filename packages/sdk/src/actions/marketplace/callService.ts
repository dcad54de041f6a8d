import { BaseError } from "@palisade/errors";

export interface CallServiceParameters {
  /** Full URL of the provider's service (its endpoint + the service's path + query). */
  url: string;
  /** From `mintAccessToken`: `Palisade <token>`. */
  authorization: string;
  /**
   * The call's number under a token covering a range (1 … the token's nonce), sent as
   * `X-Palisade-Call`. Omitted: the provider takes the token's nonce (a token per call).
   * `createCallSession` hands these out with their tokens.
   */
  call?: number | bigint;
  method?: "GET" | "POST";
  /** JSON body for POST. */
  body?: unknown;
  signal?: AbortSignal;
}

export interface CallServiceReturnType {
  status: number;
  /** The provider's JSON answer. */
  body: unknown;
  /** `X-Palisade-Calls-Remaining` when the provider reports it. */
  callsRemaining: number | undefined;
}

/** A provider refused a call: `code` is the middleware's stable code (`quota_exhausted`, `token_replayed` …). */
export class ServiceCallError extends BaseError {
  override name = "ServiceCallError";
  constructor(
    readonly url: string,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${url} refused the call: ${status} ${code}`, { details: message });
  }
}

/**
 * Calls a provider's service with an access token (and, for a token covering a range, the call's
 * number) and returns its JSON answer; a refusal throws ServiceCallError with the status and the
 * middleware's error code.
 *
 * @example
 * const { authorization } = await mintAccessToken(walletClient, { contracts, purchaseId, providerId, nonce: 1n });
 * const { body } = await callService({ url: "http://127.0.0.1:8700/v1/address?address=0x…", authorization });
 * // Or many calls, one token per batch: see createCallSession.
 * const { authorization: batch, call } = await session.next();
 * await callService({ url, authorization: batch, call });
 */
export async function callService(parameters: CallServiceParameters): Promise<CallServiceReturnType> {
  const method = parameters.method ?? (parameters.body === undefined ? "GET" : "POST");
  const { call } = parameters;
  const response = await fetch(parameters.url, {
    method,
    headers: {
      authorization: parameters.authorization,
      // Sent as given: the provider checks it (401 invalid_token outside 1 … the token's nonce).
      ...(call === undefined ? {} : { "x-palisade-call": String(call) }),
      ...(parameters.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(parameters.body === undefined ? {} : { body: JSON.stringify(parameters.body) }),
    ...(parameters.signal === undefined ? {} : { signal: parameters.signal }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a non-JSON answer is returned as text
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ServiceCallError(
      parameters.url,
      response.status,
      error?.code ?? "http_error",
      error?.message ?? text,
    );
  }
  const remaining = response.headers.get("x-palisade-calls-remaining");
  return {
    status: response.status,
    body,
    callsRemaining: remaining === null ? undefined : Number(remaining),
  };
}
