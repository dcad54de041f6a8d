import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AccessGuard, CALL_HEADER } from "@palisade/provider";
import type { MeteringStore } from "@palisade/store";
import type { Logger } from "pino";
import type { Address, PublicClient } from "viem";
import { getBlockNumber } from "viem/actions";
import { ALERTS_PATH, ALERTS_STREAM_PATH, type AlertRoutes } from "./alerts/routes.ts";
import type { Attestor } from "./attest.ts";
import { sendError, sendJson } from "./errorResponse.ts";
import {
  AttestationUnavailableError,
  InvalidRequestError,
  MethodNotAllowedError,
  RateLimitedError,
  RouteNotFoundError,
  UpstreamError,
} from "./errors.ts";
import { OPENAPI_PATH, openApiDocument } from "./openapi/document.ts";
import { type RateLimiter, rateLimitKey } from "./rateLimit.ts";
import { readJsonBody } from "./readJsonBody.ts";
import type { EngineRoute, RouteContext } from "./routes/route.ts";
import type { RpcFirewall } from "./rpcFirewall/index.ts";
import type { ServiceDirectory } from "./services.ts";
import { answerUsageProof, USAGE_PROOF_PATH } from "./usageProof.ts";

export interface GatewayServerParameters {
  providerId: number;
  /** The Marketplace: the usage-proof route reads the purchase (provider, calls claimed) from it. */
  marketplace: Address;
  guard: AccessGuard;
  metering: MeteringStore;
  client: PublicClient;
  /** The paid routes (routes/index.ts `engineRoutes`). */
  routes: readonly EngineRoute[];
  /** Which of this provider's services each route serves (by on-chain endpoint path). */
  services: ServiceDirectory;
  /** Every request but `/health` takes a token from its consumer's (or address's) bucket first. */
  rateLimiter: RateLimiter;
  logger: Logger;
  /** The OpenAPI document's `info.version` (default "0.1.0"). */
  version?: string;
  /** Answers `attest=true` (operator-attested verdicts); without it such requests get 503. */
  attestor?: Attestor;
  /**
   * The JSON-RPC firewall (rpcFirewall/): `POST /rpc` and WebSocket upgrades on `/rpc`. Not rate
   * limited and not metered: it is the node admin's own endpoint for its wallets.
   */
  rpcFirewall?: Pick<RpcFirewall, "handleRequest" | "handleUpgrade">;
  /** `POST /v1/alerts`, `GET /v1/alerts`, `GET /v1/alerts/stream` (alerts/routes.ts). */
  alerts: AlertRoutes;
}

