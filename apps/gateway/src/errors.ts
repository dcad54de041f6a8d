import { BaseError } from "@palisade/errors";

/** A field of the request and what is wrong with it (zod's issues, flattened). */
export interface RequestIssue {
  /** Dotted path of the field (`address`, `value`, `(root)` for the whole input). */
  path: string;
  message: string;
}

/**
 * A gateway failure with its HTTP status and a stable `code` (the guard's errors have their own).
 * `shortMessage` and `publicDetails` are sent to the caller; `details` (which BaseError fills from
 * the cause) and `cause` are for logs only.
 */
export class GatewayError extends BaseError {
  override name = "GatewayError";
  /** What the caller may read beyond the message (never derived from the cause). */
  readonly publicDetails: string | undefined;
  /** Extra response headers (Allow, Retry-After …). */
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options: { details?: string; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, { details: options.details, cause: options.cause });
    this.publicDetails = options.details;
    this.headers = options.headers ?? {};
  }
}

/** No route for this path (404 `not_found`). */
export class RouteNotFoundError extends GatewayError {
  override name = "RouteNotFoundError";
  constructor(method: string, path: string, known: readonly string[]) {
    super(404, "not_found", `no route for ${method} ${path}`, {
      details: `routes: ${known.join(", ")} (described in GET /v1/openapi.json)`,
    });
  }
}

/** The path exists, with another method (405 `method_not_allowed`, `Allow` lists the methods). */
export class MethodNotAllowedError extends GatewayError {
  override name = "MethodNotAllowedError";
  constructor(method: string, path: string, allowed: readonly string[]) {
    super(405, "method_not_allowed", `${path} does not answer ${method}; use ${allowed.join(" or ")}`, {
      headers: { allow: allowed.join(", ") },
    });
  }
}

/**
 * The request's input is invalid (400 `invalid_request`): checked before the access token, so it
 * costs no call. `issues` name each field and what is wrong with it.
 */
