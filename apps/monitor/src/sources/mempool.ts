/**
 * Pending transaction hashes: a polled `eth_newPendingTransactionFilter`, and with a WebSocket client
 * also a `newPendingTransactions` subscription. The watcher is live when `watchMempool` resolves, and
 * only then reads `txpool_content`, so a transaction sent at any time after start is seen by one or the
 * other. Each hash is handed to `onPending` once, through a bounded queue with a few workers: a burst is
 * queued (the oldest dropped, and reported, beyond `maxQueue`) rather than simulated all at once.
 */
import type { Logger } from "pino";
import type { Hex, PublicClient } from "viem";
import { rpc } from "../chain/rpc.ts";
import { subscribe } from "./subscribe.ts";

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

export async function watchMempool(options: WatchMempoolOptions): Promise<MempoolWatcher> {
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

  const add = (hashes: readonly unknown[]) => {
    const now = Date.now();
    for (const raw of hashes) {
      if (typeof raw !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(raw)) continue;
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

  const sweepTxpool = () =>
    rpc<TxpoolContent>(options.client, "txpool_content", [])
      .then((content) =>
        add(
          Object.values(content.pending ?? {}).flatMap((byNonce) =>
            Object.values(byNonce).map((tx) => tx.hash),
          ),
        ),
      )
      .catch((error) => options.logger.debug({ err: error }, "txpool_content unavailable"));

  // Both sources when a WebSocket is given, the first notification of a hash wins: anvil pushes a
  // pending hash ~40 ms after accepting it, the filter shows it at the next poll; and a dropped
  // subscription goes unnoticed without the poll.
  const unsubscribe = options.wsClient
    ? await subscribe(
        options.wsClient,
        "newPendingTransactions",
        (hash) => add([hash]),
        (error) => options.logger.warn({ err: error }, "newPendingTransactions subscription error"),
      )
    : undefined;
  const newFilter = () => rpc<Hex>(options.client, "eth_newPendingTransactionFilter", []);
  let filter = await newFilter();
  let timer: NodeJS.Timeout | undefined;
  const poll = async () => {
    try {
      add(await rpc<Hex[]>(options.client, "eth_getFilterChanges", [filter]));
    } catch (error) {
      // The node forgot the filter (restart, expiry): make a new one and sweep what it missed.
      options.logger.warn({ err: error }, "pending transaction filter failed; installing a new one");
      try {
        filter = await newFilter();
        await sweepTxpool();
      } catch (retryError) {
        options.logger.warn({ err: retryError }, "eth_newPendingTransactionFilter failed");
      }
    }
    if (!stopped) timer = setTimeout(() => void poll(), options.pollMs);
  };
  timer = setTimeout(() => void poll(), options.pollMs);
  const stopSource = async () => {
    clearTimeout(timer);
    await unsubscribe?.();
    await rpc(options.client, "eth_uninstallFilter", [filter]).catch(() => undefined);
  };
  // What was pending before the watch began.
  await sweepTxpool();

  return {
    async stop() {
      stopped = true;
      await stopSource();
      queue.length = 0;
      await Promise.allSettled([...inFlight]);
    },
  };
}
