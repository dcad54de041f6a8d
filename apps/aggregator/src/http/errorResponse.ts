import { EngineError, EngineRpcError, InvalidInputError, UnknownEngineError } from "@palisade/engines";
import { StoreError } from "@palisade/store";
import { AggregatorError, NoOperatorsError, SignatureRejectedError, TaskNotFoundError } from "../errors.ts";

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
    error: { code: string; message: string; details?: string; reason?: string; issues?: readonly unknown[] };
  };
  /** 5xx: log the whole error; the body says only what the caller may know. */
  internal: boolean;
}

/** The one place errors become HTTP responses. */
export function errorResponse(error: unknown): ErrorResponse {
  const respond = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => {
    const body: ErrorResponse["body"] = { error: { code, message } };
    for (const [key, value] of Object.entries(extra))
      if (value !== undefined && !(Array.isArray(value) && value.length === 0))
        Object.assign(body.error, { [key]: value });
    return { status, body, internal: status >= 500 };
  };
  if (error instanceof HttpError) return respond(error.status, error.code, error.message);
  if (error instanceof InvalidInputError)
    return respond(400, error.name, error.shortMessage, { issues: error.issues });
  if (error instanceof UnknownEngineError)
    return respond(400, error.name, error.shortMessage, { details: error.details });
  if (error instanceof TaskNotFoundError) return respond(404, error.name, error.shortMessage);
  if (error instanceof SignatureRejectedError) {
    const status =
      error.reason === "late" || error.reason === "conflict"
        ? 409
        : error.reason === "bad_encoding"
          ? 400
          : 422;
    return respond(status, error.name, error.shortMessage, { reason: error.reason, details: error.details });
  }
  if (error instanceof NoOperatorsError) return respond(503, error.name, error.shortMessage);
  if (error instanceof EngineRpcError) return respond(502, error.name, error.shortMessage);
  if (error instanceof StoreError || error instanceof AggregatorError || error instanceof EngineError)
    return respond(500, error.name, error.shortMessage);
  return respond(500, "InternalError", "internal error");
}
