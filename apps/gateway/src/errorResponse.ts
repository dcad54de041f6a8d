import type { ServerResponse } from "node:http";
import { EngineRpcError, InvalidInputError } from "@palisade/engines";
import { GuardError, errorResponse as guardErrorResponse } from "@palisade/provider";
import { GatewayError, InvalidRequestError, UpstreamError } from "./errors.ts";

export interface GatewayErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: string; message: string; details?: string } };
  internal: boolean;
}

/**
 * The one place the gateway turns errors into responses: access-guard refusals keep the guard's
 * status, code and headers; engine input errors are 400, RPC failures 502; anything else a 500 that
 * reveals nothing.
 */
export function errorResponse(error: unknown): GatewayErrorResponse {
  if (error instanceof GuardError) return guardErrorResponse(error);
  const mapped =
    error instanceof InvalidInputError
      ? new InvalidRequestError(error.shortMessage, error.details)
      : error instanceof EngineRpcError
        ? new UpstreamError(error)
        : error;
  const headers = { "content-type": "application/json" };
  if (mapped instanceof GatewayError) {
    const body: GatewayErrorResponse["body"] = { error: { code: mapped.code, message: mapped.shortMessage } };
    if (mapped.details) body.error.details = mapped.details;
    return { status: mapped.status, headers, body, internal: mapped.status >= 500 };
  }
  return {
    status: 500,
    headers,
    body: { error: { code: "internal_error", message: "internal error" } },
    internal: true,
  };
}

/** Writes `errorResponse(error)` unless a response is under way; returns the mapping. */
export function sendError(response: ServerResponse, error: unknown): GatewayErrorResponse {
  const mapped = errorResponse(error);
  if (!response.headersSent) {
    const text = JSON.stringify(mapped.body);
    response.writeHead(mapped.status, {
      ...mapped.headers,
      "content-length": String(Buffer.byteLength(text)),
    });
    response.end(text);
  }
  return mapped;
}

/** Writes a JSON body with its length. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  response.end(text);
}
