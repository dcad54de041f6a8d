import type { ServerResponse } from "node:http";
import { GuardError, type GuardErrorCode } from "./errors.ts";

export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: GuardErrorCode | "internal_error"; message: string } };
  /** A 5xx: the host should log the whole error (the body says only what the caller may know). */
  internal: boolean;
}

/**
 * The one place errors become HTTP responses: a GuardError answers its own status and code with its
 * short message; anything else is a 500 `internal_error` whose message reveals nothing. A 401 carries
 * `WWW-Authenticate: Palisade error="<code>"`, a 503 `Retry-After: 1`.
 *
 * @example
 * try {
 *   call = await guard.authorize(request.headers.authorization);
 * } catch (error) {
 *   const { status, headers, body } = errorResponse(error);
 *   response.writeHead(status, headers).end(JSON.stringify(body));
 * }
 */
export function errorResponse(error: unknown): ErrorResponse {
  const json = { "content-type": "application/json" };
  if (!(error instanceof GuardError))
    return {
      status: 500,
      headers: json,
      body: { error: { code: "internal_error", message: "internal error" } },
      internal: true,
    };
  const headers: Record<string, string> = { ...json };
  if (error.status === 401) headers["www-authenticate"] = `Palisade error="${error.code}"`;
  if (error.status === 503) headers["retry-after"] = "1";
  return {
    status: error.status,
    headers,
    body: { error: { code: error.code, message: error.shortMessage } },
    internal: error.status >= 500,
  };
}

/** Writes `errorResponse(error)` unless a response is already under way. */
export function sendErrorResponse(response: ServerResponse, error: unknown): ErrorResponse {
  const mapped = errorResponse(error);
  if (response.headersSent) return mapped;
  const text = JSON.stringify(mapped.body);
  response.writeHead(mapped.status, { ...mapped.headers, "content-length": String(Buffer.byteLength(text)) });
  response.end(text);
  return mapped;
}
