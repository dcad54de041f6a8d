import type { Address } from "viem";
import { getBlockNumber } from "viem/actions";
import type { ReadClient } from "../../internal/types.ts";
import { getTaskRequests, type TaskRequest } from "./getTaskRequests.ts";

export interface WatchTaskRequestsParameters {
  serviceManager: Address;
  /** The first block to read (the saved cursor, or the AVS deployment block). */
  fromBlock: bigint;
  /** Between polls (default 2000 ms). */
  pollIntervalMs?: number;
  /** Largest block range per `eth_getLogs` (default 5000: under common provider limits). */
  maxBlockRange?: bigint;
  /**
   * Called once per request, in chain order, and awaited. A throw stops the poll at that request's
   * block: the next poll starts there again (requests before it in the same block come again, so
   * the handler must be idempotent).
   */
  onRequest(request: TaskRequest): Promise<void>;
  /** Called after every block up to `nextBlock − 1` was handled: persist it to resume there. */
  onCursor?(nextBlock: bigint): void;
  onError?(error: unknown): void;
}

export interface WatchTaskRequestsReturnType {
  /** Stops polling and waits for the poll in progress. */
  stop(): Promise<void>;
  /** The next block to read. */
  readonly nextBlock: bigint;
}

/**
 * Polls `TaskRequested` events from `fromBlock` on (getLogs, not filters: nothing on the RPC side to
 * expire, and a restart resumes from a cursor instead of missing what happened while it was down).
 *
 * @example
 * const watcher = watchTaskRequests(client, {
 *   serviceManager, fromBlock: cursor,
 *   onRequest: async (task) => open(task.engine, decodeTaskRequest(task)),
 *   onCursor: (next) => saveCursor(next),
 * });
 * await watcher.stop();
 */
export function watchTaskRequests(
  client: ReadClient,
  parameters: WatchTaskRequestsParameters,
): WatchTaskRequestsReturnType {
  const pollIntervalMs = parameters.pollIntervalMs ?? 2_000;
  const maxRange = parameters.maxBlockRange ?? 5_000n;
  let nextBlock = parameters.fromBlock;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function poll(): Promise<void> {
    const head = await getBlockNumber(client, { cacheTime: 0 });
    while (!stopped && nextBlock <= head) {
      const toBlock = nextBlock + maxRange - 1n < head ? nextBlock + maxRange - 1n : head;
      const requests = await getTaskRequests(client, {
        serviceManager: parameters.serviceManager,
        fromBlock: nextBlock,
        toBlock,
      });
      for (const request of requests) {
        if (stopped) return;
        try {
          await parameters.onRequest(request);
        } catch (error) {
          if (request.blockNumber > nextBlock) {
            nextBlock = request.blockNumber;
            parameters.onCursor?.(nextBlock);
          }
          throw error;
        }
      }
      nextBlock = toBlock + 1n;
      parameters.onCursor?.(nextBlock);
    }
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = poll()
        .catch((error) => parameters.onError?.(error))
        .finally(() => schedule(pollIntervalMs));
    }, delay);
  }

  schedule(0);
  return {
    get nextBlock() {
      return nextBlock;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
