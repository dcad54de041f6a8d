import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { TxFirewall, TxVerdict } from "@palisade/engines";
import type { Logger } from "pino";
import type { PublicClient } from "viem";
import { z } from "zod";
import { RpcFirewallConfigError } from "./errors.ts";
import { createHttpHandler } from "./httpHandler.ts";
import { planBody } from "./plan.ts";
import { createScreener, type RpcFirewallDecision } from "./screen.ts";
import { createHttpUpstream } from "./upstreamHttp.ts";
import { createWsProxy } from "./wsProxy.ts";

export interface RpcFirewallOptions {
  /** The node's JSON-RPC over HTTP(S): every request is forwarded there. */
  upstreamUrl: string;
  /**
   * The node's JSON-RPC over WebSocket. Default: upstreamUrl with ws(s):// — anvil serves both on one
   * port; geth serves WebSocket on its own (8546 by default), so give it there.
   */
  upstreamWsUrl?: string;
  /** Judges each transaction (createTxFirewall from @palisade/engines, with its lists and policy). */
  firewall: TxFirewall;
  /** The node the transactions are simulated on (usually the upstream itself). */
  client: PublicClient;
  logger: Logger;
  /** Verdicts answered with -32003 and not forwarded. Default ["block"]. */
  rejectVerdicts?: readonly ("warn" | "block")[];
  /** Forward a transaction that could not be screened (node down, no simulation method). Default false. */
  failOpen?: boolean;
  /** Largest HTTP body or WebSocket message, bytes; larger is HTTP 413 / a closed socket. Default 5 MiB. */
  maxBodyBytes?: number;
  /** Most entries in one batch. Default 1000 (geth's limit). */
  maxBatchSize?: number;
  /** How long a forwarded HTTP request may wait for the node. Default 30 000 ms. */
  upstreamTimeoutMs?: number;
  /** Called once per screened transaction (metrics); a throw is logged and changes nothing. */
  onDecision?: (decision: RpcFirewallDecision) => void;
}

export interface RpcFirewall {
  /** Serves one JSON-RPC POST (route `POST /rpc` here). Never rejects. */
  handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Takes over a WebSocket upgrade (route `upgrade` events for `/rpc` here). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes the WebSocket connections (code 1001) and the pooled upstream connections; idempotent. */
  close(): Promise<void>;
}

const optionsSchema = z.object({
  upstreamUrl: z.url({ protocol: /^https?$/ }),
  upstreamWsUrl: z.url({ protocol: /^wss?$/ }).optional(),
  rejectVerdicts: z.array(z.enum(["warn", "block"])).optional(),
  failOpen: z.boolean().optional(),
  maxBodyBytes: z.number().int().min(1_024).optional(),
  maxBatchSize: z.number().int().min(1).optional(),
  upstreamTimeoutMs: z.number().int().min(1).optional(),
});

/** 5 MiB: geth's HTTP body limit, room for a 4844 transaction with six blobs (~790 KB) and large batches. */
const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_BATCH_SIZE = 1_000;
const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;

/**
 * The JSON-RPC firewall: a node's JSON-RPC endpoint that screens every transaction before the node
 * sees it. Everything else is forwarded as received; see README.md for what is answered how.
 *
 * @example
 * const rpc = createRpcFirewall({
 *   upstreamUrl: "http://127.0.0.1:8545",
 *   firewall: createTxFirewall({ labels }),
 *   client: createPublicClient({ transport: http("http://127.0.0.1:8545") }),
 *   logger,
 * });
 * const server = createServer((request, response) => void rpc.handleRequest(request, response));
 * server.on("upgrade", (request, socket, head) => rpc.handleUpgrade(request, socket, head));
 */
export function createRpcFirewall(options: RpcFirewallOptions): RpcFirewall {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success)
    throw new RpcFirewallConfigError("invalid JSON-RPC firewall options", {
      details: z.prettifyError(parsed.error),
    });
  const config = parsed.data;
  const maxBodyBytes = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const logger = options.logger.child({ component: "rpc-firewall" });

  const screen = createScreener({
    firewall: options.firewall,
    client: options.client,
    logger,
    rejectVerdicts: new Set<TxVerdict>(config.rejectVerdicts ?? ["block"]),
    failOpen: config.failOpen ?? false,
    onDecision: options.onDecision,
  });
  const maxBatchSize = config.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  const upstream = createHttpUpstream(
    config.upstreamUrl,
    config.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
  );
  const http = createHttpHandler({
    plan: (text) => planBody(text, { screen, transport: "http", maxBatchSize }),
    upstream,
    maxBodyBytes,
    logger,
  });
  const ws = createWsProxy({
    plan: (text) => planBody(text, { screen, transport: "ws", maxBatchSize }),
    upstreamWsUrl: config.upstreamWsUrl ?? wsUrlOf(config.upstreamUrl),
    maxPayload: maxBodyBytes,
    logger,
  });

  let closed: Promise<void> | undefined;
  return {
    handleRequest: http,
    handleUpgrade: ws.handleUpgrade,
    close() {
      closed ??= ws.close().then(() => upstream.close());
      return closed;
    },
  };
}

/** http://host:port/path → ws://host:port/path (anvil serves both on one port). */
export function wsUrlOf(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}
