import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { EngineError, type EngineRegistry, EngineRpcError } from "@palisade/engines";
import {
  decodeTaskRequest,
  InvalidTaskRequestError,
  type WatchTaskRequestsReturnType,
  watchTaskRequests,
} from "@palisade/sdk";
import { ConflictingSignatureError } from "@palisade/store";
import type { Logger } from "pino";
import type { Address, Hex, PublicClient } from "viem";
import { NodeError } from "./errors.ts";
import type { NodeMetrics } from "./metrics.ts";
import type { Signer, TaskSignature } from "./signer.ts";

export interface ChainTaskSettings {
  /** Where to start when there is no cursor file yet (the AVS deployment block). */
  fromBlock: bigint;
  pollIntervalMs: number;
  /** A JSON file holding the next block to read; unset: start at `fromBlock` on every start. */
  cursorPath?: string | undefined;
  /** Attempts to push an answer the aggregator has not opened the task for yet (404); default 6. */
  pushAttempts?: number | undefined;
  /** First retry delay, doubled per attempt (default 250 ms: 250 … 4 s over six attempts). */
  pushBackoffMs?: number | undefined;
}

export interface ChainTaskWatcherDependencies {
  client: PublicClient;
  serviceManager: Address;
  aggregatorUrl: string;
  signer: Signer;
  engines: EngineRegistry;
  metrics: NodeMetrics;
  logger: Logger;
  settings: ChainTaskSettings;
}

export interface ChainTaskWatcher {
  /** Stops polling and waits for the pushes in flight. */
  stop(): Promise<void>;
}

/**
 * Signs every `TaskRequested` task at the event's reference block (through the signer: slashing
 * protection records the response before anything is signed) and pushes the answer to the
 * aggregator's `POST /v1/tasks/:id/signatures`. The aggregator may not have seen the event yet, so a
 * 404 is retried with backoff. Signing is awaited before the cursor moves; pushing is not (a slow
 * aggregator must not hold up the next task). An answer lost to a crash mid-push costs nothing: the
 * aggregator also asks every node over `POST /tasks`, and the signer answers a repeat identically.
 */
export function watchChainTasks(dependencies: ChainTaskWatcherDependencies): ChainTaskWatcher {
  const { signer, engines, metrics, logger, settings } = dependencies;
  const attempts = settings.pushAttempts ?? 6;
  const backoffMs = settings.pushBackoffMs ?? 250;
  const pushes = new Set<Promise<void>>();
  let stopped = false;

  async function push(answer: TaskSignature): Promise<void> {
    const url = `${dependencies.aggregatorUrl}/v1/tasks/${answer.requestHash}/signatures`;
    for (let attempt = 1; ; attempt++) {
      let status: number | undefined;
      let failure: unknown;
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(answer),
          signal: AbortSignal.timeout(10_000),
        });
        status = response.status;
        await response.body?.cancel();
      } catch (error) {
        failure = error;
      }
      if (status !== undefined && status < 300) {
        metrics.onChainPushes.inc({ result: "accepted" });
        logger.debug({ task: answer.requestHash, status }, "pushed on-chain task answer");
        return;
      }
      // 404: the aggregator has not opened the task yet; no answer: it may be restarting.
      const retry = status === 404 || status === undefined;
      if (!retry || attempt >= attempts || stopped) {
        metrics.onChainPushes.inc({ result: retry ? "failed" : "rejected" });
        logger.warn(
          {
            task: answer.requestHash,
            status,
            attempt,
            err: failure instanceof Error ? failure.message : failure,
          },
          "the aggregator did not take the on-chain task answer",
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
    }
  }

  const fromBlock =
    settings.cursorPath !== undefined && existsSync(settings.cursorPath)
      ? BigInt((JSON.parse(readFileSync(settings.cursorPath, "utf8")) as { nextBlock: string }).nextBlock)
      : settings.fromBlock;
  logger.info({ fromBlock: fromBlock.toString() }, "watching TaskRequested");

  const watcher: WatchTaskRequestsReturnType = watchTaskRequests(dependencies.client, {
    serviceManager: dependencies.serviceManager,
    fromBlock,
    pollIntervalMs: settings.pollIntervalMs,
    async onRequest(event) {
      let answer: TaskSignature;
      try {
        const request = decodeTaskRequest(event);
        const { requestHash } = engines.get(event.engine).parseRequest(request);
        answer = await signer.signTask({
          engine: event.engine,
          requestHash: requestHash as Hex,
          referenceBlock: event.referenceBlock,
          request,
        });
      } catch (error) {
        // A transient failure (RPC) propagates: the watcher reads the block again at the next poll.
        if (error instanceof EngineRpcError) throw error;
        if (error instanceof InvalidTaskRequestError || error instanceof EngineError) {
          metrics.onChainTasks.inc({ result: "invalid" });
          logger.warn(
            { taskNumber: event.taskNumber.toString(), err: error.shortMessage },
            "invalid on-chain task",
          );
          return;
        }
        // Refused by slashing protection or the signer's checks (already counted and logged there).
        if (error instanceof ConflictingSignatureError || error instanceof NodeError) {
          metrics.onChainTasks.inc({ result: "refused" });
          return;
        }
        throw error;
      }
      metrics.onChainTasks.inc({ result: "signed" });
      const pushing = push(answer).catch((error) => logger.error({ err: error }, "pushing failed"));
      pushes.add(pushing);
      pushing.finally(() => pushes.delete(pushing));
    },
    onCursor(nextBlock) {
      if (settings.cursorPath === undefined) return;
      const temporary = `${settings.cursorPath}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify({ nextBlock: nextBlock.toString() })}\n`);
      renameSync(temporary, settings.cursorPath);
    },
    onError: (error) => logger.warn({ err: error }, "polling TaskRequested failed; retrying"),
  });

  return {
    async stop() {
      stopped = true;
      await watcher.stop();
      await Promise.allSettled([...pushes]);
    },
  };
}
