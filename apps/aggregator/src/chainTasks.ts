import { EngineError, EngineRpcError } from "@palisade/engines";
import {
  decodeTaskRequest,
  InvalidTaskRequestError,
  type WatchTaskRequestsReturnType,
  watchTaskRequests,
} from "@palisade/sdk";
import type { Logger } from "pino";
import type { Address, PublicClient } from "viem";
import { NoOperatorsError } from "./errors.ts";
import type { Journal } from "./journal.ts";
import type { AggregatorMetrics } from "./metrics.ts";
import type { TaskManager } from "./tasks.ts";

export interface ChainTaskWatcherDependencies {
  client: PublicClient;
  serviceManager: Address;
  /** Where to start when the journal has no cursor yet (the AVS deployment block). */
  fromBlock: number;
  pollIntervalMs: number;
  tasks: TaskManager;
  journal: Journal;
  metrics: AggregatorMetrics;
  logger: Logger;
}

/**
 * Opens a task for every `TaskRequested` event at the event's reference block, then collects as for
 * `POST /v1/tasks`. The cursor lives in the journal, written after each handled range, so a restart
 * neither misses a request nor opens one again (re-reading part of a block after a crash is harmless:
 * `open` returns the task already in the journal).
 */
export function watchChainTasks(dependencies: ChainTaskWatcherDependencies): WatchTaskRequestsReturnType {
  const { tasks, journal, metrics, logger } = dependencies;
  const fromBlock = journal.loadTaskCursor() ?? BigInt(dependencies.fromBlock);
  logger.info({ fromBlock: fromBlock.toString() }, "watching TaskRequested");
  return watchTaskRequests(dependencies.client, {
    serviceManager: dependencies.serviceManager,
    fromBlock,
    pollIntervalMs: dependencies.pollIntervalMs,
    async onRequest(event) {
      let request: Record<string, unknown>;
      try {
        request = decodeTaskRequest(event);
        const task = await tasks.open(event.engine, request, event.referenceBlock);
        metrics.onChainTasks.inc({ result: "opened" });
        logger.info(
          { task: task.id, taskNumber: event.taskNumber.toString(), referenceBlock: event.referenceBlock },
          "on-chain task",
        );
      } catch (error) {
        // A request no engine accepts is the requester's loss, not a reason to stop watching;
        // anything else (RPC down) propagates and the same block is read again at the next poll.
        // No operators at the reference block: nobody can ever sign it, and waiting would hold up
        // every later request.
        if (error instanceof NoOperatorsError) {
          metrics.onChainTasks.inc({ result: "no_operators" });
          logger.warn({ taskNumber: event.taskNumber.toString() }, "on-chain task with no operators");
          return;
        }
        const invalid =
          error instanceof InvalidTaskRequestError ||
          (error instanceof EngineError && !(error instanceof EngineRpcError));
        if (!invalid) throw error;
        metrics.onChainTasks.inc({ result: "invalid" });
        logger.warn(
          { taskNumber: event.taskNumber.toString(), engine: event.engine, err: error.shortMessage },
          "ignoring an invalid on-chain task",
        );
      }
    },
    onCursor: (nextBlock) => journal.saveTaskCursor(nextBlock),
    onError: (error) => logger.warn({ err: error }, "polling TaskRequested failed; retrying"),
  });
}