export class InvalidRequestError extends GatewayError {
  override name = "InvalidRequestError";
  constructor(
    message: string,
    readonly issues: readonly RequestIssue[] = [],
  ) {
    super(400, "invalid_request", message, {
      ...(issues.length === 0
        ? {}
        : { details: issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ") }),
    });
  }
}

/** A POST body larger than the route accepts (413 `payload_too_large`), refused before it is read whole. */
export class PayloadTooLargeError extends GatewayError {
  override name = "PayloadTooLargeError";
  constructor(limit: number) {
    super(413, "payload_too_large", `the request body is larger than ${limit} bytes`);
  }
}

/** A POST body that is not `application/json` (415 `unsupported_media_type`). */
export class UnsupportedMediaTypeError extends GatewayError {
  override name = "UnsupportedMediaTypeError";
  constructor(contentType: string | undefined) {
    super(
      415,
      "unsupported_media_type",
      `send the body as application/json${contentType ? ` (got ${contentType.slice(0, 100)})` : ""}`,
    );
  }
}

/**
 * Too many requests from this consumer (or address) for its token bucket (429 `rate_limited`).
 * Nothing was checked or recorded; retry after `retryAfterSeconds`.
 */
export class RateLimitedError extends GatewayError {
  override name = "RateLimitedError";
  constructor(
    readonly retryAfterSeconds: number,
    who: "consumer" | "address",
  ) {
    super(429, "rate_limited", `too many requests from this ${who}; retry in ${retryAfterSeconds} s`, {
      headers: { "retry-after": String(retryAfterSeconds) },
    });
  }
}

/**
 * The block asked for is beyond the chain's head (409 `block_ahead_of_chain`): the request is well
 * formed but the state it names does not exist yet — retry once the chain has reached it. Checked
 * before the access token, so it costs no call (only a request racing a node that fell behind can
 * hit it after the call was recorded).
 */
export class BlockAheadError extends GatewayError {
  override name = "BlockAheadError";
  constructor(block: number, head: number, cause?: unknown) {
    super(
      409,
      "block_ahead_of_chain",
      `block ${block} is ahead of the chain (latest block ${head}); retry when the chain has reached it`,
      { cause },
    );
  }
}

/** The token address holds no code at the block (422 `not_a_contract`): nothing to judge. */
export class NotAContractError extends GatewayError {
  override name = "NotAContractError";
  constructor(token: string, block: number | "latest", cause?: unknown) {
    super(422, "not_a_contract", `${token} has no code at block ${block}`, {
      details: "a token is a contract: check the address, the chain and the block",
      cause,
    });
  }
}

/** The chain RPC failed (502 `upstream_error`). After the guard, the call stays recorded. */
export class UpstreamError extends GatewayError {
  override name = "UpstreamError";
  constructor(cause: unknown) {
    super(502, "upstream_error", "the chain RPC failed while answering; retry", { cause });
  }
}

/** The node offers none of the firewall's simulation methods (502 `simulation_unavailable`). */
export class SimulationUnavailableGatewayError extends GatewayError {
  override name = "SimulationUnavailableGatewayError";
  constructor(cause: unknown) {
    super(
      502,
      "simulation_unavailable",
      "the gateway's node offers neither debug_traceCall nor eth_simulateV1",
      { cause },
    );
  }
}

/**
 * The engine is configured for another chain (a DEX factory without code, …): the operator's
 * mistake, not the caller's (500 `engine_misconfigured`, logged).
 */
export class EngineMisconfiguredError extends GatewayError {
  override name = "EngineMisconfiguredError";
  constructor(cause: unknown) {
    super(500, "engine_misconfigured", "the engine is misconfigured on this gateway", { cause });
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

/** The gateway could not start: lists unreadable, services unreadable, a DEX that is not there … */
export class GatewayStartError extends BaseError {
  override name = "GatewayStartError";
}

/**
 * `attest=true` on a gateway started without `--aggregator-url` (503 `attestation_unavailable`),
 * refused before the call is spent.
 */
export class AttestationUnavailableError extends GatewayError {
  override name = "AttestationUnavailableError";
  constructor() {
    super(
      503,
      "attestation_unavailable",
      "this gateway is not connected to an aggregator: ask without attest=true, or ask another provider",
    );
  }
}

/**
 * The aggregator refused the task or the operators could not certify it (502 `attestation_failed`).
 * After the guard, the call stays recorded.
 */
export class AttestationFailedError extends GatewayError {
  override name = "AttestationFailedError";
  constructor(reason: string, cause?: unknown) {
    super(502, "attestation_failed", `the operators did not certify a verdict: ${reason}`, {
      ...(cause === undefined ? {} : { cause }),
    });
  }
}

/** No certificate on-chain within the gateway's attestation timeout (504 `attestation_timeout`). */
export class AttestationTimeoutError extends GatewayError {
  override name = "AttestationTimeoutError";
  constructor(taskId: string, timeoutMs: number, cause?: unknown) {
    super(
      504,
      "attestation_timeout",
      `task ${taskId} was not certified on-chain within ${Math.round(timeoutMs / 1000)} s; GET the aggregator's /v1/tasks/${taskId} later`,
      { ...(cause === undefined ? {} : { cause }) },
    );
  }
}

/**
 * `POST /v1/alerts` on a gateway started without `--alerts-token-file` (403 `alerts_not_accepted`):
 * it takes alerts from no one.
 */
export class AlertsNotAcceptedError extends GatewayError {
  override name = "AlertsNotAcceptedError";
  constructor() {
    super(403, "alerts_not_accepted", "this gateway accepts no alerts (it runs without --alerts-token-file)");
  }
}

/**
 * `POST /v1/alerts` without `Authorization: Bearer <secret>`, or with another secret than the gateway's
 * `--alerts-token-file` (401 `invalid_alerts_token`, with `WWW-Authenticate: Bearer`). Nothing is read
 * or stored.
 */
export class AlertsUnauthorizedError extends GatewayError {
  override name = "AlertsUnauthorizedError";
  constructor(reason: "missing" | "invalid") {
    super(
      401,
      "invalid_alerts_token",
      reason === "missing"
        ? "send the alerts secret as Authorization: Bearer <secret>"
        : "the alerts secret is not this gateway's",
      {
        headers: {
          "www-authenticate": `Bearer realm="palisade-alerts"${reason === "invalid" ? ', error="invalid_token"' : ""}`,
        },
      },
    );
  }
}

/** No purchase with this id among this provider's (404 `purchase_not_found`): unknown, or another provider's. */
export class UnknownPurchaseError extends GatewayError {
  override name = "UnknownPurchaseError";
  constructor(purchaseId: bigint, providerId: number) {
    super(404, "purchase_not_found", `purchase ${purchaseId} is not a purchase of provider ${providerId}`);
  }
}
