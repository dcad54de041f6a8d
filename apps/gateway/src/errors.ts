import { BaseError } from "@palisade/errors";

/** A gateway failure with its HTTP status and a stable `code` (the guard's errors have their own). */
export class GatewayError extends BaseError {
  override name = "GatewayError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options: { details?: string; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** No route for this method and path (404 `not_found`). */
export class RouteNotFoundError extends GatewayError {
  override name = "RouteNotFoundError";
  constructor(method: string, path: string) {
    super(404, "not_found", `no route for ${method} ${path}`, {
      details: "GET /health, GET /v1/address?address=0x…, GET /v1/usage/:purchaseId",
    });
  }
}

/** The request's input is invalid (400 `invalid_input`). */
export class InvalidRequestError extends GatewayError {
  override name = "InvalidRequestError";
  constructor(message: string, details?: string) {
    super(400, "invalid_input", message, details === undefined ? {} : { details });
  }
}

/** The upstream RPC failed while an engine ran (502 `upstream_error`); the call stays recorded. */
export class UpstreamError extends GatewayError {
  override name = "UpstreamError";
  constructor(cause: unknown) {
    super(502, "upstream_error", "the chain RPC failed while running the engine", { cause });
  }
}

/** Invalid command-line configuration (exit code 2). */
export class GatewayConfigError extends BaseError {
  override name = "GatewayConfigError";
  constructor(
    message: string,
    readonly help = false,
  ) {
    super(message);
  }
}
