import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildMerkleTree, getMerkleProof } from "@palisade/crypto";
import { builtInEngines, createEngineRegistry, type EngineRegistry } from "@palisade/engines";
import type { WriteClient } from "@palisade/sdk";
import type { PendingSignatureStore } from "@palisade/store";
import type { Logger } from "pino";
import type { Hex, PublicClient } from "viem";
import { type Batcher, type BatchSettings, createBatcher } from "./batcher.ts";
import { createOperatorView, type OperatorView } from "./chain/operators.ts";
import { watchChainTasks } from "./chainTasks.ts";
import { BatchNotFoundError } from "./errors.ts";
import { createHttpServer } from "./http/server.ts";
import { openJournal, type TaskRecord } from "./journal.ts";
import { type AggregatorMetrics, createMetrics } from "./metrics.ts";
import { type AttestationDomain, createTaskManager, type TaskManager, type TaskSettings } from "./tasks.ts";

export interface StartAggregatorParameters {
  client: PublicClient;
  /** Sends submitBatch (the submitter's key never leaves it). */
  wallet: WriteClient;
  store: PendingSignatureStore;
  /** Holds the task and batch journal. */
  dataDir: string;
  domain: AttestationDomain;
  operatorRegistry: Hex;
  /** Where to read PubkeyRegistered events from (the AVS deployment block). */
  fromBlock: number;
  settings: TaskSettings &
    Omit<BatchSettings, "nodeTimeoutMs" | "nodeUrls"> & {
      /** Poll `TaskRequested` events this often (ms); 0 or unset: no on-chain tasks. */
      chainTaskPollMs?: number | undefined;
    };
  logger: Logger;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 asks the OS for a free port. */
  port: number;
  engines?: EngineRegistry;
}

export interface RunningAggregator {
  readonly url: string;
  readonly port: number;
  readonly tasks: TaskManager;
  readonly batcher: Batcher;
  readonly operators: OperatorView;
  readonly metrics: AggregatorMetrics;
  /** Stops the HTTP server, timers and in-flight work (the store stays open: the caller owns it). */
  close(): Promise<void>;
}

/** Wires the operator view, tasks, batcher and HTTP API, resumes the journal, and listens. */
export async function startAggregator(parameters: StartAggregatorParameters): Promise<RunningAggregator> {
  const { client, wallet, store, domain, settings, logger } = parameters;
  const engines = parameters.engines ?? createEngineRegistry(builtInEngines);
  const metrics = createMetrics();
  const journal = openJournal(parameters.dataDir);
  const operators = createOperatorView({
    client,
    serviceManager: domain.serviceManager,
    registry: parameters.operatorRegistry,
    fromBlock: parameters.fromBlock,
  });
  let batcher: Batcher | undefined;
  const tasks = createTaskManager({
    client,
    operators,
    store,
    journal,
    engines,
    metrics,
    logger,
    domain,
    settings,
    onFinal: (task) => batcher?.enqueue(task),
    onUrgent: (task) => batcher?.expedite(task.id),
  });
  batcher = createBatcher({
    client,
    wallet,
    operators,
    store,
    journal,
    metrics,
    logger,
    domain,
    settings: { ...settings, nodeTimeoutMs: settings.nodeTimeoutMs, nodeUrls: settings.nodeUrls },
    task: (id) => tasks.get(id),
    saveTask: (task) => tasks.save(task),
  });
  const running = batcher;

  // Resume: tasks first (batches refer to them), then batches recorded but not submitted, then final
  // verdicts that never made it into a batch.
  const loaded = journal.loadTasks();
  for (const task of loaded) tasks.resume(task);
  for (const batch of journal.loadBatches()) running.resume(batch);
  for (const task of loaded) if (task.status === "final") running.enqueue(task);

  const chainTasks = settings.chainTaskPollMs
    ? watchChainTasks({
        client,
        serviceManager: domain.serviceManager,
        fromBlock: parameters.fromBlock,
        pollIntervalMs: settings.chainTaskPollMs,
        tasks,
        journal,
        metrics,
        logger,
      })
    : undefined;

  const view = async (task: TaskRecord) => {
    const batch = task.batchRoot ? running.batch(task.batchRoot) : undefined;
    if (task.batchRoot && !batch) throw new BatchNotFoundError(task.batchRoot);
    const index = batch ? batch.taskIds.indexOf(task.id) : -1;
    return {
      id: task.id,
      engine: task.engine,
      engineVersion: task.engineVersion,
      request: task.request,
      referenceBlock: task.referenceBlock,
      status: task.status,
      urgent: task.urgent === true,
      createdAt: task.createdAt,
      deadline: task.deadline,
      responses: Object.entries(task.responses).map(([responseHash, { response }]) => ({
        responseHash,
        response,
      })),
      signers: await tasks.signersOf(task),
      verdict: task.verdict ?? null,
      batch:
        batch && index >= 0
          ? {
              batchRoot: batch.batchRoot,
              referenceBlock: batch.referenceBlock,
              status: batch.status,
              txHash: batch.txHash ?? null,
              submittedBlock: batch.submittedBlock ?? null,
              gasUsed: batch.gasUsed ?? null,
              verdictCount: batch.taskIds.length,
              leafIndex: index,
              proof: getMerkleProof(buildMerkleTree(batch.leaves), index),
              signers: batch.signers ?? [],
              nonSigners: batch.nonSigners ?? [],
            }
          : null,
      error: task.error ?? null,
    };
  };

  const server: Server = createHttpServer(
    {
      async openTask(engine, request, options) {
        const task = await tasks.open(engine, request, undefined, options);
        return { status: 202, body: await view(task) };
      },
      getTask: async (id) => ({ status: 200, body: await view(tasks.get(id)) }),
      async submitSignature(id, body) {
        const outcome = await tasks.submitSignature(id, body);
        return { status: outcome.created ? 201 : 200, body: outcome };
      },
      async health() {
        const reasons: string[] = [];
        await client.getBlockNumber({ cacheTime: 0 }).catch(() => reasons.push("RPC unreachable"));
        await store.listOpenTasks().catch(() => reasons.push("store unavailable"));
        return {
          status: reasons.length ? 503 : 200,
          body: { status: reasons.length ? "unhealthy" : "healthy", reasons },
        };
      },
      metrics: async () => ({
        status: 200,
        body: await metrics.registry.metrics(),
        contentType: metrics.registry.contentType,
      }),
    },
    logger,
  );
  const host = parameters.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(parameters.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  logger.info(
    { url, serviceManager: domain.serviceManager, registry: parameters.operatorRegistry },
    "aggregator listening",
  );
  return {
    url,
    port,
    tasks,
    batcher: running,
    operators,
    metrics,
    async close() {
      await chainTasks?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await tasks.close();
      await running.close();
    },
  };
}
