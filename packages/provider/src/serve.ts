import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { openMeteringStore, type SqliteMeteringStore } from "@palisade/store";
import type { Address, PublicClient } from "viem";
import { getChainId } from "viem/actions";
import { sendErrorResponse } from "./errorResponse.ts";
import { type AccessGuard, createAccessGuard, type GuardedRequest } from "./guard/createAccessGuard.ts";
import {
  type ChainPurchaseSource,
  createChainPurchaseSource,
} from "./purchases/createChainPurchaseSource.ts";

export interface ServeParameters {
  client: PublicClient;
  /** The Marketplace. */
  marketplace: Address;
  providerId: number;
  /** The SQLite metering file (created if missing). */
  storePath: string;
  /** Answers a call the guard let through (recorded durably before it runs); `request.palisade` is the call. */
  handler: (request: GuardedRequest, response: ServerResponse) => void | Promise<void>;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default 300 (keep it at most the marketplace's `sessionRevocationDelay`). */
  maxTokenLifetimeSeconds?: number;
}

export interface ServeReturnType {
  url: string;
  server: Server;
  guard: AccessGuard;
  metering: SqliteMeteringStore;
  purchases: ChainPurchaseSource;
  /** Stops accepting, closes the purchase source and the store. */
  close(): Promise<void>;
}

/**
 * Serves a provider's handler behind the access guard, in one call: reads purchases from the
 * chain (kept fresh by the Marketplace's events), meters calls in SQLite, answers refusals as JSON
 * `{error: {code, message}}`. Every request must carry an access token; use `createAccessGuard`
 * directly to mix public and paid routes (as apps/gateway does).
 *
 * @example
 * const { url, close } = await serve({
 *   client: publicClient, marketplace, providerId: 1, storePath: "metering.sqlite", port: 8700,
 *   handler: (request, response) => response.end(JSON.stringify({ verdict: "benign", call: String(request.palisade.call) })),
 * });
 */
export async function serve(parameters: ServeParameters): Promise<ServeReturnType> {
  const { client, marketplace, providerId, handler } = parameters;
  const chainId = await getChainId(client);
  const purchases = await createChainPurchaseSource({ client, marketplace });
  const metering = openMeteringStore(parameters.storePath);
  const guard = createAccessGuard({
    providerId,
    marketplace,
    chainId,
    purchases,
    metering,
    maxTokenLifetimeSeconds: parameters.maxTokenLifetimeSeconds ?? 300,
  });
  const server = createServer((request, response) =>
    guard.middleware(request, response, () => {
      Promise.resolve(handler(request as GuardedRequest, response)).catch((error: unknown) =>
        sendErrorResponse(response, error),
      );
    }),
  );
  const host = parameters.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once("error", reject);
      server.listen(parameters.port ?? 0, host, () => resolveListen());
    });
  } catch (error) {
    purchases.close();
    await metering.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    server,
    guard,
    metering,
    purchases,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      purchases.close();
      await metering.close();
    },
  };
}
