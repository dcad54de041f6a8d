/**
 * Pending transaction hashes: a `newPendingTransactions` subscription over a WebSocket client, else a
 * polled `eth_newPendingTransactionFilter`; at start, what `txpool_content` already holds. Each hash is
 * handed to `onPending` once, through a bounded queue with a few workers: a burst is queued (the oldest
 * dropped, and counted, beyond `maxQueue`) rather than simulated all at once.
 */
import type { Logger } from "pino";
import type { Hex, PublicClient, WebSocketTransport } from "viem";
import { watchPendingTransactions } from "viem/actions";
import { rpc } from "../chain/rpc.ts";

export interface WatchMempoolOptions {
  client: PublicClient;
  wsClient?: PublicClient;
  pollMs: number;
  logger: Logger;
  /** Simulations at once (default 2). */
  concurrency?: number;
  /** Hashes waiting (default 1 000). */
  maxQueue?: number;
  onPending(hash: Hex, arrivedAt: number): Promise<void>;
  onDropped?(hash: Hex): void;
}

export interface MempoolWatcher {
  stop(): Promise<void>;
}

interface TxpoolContent {
  pending?: Record<string, Record<string, { hash: Hex }>>;
}

const SEEN_LIMIT = 50_000;

export function watchMempool(options: WatchMempoolOptions): MempoolWatcher {
  const concurrency = options.concurrency ?? 2;
  const maxQueue = options.maxQueue ?? 1_000;
  const queue: { hash: Hex; arrivedAt: number }[] = [];
  const seen = new Set<Hex>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  const pump = () => {
    while (!stopped && inFlight.size < concurrency && queue.length > 0) {
      const { hash, arrivedAt } = queue.shift() as { hash: Hex; arrivedAt: number };
      const job = options
        .onPending(hash, arrivedAt)
        .catch((error) => options.logger.warn({ err: error, tx: hash }, "pending transaction not analysed"))
        .finally(() => {
          inFlight.delete(job);
          pump();
        });
      inFlight.add(job);
    }
  };

  const add = (hashes: readonly Hex[]) => {
    const now = Date.now();
    for (const raw of hashes) {
      const hash = raw.toLowerCase() as Hex;
      if (stopped || seen.has(hash)) continue;
      seen.add(hash);
      if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as Hex);
      if (queue.length >= maxQueue) {
        const dropped = queue.shift();
        if (dropped) {
          options.logger.warn(
            { tx: dropped.hash, queued: maxQueue },
            "pending queue full; dropped the oldest",
          );
          options.onDropped?.(dropped.hash);
        }
      }
      queue.push({ hash, arrivedAt: now });
    }
    pump();
  };

  const onError = (error: Error) => options.logger.warn({ err: error }, "pending transaction watch error");
  const unwatch = options.wsClient
    ? watchPendingTransactions(options.wsClient as PublicClient<WebSocketTransport>, {
        poll: false,
        onTransactions: (hashes) => add(hashes),
        onError,
      })
    : watchPendingTransactions(options.client, {
        poll: true,
        pollingInterval: options.pollMs,
        batch: false,
        onTransactions: (hashes) => add(hashes),
        onError,
      });

  // What was pending before the watch began.
  void rpc<TxpoolContent>(options.client, "txpool_content", [])
    .then((content) =>
      add(
        Object.values(content.pending ?? {}).flatMap((byNonce) =>
          Object.values(byNonce).map((tx) => tx.hash),
        ),
      ),
    )
    .catch((error) => options.logger.debug({ err: error }, "txpool_content unavailable"));

  return {
    async stop() {
      stopped = true;
      unwatch();
      queue.length = 0;
      await Promise.allSettled([...inFlight]);
    },
  };
}
