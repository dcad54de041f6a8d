import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { InvalidInputError, issuesOf } from "@palisade/engines";
import type { Logger } from "pino";
import { z } from "zod";
import { errorResponse, HttpError } from "./errorResponse.ts";

/** Bodies above this are refused with 413: a task request is a few hundred bytes. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface Reply {
  status: number;
  body: unknown;
  contentType?: string;
}

/** What the routes need from the aggregator (see aggregator.ts). */
export interface AggregatorApi {
  openTask(engine: string, request: unknown, options: { urgent: boolean }): Promise<Reply>;
  getTask(id: string): Promise<Reply>;
  submitSignature(id: string, body: unknown): Promise<Reply>;
  health(): Promise<Reply>;
  metrics(): Promise<Reply>;
}

const openTaskSchema = z.strictObject({
  engine: z.string().min(1).max(64),
  /** Engine-specific; the aggregator adds the referenceBlock it pins. */
  request: z.record(z.string(), z.unknown()),
  /** Certify as soon as quorum is reached, in a batch of its own (no straggler grace, no batch interval). */
  urgent: z.boolean().optional(),
});

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
 * POST /v1/tasks, GET /v1/tasks/:id, POST /v1/tasks/:id/signatures, GET /health, GET /metrics.
 * Every error goes through `errorResponse`.
 */
export function createHttpServer(api: AggregatorApi, logger: Logger): Server {
  const handle = async (request: IncomingMessage): Promise<Reply> => {
    const path = new URL(request.url ?? "/", "http://aggregator").pathname.replace(/\/+$/, "") || "/";
    const method = request.method ?? "";
    const allow = (methods: string) => {
      if (!methods.split(", ").includes(method))
        throw new HttpError(
          405,
          "MethodNotAllowed",
          `${method} is not allowed on ${path} (allowed: ${methods})`,
        );
    };
    if (path === "/health") {
      allow("GET");
      return api.health();
    }
    if (path === "/metrics") {
      allow("GET");
      return api.metrics();
    }
    if (path === "/v1/tasks") {
      allow("POST");
      const parsed = openTaskSchema.safeParse(await readJson(request));
      if (!parsed.success) throw new InvalidInputError("invalid task", issuesOf(parsed.error));
      return api.openTask(parsed.data.engine, parsed.data.request, { urgent: parsed.data.urgent === true });
    }
    const match = /^\/v1\/tasks\/(0x[0-9a-fA-F]{64})(\/signatures)?$/.exec(path);
    if (match?.[1]) {
      allow(match[2] ? "POST" : "GET");
      return match[2] ? api.submitSignature(match[1], await readJson(request)) : api.getTask(match[1]);
    }
    throw new HttpError(404, "NotFound", `no route ${path}`);
  };
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const send = ({ status, body, contentType = "application/json" }: Reply) => {
      const text = typeof body === "string" ? body : JSON.stringify(body);
      response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text) });
      response.end(text);
    };
    handle(request).then(send, (error: unknown) => {
      const mapped = errorResponse(error);
      if (mapped.internal)
        logger.error({ err: error, method: request.method, url: request.url }, "request failed");
      send({ status: mapped.status, body: mapped.body });
    });
  });
}
