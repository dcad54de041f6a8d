import type { IncomingMessage, ServerResponse } from "node:http";
import { RequestRefusedError, UpstreamUnavailableError } from "./errors.ts";

/** Bodies above this are refused (413): a signed transaction or an engine request fits far below. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Request headers passed on to a service: what its API reads, nothing about the browser. */
const FORWARDED_REQUEST_HEADERS = ["accept", "authorization", "content-type", "x-palisade-call"];
/** Response headers passed back: what the page reads (call quota, rate limits, auth challenges). */
const FORWARDED_RESPONSE_HEADERS = [
  "content-type",
  "retry-after",
  "www-authenticate",
  "x-palisade-calls-remaining",
];

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new RequestRefusedError(413, "payload_too_large", `body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export interface ForwardOptions {
  /** Names the service in errors (`node-0`, `the chain's RPC` …). */
  service: string;
  /** Full upstream URL, path and query included. */
  url: string;
  method: string;
  headers: IncomingMessage["headers"];
  body: Buffer | undefined;
  timeoutMs: number;
}

/** Sends the request to the service and copies its answer (status, chosen headers, body) back. */
export async function forward(options: ForwardOptions, response: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = options.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  let upstream: Response;
  let bytes: Buffer;
  try {
    upstream = await fetch(options.url, {
      method: options.method,
      headers,
      ...(options.body && options.body.length > 0 ? { body: options.body } : {}),
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: "manual",
    });
    bytes = Buffer.from(await upstream.arrayBuffer());
  } catch (error) {
    throw new UpstreamUnavailableError(options.service, error);
  }
  const out: Record<string, string> = { "cache-control": "no-store", "content-length": String(bytes.length) };
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) out[name] = value;
  }
  response.writeHead(upstream.status, out);
  response.end(bytes);
}

export interface StreamOptions {
  service: string;
  url: string;
  headers: IncomingMessage["headers"];
  /** How long to wait for the upstream's headers (the stream itself has no time limit). */
  connectTimeoutMs: number;
}

/**
 * Relays a Server-Sent Events stream: the upstream's status and body, chunk by chunk as they arrive,
 * until either side closes (the browser leaving aborts the upstream request). `Last-Event-ID` is
 * passed on, so a reconnecting browser gets what it missed. An upstream that does not answer is a 502
 * like any proxied call.
 */
export async function relayStream(options: StreamOptions, response: ServerResponse): Promise<void> {
  const abort = new AbortController();
  const onClose = () => abort.abort();
  response.once("close", onClose);
  const headers: Record<string, string> = { accept: "text/event-stream" };
  const lastEventId = options.headers["last-event-id"];
  if (typeof lastEventId === "string") headers["last-event-id"] = lastEventId;
  const timer = setTimeout(() => abort.abort(), options.connectTimeoutMs);
  let upstream: Response;
  try {
    upstream = await fetch(options.url, { headers, signal: abort.signal, redirect: "manual" });
  } catch (error) {
    response.off("close", onClose);
    throw new UpstreamUnavailableError(options.service, error);
  } finally {
    clearTimeout(timer);
  }
  const out: Record<string, string> = {
    "cache-control": "no-store",
    "content-type": upstream.headers.get("content-type") ?? "text/event-stream",
    "x-accel-buffering": "no",
  };
  response.writeHead(upstream.status, out);
  response.flushHeaders();
  if (!upstream.body) {
    response.end();
    return;
  }
  try {
    for await (const chunk of upstream.body as unknown as AsyncIterable<Uint8Array>) response.write(chunk);
  } catch {
    // The browser left (abort), or the upstream went away: either way the relay ends here (a
    // browser's EventSource reconnects by itself).
  }
  response.off("close", onClose);
  if (!response.writableEnded) response.end();
}
