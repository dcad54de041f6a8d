// A bench server, started as a child process by throughput.ts (not part of the library).
// Usage: server.ts <bare|guarded> <workers> <port> <dbPath> <consumer> <providerId> <chainId> <marketplace>
// workers = 1: one process. workers > 1: a node:cluster primary forking that many workers, all
// listening on the port (the primary hands out connections) and, when guarded, sharing the SQLite
// file — the primary key (purchaseId, nonce) keeps the quota exact across them.
// Talks to its parent over IPC: sends { ready } once listening, answers { stats } with the metering
// counters (summed over workers).
import cluster from "node:cluster";
import { createServer } from "node:http";
import { openMeteringStore, type SqliteMeteringStore } from "@palisade/store";
import type { Address } from "viem";
import { createAccessGuard } from "../src/guard/createAccessGuard.ts";
import { createStaticPurchaseSource } from "../src/purchases/createStaticPurchaseSource.ts";

const [mode, workersArg, portArg, dbPath, consumer, providerIdArg, chainIdArg, marketplace] =
  process.argv.slice(2);
if (!mode || !workersArg || !portArg || !dbPath || !consumer || !providerIdArg || !chainIdArg || !marketplace)
  throw new Error(
    "usage: server.ts <bare|guarded> <workers> <port> <db> <consumer> <providerId> <chainId> <marketplace>",
  );
const workers = Number(workersArg);

/** What both servers answer: a small JSON verdict. */
const body = JSON.stringify({ verdict: "benign", score: 0.02, flags: { phishing: false, honeypot: null } });
const bodyHeaders = { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };

interface Stats {
  commits: number;
  calls: number;
  replays: number;
  busyRetries: number;
  largestBatch: number;
}
const noStats: Stats = { commits: 0, calls: 0, replays: 0, busyRetries: 0, largestBatch: 0 };

function serve(): void {
  let metering: SqliteMeteringStore | undefined;
  let handler: Parameters<typeof createServer>[1];
  if (mode === "bare") {
    handler = (_request, response) => {
      response.writeHead(200, bodyHeaders);
      response.end(body);
    };
  } else {
    metering = openMeteringStore(dbPath as string);
    const guard = createAccessGuard({
      providerId: Number(providerIdArg),
      chainId: Number(chainIdArg),
      marketplace: marketplace as Address,
      // Static source: the bench has no chain (labelled as such in results.md).
      purchases: createStaticPurchaseSource({
        purchases: [
          [
            1n,
            {
              consumer: consumer as Address,
              providerId: Number(providerIdArg),
              serviceId: 1,
              calls: 1_000_000,
              pricePerCall: 10n ** 15n,
              expiry: Math.floor(Date.now() / 1000) + 86_400,
              served: 0,
              refunded: false,
            },
          ],
        ],
      }),
      metering,
      maxTokenLifetimeSeconds: 3_600,
      onInternalError: (error) => process.stderr.write(`internal error: ${String(error)}\n`),
    });
    handler = (request, response) =>
      guard.middleware(request, response, () => {
        response.writeHead(200, bodyHeaders);
        response.end(body);
      });
  }
  const server = createServer({ keepAliveTimeout: 30_000 }, handler);
  server.listen(Number(portArg), "127.0.0.1", () => process.send?.({ ready: true }));
  process.on("message", (message: { stats?: boolean }) => {
    if (message.stats) process.send?.({ stats: metering?.stats() ?? noStats });
  });
  process.on("SIGTERM", () => {
    server.close();
    server.closeAllConnections();
    void (metering?.close() ?? Promise.resolve()).then(() => process.exit(0));
  });
}

// The bench died without stopping us: do not linger.
process.on("disconnect", () => process.exit(0));

if (workers <= 1) serve();
else if (cluster.isPrimary) {
  const forked = Array.from({ length: workers }, () => cluster.fork());
  let ready = 0;
  for (const worker of forked)
    worker.on("message", (message: { ready?: boolean }) => {
      if (message.ready && ++ready === workers) process.send?.({ ready: true });
    });
  process.on("message", async (message: { stats?: boolean }) => {
    if (!message.stats) return;
    const all = await Promise.all(
      forked.map(
        (worker) =>
          new Promise<Stats>((resolve) => {
            const onMessage = (reply: { stats?: Stats }) => {
              if (!reply.stats) return;
              worker.off("message", onMessage);
              resolve(reply.stats);
            };
            worker.on("message", onMessage);
            worker.send({ stats: true });
          }),
      ),
    );
    process.send?.({
      stats: all.reduce((sum, s) => ({
        commits: sum.commits + s.commits,
        calls: sum.calls + s.calls,
        replays: sum.replays + s.replays,
        busyRetries: sum.busyRetries + s.busyRetries,
        largestBatch: Math.max(sum.largestBatch, s.largestBatch),
      })),
    });
  });
  process.on("SIGTERM", () => {
    for (const worker of forked) worker.process.kill("SIGTERM");
    cluster.disconnect(() => process.exit(0));
  });
} else serve();