/** The `attest` query parameter of a paid route: `true`/`1` or `false`/`0` (default false). */
function attestFlag(value: string | undefined): boolean {
  if (value === undefined || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  throw new InvalidRequestError("invalid attest", [{ path: "attest", message: "expected true or false" }]);
}

const USAGE_PATH = /^\/v1\/usage\/(\d{1,20})$/;

/** Query parameters as a record; a parameter given twice is refused (which one would count?). */
function queryOf(url: URL): Record<string, string> {
  const seen = new Set<string>();
  const entries: [string, string][] = [];
  for (const [name, value] of url.searchParams) {
    if (seen.has(name))
      throw new InvalidRequestError("a query parameter is given more than once", [
        { path: name, message: "given more than once" },
      ]);
    seen.add(name);
    entries.push([name, value]);
  }
  // fromEntries defines own properties: a parameter named `__proto__` stays a plain (refused) key.
  return Object.fromEntries(entries);
}

/**
 * The provider's HTTP API:
 * - the paid engine routes of `routes` (GET /v1/address, GET /v1/token, GET /v1/phishing,
 *   POST /v1/transaction), each in the same steps: rate limit → parse and validate the input (a bad
 *   input, a block ahead of the chain or a token without code costs no call) → `guard.authorize` with
 *   the services whose on-chain endpointPath is the route's (another service of this provider: 403
 *   wrong_service; the call is recorded durably only if every check passes) → the engine → `{ engine,
 *   report, call }` with `X-Palisade-Calls-Remaining`;
 * - `GET /v1/openapi.json` — the OpenAPI 3.1 document (public);
 * - `GET /v1/usage/:purchaseId` — calls recorded and claimed for a purchase (public: purchases are);
 * - `GET /v1/purchases/:purchaseId/usage-proof` — the token to claim a purchase's calls with (public:
 *   a claim only pays this provider);
 * - `POST /v1/alerts` (a monitor's alert, Bearer secret), `GET /v1/alerts` (public, newest first,
 *   paged), `GET /v1/alerts/stream` (Server-Sent Events);
 * - `GET /health` — liveness and the chain head (never rate limited).
 * Every error is JSON `{ error: { code, message, details?, issues? } }` (errorResponse.ts).
 */
export function createGatewayServer(parameters: GatewayServerParameters): Server {
  const { guard, metering, client, logger, providerId, services, rateLimiter } = parameters;
  const context: RouteContext = { client };
  const byPath = new Map<string, Map<string, EngineRoute>>();
  for (const route of parameters.routes) {
    const methods = byPath.get(route.path) ?? new Map<string, EngineRoute>();
    methods.set(route.method, route);
    byPath.set(route.path, methods);
  }
  const known = [
    ...parameters.routes.map((route) => `${route.method} ${route.path}`),
    `GET ${OPENAPI_PATH}`,
    "GET /v1/usage/:purchaseId",
    "GET /v1/purchases/:purchaseId/usage-proof",
    `GET ${ALERTS_PATH}`,
    `POST ${ALERTS_PATH}`,
    `GET ${ALERTS_STREAM_PATH}`,
    "GET /health",
  ];
  // Built once: it depends only on the route table.
  const openapi = JSON.stringify(
    openApiDocument(parameters.routes, { version: parameters.version ?? "0.1.0", providerId }),
  );

  async function paid(
    route: EngineRoute,
    request: IncomingMessage,
    url: URL,
    response: ServerResponse,
  ): Promise<void> {
    const { attest: attestParameter, ...query } = queryOf(url);
    const attest = attestFlag(attestParameter);
    if (attest && parameters.attestor === undefined) throw new AttestationUnavailableError();
    const body = route.method === "POST" ? await readJsonBody(request) : undefined;
    const engineParameters = await route.parse({ query, body }, context);
    // Built (and refused) before the call is spent.
    const attestedRequest = attest ? route.attestedRequest(engineParameters) : undefined;
    // A token may cover calls 1 … k; the call's number comes in X-Palisade-Call (decision 0004).
    const call = await guard.authorize(request.headers.authorization, request.headers[CALL_HEADER], {
      serviceIds: services.serviceIdsFor(route.servicePath),
    });
    response.setHeader("x-palisade-calls-remaining", String(call.callsRemaining));
    const receipt = {
      purchaseId: call.purchaseId,
      call: call.call,
      nonce: call.nonce,
      callsRemaining: call.callsRemaining,
    };
    if (attestedRequest !== undefined && parameters.attestor !== undefined) {
      const { report, attestation } = await parameters.attestor.attest(route.engine, attestedRequest);
      return sendJson(response, 200, { engine: route.engine, report, attestation, call: receipt });
    }
    const { report } = await route.run(engineParameters, context);
    sendJson(response, 200, { engine: route.engine, report, call: receipt });
  }

  async function usage(purchaseId: bigint, response: ServerResponse): Promise<void> {
    const [recorded, highest, claimedUpTo] = await Promise.all([
      metering.countCalls(purchaseId),
      metering.highestCall(purchaseId),
      metering.claimedUpTo(purchaseId),
    ]);
    sendJson(response, 200, {
      purchaseId,
      callsRecorded: recorded,
      highestNonce: highest?.nonce ?? 0n,
      claimedUpTo,
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://gateway");
    const method = request.method ?? "GET";
    const path = url.pathname;
    if (path === "/health") {
      if (method !== "GET") throw new MethodNotAllowedError(method, path, ["GET"]);
      const block = await getBlockNumber(client, { cacheTime: 0 }).catch((error: unknown) => {
        throw new UpstreamError(error);
      });
      return sendJson(response, 200, { status: "ok", providerId, block });
    }
    if (path === "/rpc" && parameters.rpcFirewall !== undefined) {
      if (method !== "POST") throw new MethodNotAllowedError(method, path, ["POST"]);
      return parameters.rpcFirewall.handleRequest(request, response);
    }
    const { key, who } = rateLimitKey(request.headers.authorization, request.socket.remoteAddress);
    const wait = rateLimiter.take(key);
    if (wait > 0) throw new RateLimitedError(wait, who);

    const methods = byPath.get(path);
    if (methods !== undefined) {
      const route = methods.get(method);
      if (route === undefined) throw new MethodNotAllowedError(method, path, [...methods.keys()]);
      return paid(route, request, url, response);
    }
    if (path === OPENAPI_PATH) {
      if (method !== "GET") throw new MethodNotAllowedError(method, path, ["GET"]);
      response.writeHead(200, {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(openapi)),
      });
      response.end(openapi);
      return;
    }
    if (path === ALERTS_PATH) {
      if (method === "POST") return parameters.alerts.post(request, response);
      if (method !== "GET") throw new MethodNotAllowedError(method, path, ["GET", "POST"]);
      return parameters.alerts.list(queryOf(url), response);
    }
    if (path === ALERTS_STREAM_PATH) {
      if (method !== "GET") throw new MethodNotAllowedError(method, path, ["GET"]);
      return parameters.alerts.stream(request, queryOf(url), response);
    }
    const proofMatch = USAGE_PROOF_PATH.exec(path);
    if (proofMatch?.[1] !== undefined) {
      if (method !== "GET") throw new MethodNotAllowedError(method, path, ["GET"]);
      return answerUsageProof(
        { client, marketplace: parameters.marketplace, providerId, metering },
        BigInt(proofMatch[1]),
        response,
      );
    }
    const usageMatch = USAGE_PATH.exec(path);
    if (usageMatch?.[1] !== undefined) {
      if (method !== "GET") throw new MethodNotAllowedError(method, path, ["GET"]);
      return usage(BigInt(usageMatch[1]), response);
    }
    throw new RouteNotFoundError(method, path, known);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A refusal may leave a request body unread: close the connection rather than read it.
      if (!request.complete) response.setHeader("connection", "close");
      const mapped = sendError(response, error);
      if (mapped.internal) logger.error({ err: error, url: request.url }, "request failed");
    });
  });
  const firewall = parameters.rpcFirewall;
  server.on("upgrade", (request, socket, head) => {
    const path = new URL(request.url ?? "/", "http://gateway").pathname;
    if (firewall !== undefined && path === "/rpc") firewall.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  return server;
}
