/**
 * Follows the chain head and hands every block to `onBlock` exactly once, in order, from `fromBlock`:
 * a failed block is retried (with backoff) before the next one, so no block is ever skipped. Heads come
 * from polling `eth_blockNumber` and, when a WebSocket client is given, a `newHeads` subscription (the
 * first to report a head wins). `arrivedAt` is when the monitor first learnt a block existed.
 */
import type { Logger } from "pino";
import type { PublicClient } from "viem";
import { rpc } from "../chain/rpc.ts";
import { subscribe } from "./subscribe.ts";

export interface FollowBlocksOptions {
  client: PublicClient;
  /** Subscribes to new heads over this client (a webSocket transport). */
  wsClient?: PublicClient;
  /** The first block to process. */
  fromBlock: number;
  pollMs: number;
  logger: Logger;
  onBlock(number: number, arrivedAt: number): Promise<void>;
  /** The next block to process after `number` succeeded (for health and metrics). */
  onProgress?(processed: number, head: number): void;
}

export interface BlockFollower {
  /** The next block to process. */
  readonly cursor: number;
  /** The highest head seen. */
  readonly head: number;
  stop(): Promise<void>;
}

const MAX_RETRY_MS = 5_000;

/** Resolves once heads are watched (the subscription confirmed, or the first poll sent). */
export async function followBlocks(options: FollowBlocksOptions): Promise<BlockFollower> {
  let cursor = options.fromBlock;
  let head = options.fromBlock - 1;
  let stopped = false;
  let running: Promise<void> | undefined;
  const arrivals = new Map<number, number>();

  const onHead = (number: number) => {
    if (stopped || number <= head) return;
    const now = Date.now();
    for (let n = Math.max(head + 1, cursor); n <= number; n++) arrivals.set(n, now);
    head = number;
    pump();
  };

  const pump = () => {
    if (running || stopped) return;
    running = (async () => {
      let failures = 0;
      while (!stopped && cursor <= head) {
        const number = cursor;
        try {
          await options.onBlock(number, arrivals.get(number) ?? Date.now());
          arrivals.delete(number);
          cursor = number + 1;
          failures = 0;
          options.onProgress?.(number, head);
        } catch (error) {
          failures++;
          const delay = Math.min(MAX_RETRY_MS, options.pollMs * 2 ** Math.min(failures - 1, 10));
          options.logger.warn(
            { err: error, block: number, attempt: failures, retryInMs: delay },
            "block processing failed; retrying",
          );
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    })().finally(() => {
      running = undefined;
      // A head may have arrived while the last block was being processed.
      if (!stopped && cursor <= head) pump();
    });
  };

  const poll = async () => {
    try {
      onHead(Number(BigInt(await rpc<string>(options.client, "eth_blockNumber", []))));
    } catch (error) {
      options.logger.warn({ err: error }, "eth_blockNumber failed");
    }
  };
  // Polled even with a subscription: a lost notification (or a dropped socket) must not stall the monitor.
  const timer = setInterval(() => void poll(), options.pollMs);
  void poll();
  const unwatch = options.wsClient
    ? await subscribe(
        options.wsClient,
        "newHeads",
        (header) => {
          const number = (header as { number?: unknown } | null)?.number;
          if (typeof number === "string") onHead(Number(BigInt(number)));
        },
        (error) => options.logger.warn({ err: error }, "newHeads subscription error"),
      )
    : undefined;

  return {
    get cursor() {
      return cursor;
    },
    get head() {
      return head;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await unwatch?.();
      await running;
    },
  };
}
