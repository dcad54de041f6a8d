import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { errorResponse } from "./jsonRpc.ts";
import { toJsonRpcError } from "./jsonRpcError.ts";
import { type BodyPlan, mergeReplies, type PlannedEntry, upstreamBatch } from "./plan.ts";

export interface WsProxyContext {
  plan(text: string): Promise<BodyPlan>;
  upstreamWsUrl: string;
  maxPayload: number;
  logger: Logger;
}

export interface WsProxy {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/** Prefix of the ids the firewall gives the entries of a batch it splits (see upstreamBatch). */
const ID_PREFIX = "palisade-firewall:";
/** How long close() lets connections close cleanly before cutting them. */
const CLOSE_GRACE_MS = 1_000;

interface Pair {
  client: WebSocket | undefined;
  upstream: WebSocket;
}

/**
 * WebSocket proxying: the upstream connection is opened first and the client's upgrade completed
 * only once it is open (an unreachable node is a 502 to the handshake, not a socket that dies later).
 * Then every client message goes through the same plan as an HTTP body, in arrival order: messages
 * are screened concurrently but forwarded in the order received (a wallet's nonce n+1 never overtakes
 * nonce n), and the node's messages — answers and eth_subscription notifications — flow back as they
 * come. Either side closing closes the other.
 */
export function createWsProxy(context: WsProxyContext): WsProxy {
  const { upstreamWsUrl, logger } = context;
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: context.maxPayload,
    perMessageDeflate: false,
  });
  const pairs = new Set<Pair>();
  let closing = false;
  let batchCounter = 0;

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (closing || request.headers.upgrade?.toLowerCase() !== "websocket") {
      rejectHandshake(socket, closing ? 503 : 400);
      return;
    }
    const upstream = new WebSocket(upstreamWsUrl, { perMessageDeflate: false });
    const pair: Pair = { client: undefined, upstream };
    pairs.add(pair);
    let abandoned = false;
    // Until the client's handshake completes, the client's socket closing ends the upstream attempt.
    const abandon = () => {
      abandoned = true;
      upstream.terminate();
    };
    socket.once("close", abandon);
    const onHandshakeError = (error: Error) => {
      if (abandoned) return;
      logger.warn({ err: error }, "upstream node unreachable over WebSocket");
      rejectHandshake(socket, 502);
    };
    upstream.on("error", onHandshakeError);
    upstream.once("close", () => {
      if (pair.client === undefined) pairs.delete(pair);
    });
    upstream.once("open", () => {
      if (closing || socket.destroyed) {
        rejectHandshake(socket, 503);
        upstream.terminate();
        return;
      }
      // On an invalid handshake ws answers 400 and destroys the socket: `abandon` then ends the upstream.
      server.handleUpgrade(request, socket, head, (client) => {
        socket.off("close", abandon);
        upstream.off("error", onHandshakeError);
        pair.client = client;
        relay(pair, client);
        if (upstream.readyState !== WebSocket.OPEN) closeWith(client, 1011, Buffer.alloc(0));
      });
    });
  }

  function relay(pair: Pair, client: WebSocket): void {
    const { upstream } = pair;
    // Batches the firewall split, by id prefix: their answers are merged with its own before replying.
    const split = new Map<string, { entries: PlannedEntry[]; ids: (string | number | undefined)[] }>();
    let tail: Promise<void> = Promise.resolve();

    const send = (socket: WebSocket, data: string | Buffer, binary: boolean) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(data, { binary });
    };

    client.on("message", (data: RawData, binary: boolean) => {
      const bytes = data as Buffer; // binaryType "nodebuffer": always one Buffer
      const decided = context.plan(bytes.toString("utf8"));
      tail = tail
        .then(async () => {
          let plan: BodyPlan;
          try {
            plan = await decided;
          } catch (error) {
            logger.error({ err: error }, "JSON-RPC firewall message failed");
            return send(client, JSON.stringify(errorResponse(null, toJsonRpcError(error).error)), false);
          }
          if (plan.kind === "verbatim") return send(upstream, bytes, binary);
          if (plan.kind === "answer") {
            if (plan.reply !== null) send(client, JSON.stringify(plan.reply), false);
            return;
          }
          const key = `${ID_PREFIX}${++batchCounter}:`;
          const { payload, ids } = upstreamBatch(plan.entries, (k) => `${key}${k}`);
          if (ids.some((id) => id !== undefined)) split.set(key, { entries: plan.entries, ids });
          // Only notifications go upstream: nothing will come back, the firewall's answers go out now.
          else send(client, JSON.stringify(mergeReplies(plan.entries, ids, [])), false);
          send(upstream, JSON.stringify(payload), false);
        })
        // The end of this connection's chain: a failure here must not become an unhandled rejection.
        .catch((error: unknown) => logger.error({ err: error }, "WebSocket message relay failed"));
    });

    upstream.on("message", (data: RawData, binary: boolean) => {
      const bytes = data as Buffer;
      if (split.size > 0 && !binary) {
        const merged = mergeSplit(bytes);
        if (merged !== undefined) return send(client, merged, false);
      }
      send(client, bytes, binary);
    });

    /** The client's reply when `bytes` answers a batch the firewall split; undefined otherwise. */
    function mergeSplit(bytes: Buffer): string | undefined {
      const first = bytes.findIndex(
        (byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09,
      );
      if (bytes[first] !== 0x5b) return undefined; // "[": only a batch answer can be one
      let parsed: unknown;
      try {
        parsed = JSON.parse(bytes.toString("utf8"));
      } catch {
        return undefined;
      }
      if (!Array.isArray(parsed)) return undefined;
      const id = parsed
        .map((answer) => (answer as { id?: unknown } | null)?.id)
        .find((value): value is string => typeof value === "string" && value.startsWith(ID_PREFIX));
      if (id === undefined) return undefined;
      const key = id.slice(0, id.lastIndexOf(":") + 1);
      const batch = split.get(key);
      if (batch === undefined) return undefined;
      split.delete(key);
      return JSON.stringify(mergeReplies(batch.entries, batch.ids, parsed));
    }

    client.on("close", (code, reason) => {
      pairs.delete(pair);
      closeWith(upstream, code, reason);
    });
    upstream.on("close", (code, reason) => {
      pairs.delete(pair);
      closeWith(client, code, reason);
    });
    // Errors end in "close" (handled above); listening keeps them from crashing the process.
    client.on("error", (error) => logger.debug({ err: error }, "WebSocket client error"));
    upstream.on("error", (error) => logger.warn({ err: error }, "upstream WebSocket error"));
  }

  async function close(): Promise<void> {
    closing = true;
    const closed = [...pairs].map((pair) => {
      const sockets = [pair.client, pair.upstream].filter((socket) => socket !== undefined);
      return Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolveClosed) => {
              if (socket.readyState === WebSocket.CLOSED) return resolveClosed();
              socket.once("close", () => resolveClosed());
              closeWith(socket, 1001, Buffer.from("firewall shutting down"));
            }),
        ),
      );
    });
    const grace = setTimeout(() => {
      for (const pair of pairs) {
        pair.client?.terminate();
        pair.upstream.terminate();
      }
    }, CLOSE_GRACE_MS);
    await Promise.all(closed);
    clearTimeout(grace);
    await new Promise<void>((resolveClosed) => server.close(() => resolveClosed()));
  }

  return { handleUpgrade, close };
}

/** Closes `socket` with the peer's code when it may be sent (1005 and 1006 are reserved for local use). */
function closeWith(socket: WebSocket, code: number, reason: Buffer): void {
  const sendable =
    (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
    (code >= 3000 && code <= 4999);
  if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
  else if (socket.readyState !== WebSocket.OPEN) return;
  else if (sendable) socket.close(code, reason);
  else if (code === 1005) socket.close(1000);
  else socket.close(1011, "the other side's connection was lost");
}

function rejectHandshake(socket: Duplex, status: 400 | 502 | 503): void {
  const text = { 400: "Bad Request", 502: "Bad Gateway", 503: "Service Unavailable" }[status];
  if (socket.destroyed) return;
  socket.once("finish", () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
