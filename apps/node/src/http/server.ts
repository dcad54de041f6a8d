import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { checkHealth, type HealthDependencies } from "../health.ts";
import type { NodeMetrics } from "../metrics.ts";
import { batchSchema, parseInput, taskSchema } from "../schemas.ts";
import type { Signer } from "../signer.ts";
import { errorResponse, HttpError } from "./errorResponse.ts";

/** EigenLayer AVS node spec version this API follows. */
export const SPEC_VERSION = "v0.0.1";

/** Bodies above this are refused with 413: a full batch of verdicts fits well below it. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HttpDependencies {
  nodeName: string;
  nodeVersion: string;
  signer: Signer;
  metrics: NodeMetrics;
  health: HealthDependencies;
  logger: Logger;
}

type Handler = (request: IncomingMessage) => Promise<{ status: number; body: unknown; contentType?: string }>;

async function readJson(request: IncomingMessage): Promise<unknown> {
  const type = request.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type))
    throw new HttpError(415, "UnsupportedMediaType", "send the body as application/json");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new HttpError(413, "PayloadTooLarge", `body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "InvalidJson", "the body is not valid JSON");
  }
}

/**
 * The node's HTTP API. EigenLayer AVS node spec: GET /eigen/node, /eigen/node/health,
 * /eigen/node/services; Prometheus: GET /metrics; the aggregator: POST /tasks, POST /batches.
 */
export function createRoutes(dependencies: HttpDependencies): Map<string, Map<string, Handler>> {
  const { signer, metrics, logger } = dependencies;
  const health = async () => {
    const report = await checkHealth(dependencies.health);
    metrics.performanceScore.set(report.score);
    return report;
  };
  const routes = new Map<string, Map<string, Handler>>();
  const route = (method: string, path: string, handler: Handler) => {
    const methods = routes.get(path) ?? new Map<string, Handler>();
    methods.set(method, handler);
    routes.set(path, methods);
  };
  route("GET", "/eigen/node", async () => ({
    status: 200,
    body: {
      node_name: dependencies.nodeName,
      spec_version: SPEC_VERSION,
      node_version: dependencies.nodeVersion,
    },
  }));
  route("GET", "/eigen/node/health", async () => {
    const report = await health();
    if (report.httpStatus !== 200) logger.warn({ state: report.state, reasons: report.reasons }, "health");
    return { status: report.httpStatus, body: { status: report.state, reasons: report.reasons } };
  });
  route("GET", "/eigen/node/services", async () => {
    const report = await health();
    return { status: 200, body: { services: report.services } };
  });
  route("GET", "/metrics", async () => {
    await health(); // keeps eigen_performance_score current at every scrape
    return { status: 200, body: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
  });
  route("POST", "/tasks", async (request) => {
    const task = parseInput(taskSchema, await readJson(request), "task");
    return { status: 200, body: await signer.signTask(task) };
  });
  route("POST", "/batches", async (request) => {
    const batch = parseInput(batchSchema, await readJson(request), "batch");
    return { status: 200, body: await signer.signBatch(batch) };
  });
  return routes;
}

/** The node:http server over `createRoutes`; every error goes through `errorResponse`. */
export function createHttpServer(dependencies: HttpDependencies): Server {
  const routes = createRoutes(dependencies);
  const { logger } = dependencies;
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    const send = (status: number, body: unknown, contentType = "application/json") => {
      const text = typeof body === "string" ? body : JSON.stringify(body);
      response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text) });
      response.end(text);
      logger.debug(
        { method: request.method, url: request.url, status, ms: Math.round(performance.now() - started) },
        "http",
      );
    };
    const path = new URL(request.url ?? "/", "http://node").pathname.replace(/\/+$/, "") || "/";
    const methods = routes.get(path);
    const handler = methods?.get(request.method ?? "");
    const run = async () => {
      if (!methods) throw new HttpError(404, "NotFound", `no route ${path}`);
      if (!handler) {
        response.setHeader("allow", [...methods.keys()].join(", "));
        throw new HttpError(405, "MethodNotAllowed", `${request.method} is not allowed on ${path}`);
      }
      const result = await handler(request);
      send(result.status, result.body, result.contentType);
    };
    run().catch((error: unknown) => {
      const mapped = errorResponse(error);
      if (mapped.internal) logger.error({ err: error, path }, "request failed");
      // A refused request may have an unread body; close the connection rather than read it all.
      if (!request.complete) response.setHeader("connection", "close");
      send(mapped.status, mapped.body);
    });
  });
}
