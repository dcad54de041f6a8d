import { DexFactoryNotFoundError, TokenNotAContractError } from "@palisade/engines";
import { ConflictingSignatureError, StoreError } from "@palisade/store";
import {
  BatchRootMismatchError,
  EngineError,
  EngineRpcError,
  InvalidInputError,
  NodeError,
  ReferenceBlockNotReachedError,
  RequestHashMismatchError,
  UnknownEngineError,
  VerdictMismatchError,
} from "../errors.ts";

/** An error the HTTP layer raises itself (bad method, body too large …). */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ErrorResponse {
  status: number;
  body: {
    error: {
      code: string;
      message: string;
      details?: string;
      issues?: readonly { path: string; message: string }[];
    };
  };
  /** 5xx: log the whole error; the body says only what the caller may know. */
  internal: boolean;
}

/** The one place errors become HTTP responses. */
export function errorResponse(error: unknown): ErrorResponse {
  const respond = (
    status: number,
    code: string,
    message: string,
    extra: { details?: string | undefined; issues?: readonly { path: string; message: string }[] } = {},
  ) => {
    const body: ErrorResponse["body"] = { error: { code, message } };
    if (extra.details !== undefined) body.error.details = extra.details;
    if (extra.issues !== undefined && extra.issues.length > 0) body.error.issues = extra.issues;
    return { status, body, internal: status >= 500 };
  };
  if (error instanceof HttpError) return respond(error.status, error.code, error.message);
  if (error instanceof InvalidInputError)
    return respond(400, error.name, error.shortMessage, { issues: error.issues });
  if (error instanceof UnknownEngineError)
    return respond(400, error.name, error.shortMessage, { details: error.details });
  if (error instanceof ConflictingSignatureError)
    return respond(409, error.name, error.shortMessage, { details: error.details });
  if (error instanceof VerdictMismatchError)
    return respond(409, error.name, error.shortMessage, { details: error.details });
  if (error instanceof RequestHashMismatchError || error instanceof BatchRootMismatchError)
    return respond(422, error.name, error.shortMessage, { details: error.details });
  if (error instanceof ReferenceBlockNotReachedError) return respond(422, error.name, error.shortMessage);
  // Deterministic facts about the request at its block (token-risk@1 asked about an address without
  // code, or pinned before the node's DEX existed), not faults of the node: every node refuses alike.
  if (error instanceof TokenNotAContractError || error instanceof DexFactoryNotFoundError)
    return respond(422, error.name, error.shortMessage, { details: error.details });
  if (error instanceof EngineRpcError) return respond(502, error.name, error.shortMessage);
  if (error instanceof StoreError || error instanceof NodeError || error instanceof EngineError)
    return respond(500, error.name, error.shortMessage);
  return respond(500, "InternalError", "internal error");
}
