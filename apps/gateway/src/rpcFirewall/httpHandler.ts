import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import {
  BodyTooLargeError,
  InvalidJsonRpcError,
  RpcFirewallError,
  UpstreamInvalidAnswerError,
  UpstreamUnreachableError,
} from "./errors.ts";
import { errorResponse, type JsonRpcResponse } from "./jsonRpc.ts";
import { toJsonRpcError } from "./jsonRpcError.ts";
import { type BodyPlan, failedReplies, mergeReplies, upstreamBatch } from "./plan.ts";
import type { HttpUpstream, UpstreamAnswer } from "./upstreamHttp.ts";

export interface HttpHandlerContext {
  plan(text: string): Promise<BodyPlan>;
  upstream: HttpUpstream;
  maxBodyBytes: number;
  logger: Logger;
}

/** The client went away before its body arrived: there is nobody to answer. */
class RequestAbortedError extends RpcFirewallError {
  override name = "RequestAbortedError";
  constructor() {
    super("the client closed the connection before sending its whole body");
  }
}

/**
 * `POST` JSON-RPC over HTTP. JSON-RPC outcomes (rejections, invalid requests, an unreachable node)
 * are HTTP 200 with the error in the body, as nodes answer them: clients such as viem read the code
 * only from a 200. Exceptions: a body over the limit is 413, a method other than POST 405.
 */
export function createHttpHandler(context: HttpHandlerContext) {
  const { upstream, maxBodyBytes, logger } = context;

  return async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      if (request.method !== "POST") {
        response.setHeader("allow", "POST");
        return send(response, 405, fail(new InvalidJsonRpcError("JSON-RPC over HTTP takes POST")));
      }
      const body = await readBody(request, maxBodyBytes);
      const plan = await context.plan(body.toString("utf8"));
      if (plan.kind === "answer") return send(response, 200, plan.reply);
      if (plan.kind === "verbatim") {
        let answer: UpstreamAnswer;
        try {
          answer = await upstream.post(body);
        } catch (error) {
          if (!(error instanceof UpstreamUnreachableError)) throw error;
          logger.warn({ err: error }, "upstream node unreachable");
          return send(response, 200, failedReplies(plan.batch, plan.entries, error));
        }
        response.writeHead(answer.status, {
          "content-type": answer.contentType ?? "application/json",
          "content-length": String(answer.body.length),
        });
        response.end(answer.body);
        return;
      }
      const { payload, ids } = upstreamBatch(plan.entries, (k) => k);
      let upstreamAnswer: unknown;
      try {
        upstreamAnswer = parseAnswer(await upstream.post(JSON.stringify(payload)));
      } catch (error) {
        if (!(error instanceof UpstreamUnreachableError)) throw error;
        logger.warn({ err: error }, "upstream node unreachable");
        upstreamAnswer = error;
      }
      send(response, 200, mergeReplies(plan.entries, ids, upstreamAnswer));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // The rest of the body is not read: the connection closes after this answer.
        response.setHeader("connection", "close");
        return send(response, 413, fail(error));
      }
      if (error instanceof RequestAbortedError) return;
      const mapped = toJsonRpcError(error);
      if (mapped.internal) logger.error({ err: error }, "JSON-RPC firewall request failed");
      if (!response.headersSent) send(response, 200, errorResponse(null, mapped.error));
    }
  };
}

function fail(error: unknown): JsonRpcResponse {
  return errorResponse(null, toJsonRpcError(error).error);
}

/** Writes a JSON-RPC reply; null (only notifications were sent) is an empty 200. */
function send(response: ServerResponse, status: number, reply: JsonRpcResponse | JsonRpcResponse[] | null) {
  const text = reply === null ? "" : JSON.stringify(reply);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  response.end(text);
}

/** The node's answer to a rebuilt batch, parsed; an UpstreamInvalidAnswerError when it is not JSON. */
function parseAnswer(answer: UpstreamAnswer): unknown {
  if (answer.body.length === 0) return []; // a batch of notifications only
  try {
    return JSON.parse(answer.body.toString("utf8"));
  } catch {
    return new UpstreamInvalidAnswerError(`HTTP ${answer.status} with a body that is not JSON`);
  }
}

/** Reads the whole body, refusing (BodyTooLargeError) as soon as it passes `limit` bytes. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      request.off("data", onData);
      request.resume(); // discard the rest
      reject(new BodyTooLargeError(limit));
    };
    request.on("data", onData);
    request.once("end", () => resolveBody(Buffer.concat(chunks, size)));
    request.once("error", () => reject(new RequestAbortedError()));
    request.once("close", () => reject(new RequestAbortedError())); // no-op once "end" resolved
  });
}
