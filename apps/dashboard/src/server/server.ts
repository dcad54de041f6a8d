import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { errorResponse } from "./errorResponse.ts";
import { NotFoundError, RequestRefusedError, UnknownServiceError } from "./errors.ts";
import { forward, readBody, relayStream } from "./proxy.ts";
import { checkRpcBody } from "./rpcPolicy.ts";
import type { DashboardState } from "./state.ts";
import { createStaticHandler } from "./staticFiles.ts";

export interface DashboardServerOptions {
  /** The current deployment and services (re-read when their files change). */
  readState: () => Promise<DashboardState>;
  /** The built pages (vite's dist/). */
  staticDir: string;
  logger: Logger;
  /** Per proxied request. Default 30 s; gateway calls get 90 s (an attested verdict waits for a certificate). */
  timeoutMs?: number;
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  response.end(text);
};

/**
 * Refuses what another site could make a browser send here: a page elsewhere may POST to
 * 127.0.0.1:3000 without CORS (a "simple" request), so a request that says it comes from another
 * origin, or from another site (Fetch Metadata), never reaches the chain or a service.
 */
function refuseCrossSite(request: IncomingMessage): void {
  const site = request.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site")
    throw new RequestRefusedError(403, "cross_site", "requests from other sites are refused");
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== "null") {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== request.headers.host)
      throw new RequestRefusedError(403, "cross_site", `requests from ${origin} are refused`);
  }
}

const allow = (request: IncomingMessage, methods: readonly string[], path: string) => {
  if (!methods.includes(request.method ?? ""))
    throw new RequestRefusedError(
      405,
      "method_not_allowed",
      `${request.method} is not allowed on ${path} (allowed: ${methods.join(", ")})`,
    );
};

/**
 * The dashboard's HTTP server:
 * - `GET /api/config` — the deployment, the services' proxy paths, the devnet's named accounts;
 * - `POST /rpc` — the chain's JSON-RPC (reads and signed transactions; see rpcPolicy);
 * - `GET /api/nodes/<i>/…` — operator node i's API (`/eigen/node/health`, `/metrics` …);
 * - `GET /api/aggregator/…` — the aggregator (`/health`, `/v1/tasks/<id>`, `/metrics`);
 * - `GET|POST /api/gateways/<providerId>/…` — that provider's gateway (engine calls, `/v1/usage/<id>`);
 * - `GET /api/monitor/…` — the attack monitor, when services.json lists one;
 * - `GET /api/alerts` and `GET /api/alerts/stream` (Server-Sent Events, relayed as they come) — the
 *   monitor's alerts at the gateway it posts to (services.json's monitor entry);
 * - anything else — the built pages.
 * Errors are JSON `{ error: { code, message, details? } }`, mapped in errorResponse.
 */
export function createDashboardServer(options: DashboardServerOptions): Server {
  const serveStatic = createStaticHandler(options.staticDir);
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function proxy(
    request: IncomingMessage,
    response: ServerResponse,
    service: string,
    base: string | undefined,
    rest: string,
    search: string,
    methods: readonly string[],
    timeout = timeoutMs,
  ): Promise<void> {
    if (base === undefined)
      throw new UnknownServiceError(`no ${service} in services.json`, {
        details: "start the devnet with `npm start`: it runs the nodes, the aggregator and the gateways",
      });
    allow(request, methods, `/api/…/${rest}`);
    const body = request.method === "POST" ? await readBody(request) : undefined;
    await forward(
      {
        service,
        url: `${base}/${rest}${search}`,
        method: request.method ?? "GET",
        headers: request.headers,
        body,
        timeoutMs: timeout,
      },
      response,
    );
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://dashboard");
    const path = url.pathname;
    if (path === "/rpc") {
      refuseCrossSite(request);
      allow(request, ["POST"], path);
      if (!/^application\/json\b/i.test(request.headers["content-type"] ?? ""))
        throw new RequestRefusedError(415, "unsupported_media_type", "send JSON-RPC as application/json");
      const body = await readBody(request);
      checkRpcBody(body);
      const { upstreams } = await options.readState();
      await forward(
        {
          service: "the chain's RPC",
          url: upstreams.rpc,
          method: "POST",
          headers: request.headers,
          body,
          timeoutMs,
        },
        response,
      );
      return;
    }
    if (path === "/api/config") {
      refuseCrossSite(request);
      allow(request, ["GET"], path);
      json(response, 200, (await options.readState()).config);
      return;
    }
    if (path.startsWith("/api/")) {
      refuseCrossSite(request);
      const { upstreams } = await options.readState();
      const node = /^\/api\/nodes\/(\d{1,4})\/(.*)$/.exec(path);
      if (node?.[1] !== undefined) {
        const index = Number(node[1]);
        return proxy(
          request,
          response,
          `node-${index}`,
          upstreams.nodes.get(index),
          node[2] ?? "",
          url.search,
          ["GET"],
        );
      }
      const aggregator = /^\/api\/aggregator\/(.*)$/.exec(path);
      if (aggregator)
        return proxy(request, response, "aggregator", upstreams.aggregator, aggregator[1] ?? "", url.search, [
          "GET",
        ]);
      const gateway = /^\/api\/gateways\/(\d{1,10})\/(.*)$/.exec(path);
      if (gateway?.[1] !== undefined) {
        const providerId = Number(gateway[1]);
        return proxy(
          request,
          response,
          `gateway-${providerId}`,
          upstreams.gateways.get(providerId),
          gateway[2] ?? "",
          url.search,
          ["GET", "POST"],
          Math.max(timeoutMs, 90_000),
        );
      }
      if (path === "/api/alerts" || path === "/api/alerts/stream") {
        if (upstreams.alerts === undefined)
          throw new UnknownServiceError("no alerts in services.json", {
            details:
              "start the devnet with `npm start`: it runs the attack monitor and the gateway it posts to",
          });
        allow(request, ["GET"], path);
        if (path === "/api/alerts")
          return forward(
            {
              service: "the alerts gateway",
              url: `${upstreams.alerts}${url.search}`,
              method: "GET",
              headers: request.headers,
              body: undefined,
              timeoutMs,
            },
            response,
          );
        return relayStream(
          {
            service: "the alerts gateway",
            url: `${upstreams.alerts}/stream${url.search}`,
            headers: request.headers,
            connectTimeoutMs: timeoutMs,
          },
          response,
        );
      }
      const monitor = /^\/api\/monitor\/(.*)$/.exec(path);
      if (monitor)
        return proxy(request, response, "monitor", upstreams.monitor, monitor[1] ?? "", url.search, ["GET"]);
      throw new NotFoundError(`no route ${path}`);
    }
    allow(request, ["GET", "HEAD"], path);
    await serveStatic(request, response, path);
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const mapped = errorResponse(error);
      if (mapped.internal)
        options.logger.error({ err: error, method: request.method, url: request.url }, "request failed");
      else if (mapped.status >= 500)
        options.logger.warn({ err: error, url: request.url }, mapped.body.error.message);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      json(response, mapped.status, mapped.body);
    });
  });
}
