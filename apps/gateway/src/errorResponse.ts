import type { ServerResponse } from "node:http";
import {
  BlockAheadOfChainError,
  DexFactoryNotFoundError,
  EngineRpcError,
  InvalidInputError,
  SimulationUnavailableError,
  TokenNotAContractError,
} from "@palisade/engines";
import { GuardError, errorResponse as guardErrorResponse } from "@palisade/provider";
import {
  BlockAheadError,
  EngineMisconfiguredError,
  GatewayError,
  InvalidRequestError,
  NotAContractError,
  type RequestIssue,
  SimulationUnavailableGatewayError,
  UpstreamError,
} from "./errors.ts";

/** The JSON body of every error answer (described as `Error` in the OpenAPI document). */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: string;
    /** `invalid_request` only: each field and what is wrong with it. */
    issues?: RequestIssue[];
  };
}

export interface GatewayErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: ErrorBody;
  /** A 5xx: the host logs the whole error (the body says only what the caller may know). */
  internal: boolean;
}

/** An engine's named error as the gateway's; anything else unchanged. */
function fromEngine(error: unknown): unknown {
  if (error instanceof InvalidInputError)
    return new InvalidRequestError(error.shortMessage, [...error.issues]);
  if (error instanceof BlockAheadOfChainError) return new BlockAheadError(error.block, error.head, error);
  if (error instanceof TokenNotAContractError) return new NotAContractError(error.token, error.block, error);
  if (error instanceof DexFactoryNotFoundError) return new EngineMisconfiguredError(error);
  if (error instanceof SimulationUnavailableError) return new SimulationUnavailableGatewayError(error);
  if (error instanceof EngineRpcError) return new UpstreamError(error);
  return error;
}

/**
 * The one place the gateway turns errors into responses: access-guard refusals keep the guard's
 * status, code and headers (WWW-Authenticate, Retry-After); engine errors become the gateway's
 * (bad input 400, block ahead 409, not a contract 422, RPC failures 502 …); gateway errors answer
 * their own status, code and headers; anything else is a 500 that reveals nothing.
 */
export function errorResponse(error: unknown): GatewayErrorResponse {
  if (error instanceof GuardError) return guardErrorResponse(error);
  const mapped = fromEngine(error);
  if (mapped instanceof GatewayError) {
    const body: ErrorBody = { error: { code: mapped.code, message: mapped.shortMessage } };
    if (mapped.publicDetails) body.error.details = mapped.publicDetails;
    if (mapped instanceof InvalidRequestError && mapped.issues.length > 0)
      body.error.issues = [...mapped.issues];
    return {
      status: mapped.status,
      headers: { "content-type": "application/json", ...mapped.headers },
      body,
      internal: mapped.status >= 500,
    };
  }
  return {
    status: 500,
    headers: { "content-type": "application/json" },
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

/** JSON with bigints as decimal strings. */
export function toJson(body: unknown): string {
  return JSON.stringify(body, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
}

/** Writes a JSON body with its length (bigints as decimal strings). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = toJson(body);
  response.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  response.end(text);
}
