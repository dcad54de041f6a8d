// A bench server, started as a child process by throughput.ts (not part of the gateway).
// Usage: server.ts <gateway|bare> <phishing|address> <port> <dbPath> <rpcUrl> <consumer> <chainId> <marketplace>
// gateway: the real gateway (createGatewayServer: rate limiter, route table, input parsing, access guard
//   with batch-token signer cache, durable SQLite metering, the engine, the JSON answer) over a static
//   purchase source (no chain for purchases: purchase 1 of 1,000,000 calls of service 1 at /v1/phishing,
//   purchase 2 of service 2 at /v1/address). Rate limit on, at 1,000,000 req/s: its cost is measured,
//   it never refuses.
// bare: node:http answering the same engine's report for the same input, no token, no metering, no
//   rate limit: the baseline.
// Talks to its parent over IPC: sends { ready } once listening.
import { createServer } from "node:http";
import { createAccessGuard, createStaticPurchaseSource, type Purchase } from "@palisade/provider";
import { openAlertStore, openMeteringStore, type SqliteMeteringStore } from "@palisade/store";
import { pino } from "pino";
import { type Address, createPublicClient, http, type PublicClient } from "viem";
import { createAlertRoutes } from "../src/alerts/routes.ts";
import { loadGatewayEngines } from "../src/engines.ts";
import { createRateLimiter } from "../src/rateLimit.ts";
import { engineRoutes } from "../src/routes/index.ts";
import { createGatewayServer } from "../src/server.ts";
import { createStaticServiceDirectory } from "../src/services.ts";

const [mode, engineName, portArg, dbPath, rpcUrl, consumer, chainIdArg, marketplace] = process.argv.slice(2);
if (!mode || !engineName || !portArg || !dbPath || !rpcUrl || !consumer || !chainIdArg || !marketplace)
  throw new Error(
    "usage: server.ts <gateway|bare> <phishing|address> <port> <db> <rpcUrl> <consumer> <chainId> <marketplace>",
  );
const providerId = 1;
const client = createPublicClient({ transport: http(rpcUrl) }) as PublicClient;
const engines = await loadGatewayEngines();
let metering: SqliteMeteringStore | undefined;

let server: ReturnType<typeof createServer>;
if (mode === "gateway") {
  metering = openMeteringStore(dbPath);
  const purchase = (serviceId: number): Purchase => ({
    consumer: consumer as Address,
    providerId,
    serviceId,
    calls: 1_000_000,
    pricePerCall: 10n ** 15n,
    expiry: Math.floor(Date.now() / 1000) + 86_400,
    served: 0,
    refunded: false,
  });
  const guard = createAccessGuard({
    providerId,
    chainId: Number(chainIdArg),
    marketplace: marketplace as Address,
    purchases: createStaticPurchaseSource({
      purchases: [
        [1n, purchase(1)],
        [2n, purchase(2)],
      ],
    }),
    metering,
    maxTokenLifetimeSeconds: 3_600,
  });
  const logger = pino({ level: "error" });
  server = createGatewayServer({
    providerId,
    marketplace: marketplace as Address,
    guard,
    metering,
    client,
    routes: engineRoutes(engines),
    services: createStaticServiceDirectory([
      [1, "/v1/phishing"],
      [2, "/v1/address"],
    ]),
    rateLimiter: createRateLimiter({ rate: 1_000_000, burst: 1_000_000 }),
    logger,
    // Not measured here; beside the metering file like the gateway's.
    alerts: createAlertRoutes({ store: openAlertStore(`${dbPath}.alerts`), token: undefined, logger }),
  });
} else {
  // The engine alone: the same work a paid call does after the guard, answered the same way.
  server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://bench");
    const report =
      engineName === "phishing"
        ? engines.phishing.check(url.searchParams.get("url") ?? "")
        : await engines.addressRisk.check(client, { address: url.searchParams.get("address") ?? "" });
    const body = JSON.stringify({ engine: report.engine, report });
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
    });
    response.end(body);
  });
}
server.keepAliveTimeout = 30_000;
server.listen(Number(portArg), "127.0.0.1", () => process.send?.({ ready: true }));
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void (metering?.close() ?? Promise.resolve()).then(() => process.exit(0));
});
// The bench died without stopping us: do not linger.
process.on("disconnect", () => process.exit(0));
