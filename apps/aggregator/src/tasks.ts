import { attestationDigest, verdictLeaf } from "@palisade/crypto";
import type { EngineRegistry } from "@palisade/engines";
import {
  ConflictingPendingSignatureError,
  type PendingSignatureStore,
  TaskClosedError,
} from "@palisade/store";
import type { Logger } from "pino";
import type { Address, Hex, PublicClient } from "viem";
import { meetsQuorum, type OperatorSnapshot, type OperatorView } from "./chain/operators.ts";
import { NodeRequestError, SignatureRejectedError, TaskNotFoundError } from "./errors.ts";
import type { Journal, TaskRecord } from "./journal.ts";
import type { AggregatorMetrics } from "./metrics.ts";
import { postToNode } from "./nodeClient.ts";
import { parseSigned, verifySigned } from "./signatures.ts";

export interface AttestationDomain {
  chainId: number;
  serviceManager: Address;
}

export interface TaskSettings {
  /** How long a task collects signatures before it fails for want of quorum. */
  deadlineMs: number;
  /** Per-request timeout to an operator node (also capped by the deadline). */
  nodeTimeoutMs: number;
  /** The reference block is `latest − confirmations` (≥ 1: the certificate needs a past block). */
  confirmations: number;
  /** Ask these nodes instead of the URLs operators registered (dev setups behind NAT …). */
  nodeUrls?: readonly string[] | undefined;
  /**
   * Once a task is final, how long it may wait for the nodes still answering before it is handed to
   * the batcher (default 1000 ms; it waits less when every node has answered). Every signer that
   * makes it in is one non-signer fewer in the certificate (~5,200 gas each).
   */
  stragglerGraceMs?: number | undefined;
}

/** Default of TaskSettings.stragglerGraceMs. */
export const DEFAULT_STRAGGLER_GRACE_MS = 1_000;

export interface TaskManagerDependencies {
  client: PublicClient;
  operators: OperatorView;
  store: PendingSignatureStore;
  journal: Journal;
  engines: EngineRegistry;
  metrics: AggregatorMetrics;
  logger: Logger;
  domain: AttestationDomain;
  settings: TaskSettings;
  /** Called once when a task's verdict becomes final (it reached quorum). */
  onFinal(task: TaskRecord): void;
  /** Called when a task already final is asked for again with `urgent` (the batcher cuts it now). */
  onUrgent?(task: TaskRecord): void;
  now?: () => number;
}

export interface SignatureOutcome {
  created: boolean;
  operator: Address;
  responseHash: Hex;
}

export interface OpenTaskOptions {
  /** Certify as soon as it is final, alone in its batch (see TaskRecord.urgent). */
  urgent?: boolean | undefined;
}

export interface TaskManager {
  /**
   * Opens (or returns the open) task for `request`. The reference block is `referenceBlock` when
   * given (an on-chain request fixes it), else the engine's own (`referenceBlockOf`: an alert's block),
   * else `latest − confirmations`.
   */
  open(
    engine: string,
    request: unknown,
    referenceBlock?: number,
    options?: OpenTaskOptions,
  ): Promise<TaskRecord>;
  get(id: string): TaskRecord;
  has(id: string): boolean;
  /** A signed task response pushed by a node (or relayed): verified, stored, then counted. */
  submitSignature(id: string, body: unknown): Promise<SignatureOutcome>;
  /** Signatures per response: `{ responseHash → [{ signer pubkeyHash, operator, stake }] }`. */
  signersOf(
    task: TaskRecord,
  ): Promise<Record<Hex, { pubkeyHash: Hex; operator: Address | null; stake: string }[]>>;
  /** Resumes a task loaded from the journal (collects from operators that have not signed yet). */
  resume(task: TaskRecord): void;
  save(task: TaskRecord): void;
  /** Stops timers and waits for in-flight collection. */
  close(): Promise<void>;
}

/** The leaf and attestation digest a task's response is signed under (a batch of one: root = leaf). */
export function taskDigest(domain: AttestationDomain, task: TaskRecord, responseHash: Hex): Hex {
  const leaf = verdictLeaf({
    requestHash: task.id,
    responseHash,
    engineVersion: task.engineVersion,
    referenceBlock: task.referenceBlock,
  });
  return attestationDigest({ ...domain, batchRoot: leaf, referenceBlock: task.referenceBlock });
}

/**
 * Opens tasks, pushes them to every operator node, verifies and stores each signature BEFORE it counts,
 * and finalises a task when the stake behind one response reaches the quorum threshold.
 */
export function createTaskManager(dependencies: TaskManagerDependencies): TaskManager {
  const { client, operators, store, journal, engines, metrics, logger, domain, settings } = dependencies;
  const now = dependencies.now ?? Date.now;
  const tasks = new Map<string, TaskRecord>();
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  /** Per open task: settles when every node asked has answered or timed out. */
  const collecting = new Map<string, Promise<void>>();
  let closed = false;

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    promise.finally(() => inFlight.delete(promise)).catch(() => {});
    return promise;
  };

  function save(task: TaskRecord) {
    tasks.set(task.id, task);
    journal.saveTask(task);
  }

  function get(id: string): TaskRecord {
    const task = tasks.get(id.toLowerCase());
    if (!task) throw new TaskNotFoundError(id);
    return task;
  }

  function reject(kind: string, error: unknown): never {
    if (error instanceof SignatureRejectedError)
      metrics.signaturesRejected.inc({ kind, reason: error.reason });
    throw error;
  }

  /** Verifies and stores one signed task response; counts it only once it is durable. */
  async function accept(
    task: TaskRecord,
    body: unknown,
    expected: Hex | undefined,
  ): Promise<SignatureOutcome> {
    try {
      const signed = parseSigned(body);
      if (signed.requestHash !== undefined && signed.requestHash !== task.id)
        throw new SignatureRejectedError("mismatch", `signed request ${signed.requestHash}, task ${task.id}`);
      if (signed.responseHash === undefined)
        throw new SignatureRejectedError("bad_encoding", "responseHash: required for a task signature");
      const digest = taskDigest(domain, task, signed.responseHash);
      const snapshot = await operators.snapshotAt(task.referenceBlock);
      const operator = verifySigned(signed, digest, snapshot, expected);
      if (task.status !== "open" && task.status !== "final") {
        // Batched or done: a repeat of a stored signature is still idempotent, anything new is late.
        const stored = await store.getSignature(digest, operator.pubkeyHash);
        if (stored?.signature !== signed.signature)
          throw new SignatureRejectedError("late", `task ${task.id} is ${task.status}`);
        metrics.signaturesDuplicate.inc({ kind: "task" });
        return { created: false, operator: operator.operator, responseHash: signed.responseHash };
      }
      if (!task.responses[signed.responseHash]) {
        task.responses[signed.responseHash] = { digest, response: signed.response ?? null };
        save(task);
      }
      let created: boolean;
      try {
        ({ created } = await store.putSignature({
          taskId: digest,
          signer: operator.pubkeyHash,
          signature: signed.signature,
          receivedAt: now(),
        }));
      } catch (error) {
        if (error instanceof ConflictingPendingSignatureError)
          throw new SignatureRejectedError(
            "conflict",
            `${operator.operator} already gave other bytes for ${digest}`,
          );
        if (error instanceof TaskClosedError) throw new SignatureRejectedError("late", `${digest} is closed`);
        throw error;
      }
      if (created) metrics.signaturesAccepted.inc({ kind: "task" });
      else metrics.signaturesDuplicate.inc({ kind: "task" });
      logger.debug({ task: task.id, operator: operator.operator, created }, "task signature");
      if (created) await evaluate(task, snapshot);
      return { created, operator: operator.operator, responseHash: signed.responseHash };
    } catch (error) {
      reject("task", error);
    }
  }

  /** Stake behind each response, from the store (the source of truth across restarts). */
  async function tally(task: TaskRecord, snapshot: OperatorSnapshot) {
    const result: { responseHash: Hex; stake: bigint; signers: Hex[] }[] = [];
    for (const [responseHash, { digest }] of Object.entries(task.responses) as [Hex, { digest: Hex }][]) {
      const signatures = await store.listSignatures(digest);
      let stake = 0n;
      const signers: Hex[] = [];
      for (const signature of signatures) {
        const operator = snapshot.byPubkeyHash.get(signature.signer as Hex);
        if (!operator) continue;
        stake += operator.stake;
        signers.push(operator.pubkeyHash);
      }
      result.push({ responseHash, stake, signers });
    }
    return result.sort((a, b) => (b.stake > a.stake ? 1 : b.stake < a.stake ? -1 : 0));
  }

  async function evaluate(task: TaskRecord, snapshot?: OperatorSnapshot): Promise<void> {
    if (task.status !== "open") return;
    const at = snapshot ?? (await operators.snapshotAt(task.referenceBlock));
    const [best] = await tally(task, at);
    if (!best) return;
    const threshold = await operators.thresholdBps();
    // Re-checked after the awaits: another signature may have finalised the task meanwhile.
    if (task.status !== "open" || !meetsQuorum(best.stake, at.totalStake, threshold)) return;
    task.status = "final";
    task.verdict = {
      responseHash: best.responseHash,
      signedStake: best.stake.toString(),
      totalStake: at.totalStake.toString(),
      finalAt: now(),
    };
    save(task);
    clearTimeout(timers.get(task.id));
    timers.delete(task.id);
    metrics.tasks.inc({ event: "final" });
    metrics.openTasks.dec();
    metrics.timeToQuorum.observe((task.verdict.finalAt - task.createdAt) / 1000);
    logger.info(
      { task: task.id, responseHash: best.responseHash, signedStake: task.verdict.signedStake },
      "task final",
    );
    handOver(task);
  }

  /** Gives the final task to the batcher once the nodes still answering are done, or after the grace. */
  function handOver(task: TaskRecord) {
    // An urgent task does not wait: every block of delay is a block the attack may land in.
    const graceMs = task.urgent ? 0 : (settings.stragglerGraceMs ?? DEFAULT_STRAGGLER_GRACE_MS);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    track(Promise.race([collecting.get(task.id) ?? Promise.resolve(), grace]))
      .then(() => {
        clearTimeout(timer);
        if (!closed) dependencies.onFinal(task);
      })
      .catch((error) => logger.error({ err: error, task: task.id }, "handing the task over failed"));
  }

  async function expire(task: TaskRecord): Promise<void> {
    timers.delete(task.id);
    await evaluate(task);
    if (task.status !== "open") return;
    task.status = "failed";
    task.error = "quorum not reached by the deadline";
    save(task);
    metrics.tasks.inc({ event: "failed" });
    metrics.openTasks.dec();
    logger.warn({ task: task.id }, "task failed: quorum not reached by the deadline");
  }

  function schedule(task: TaskRecord) {
    const timer = setTimeout(
      () => {
        track(expire(task)).catch((error) =>
          logger.error({ err: error, task: task.id }, "expiring a task failed"),
        );
      },
      Math.max(0, task.deadline - now()),
    );
    timers.set(task.id, timer);
  }

  /** Asks every operator that has not signed yet, concurrently, each bounded by the deadline. */
  async function collect(task: TaskRecord): Promise<void> {
    const snapshot = await operators.snapshotAt(task.referenceBlock);
    const signed = new Set<string>();
    for (const { digest } of Object.values(task.responses))
      for (const signature of await store.listSignatures(digest)) signed.add(signature.signer);
    const targets: { url: string; expected: Hex | undefined }[] = settings.nodeUrls
      ? settings.nodeUrls.map((url) => ({ url, expected: undefined }))
      : snapshot.operators
          .filter((operator) => !signed.has(operator.pubkeyHash))
          .map((operator) => ({ url: operator.nodeUrl, expected: operator.pubkeyHash }));
    const body = {
      engine: task.engine,
      requestHash: task.id,
      referenceBlock: task.referenceBlock,
      request: task.request,
    };
    await Promise.all(
      targets.map(async ({ url, expected }) => {
        if (closed || task.status !== "open") return;
        const timeout = Math.min(settings.nodeTimeoutMs, task.deadline - now());
        try {
          const answer = await postToNode(url, "/tasks", body, timeout);
          if (closed) return;
          await accept(task, answer, expected);
        } catch (error) {
          // A missing or invalid signature only means this operator does not count for this task.
          const level =
            error instanceof NodeRequestError || error instanceof SignatureRejectedError ? "warn" : "error";
          logger[level](
            { task: task.id, url, err: error instanceof Error ? error.message : error },
            "no signature",
          );
        }
      }),
    );
  }

  /** Runs `collect` and remembers it, so a final task can wait for the nodes still answering. */
  function collectTracked(task: TaskRecord): Promise<void> {
    const running = track(collect(task));
    const settled = running.then(
      () => {},
      () => {},
    );
    collecting.set(task.id, settled);
    settled.then(() => collecting.delete(task.id));
    return running;
  }

  function start(task: TaskRecord) {
    schedule(task);
    collectTracked(task).catch((error) => logger.error({ err: error, task: task.id }, "collecting failed"));
  }

  return {
    save,
    get,
    has: (id) => tasks.has(id.toLowerCase()),
    async open(engineId, input, pinned, options = {}) {
      const engine = engines.get(engineId);
      const referenceBlock =
        pinned ??
        engine.referenceBlockOf?.(input) ??
        Math.max(0, Number(await client.getBlockNumber({ cacheTime: 0 })) - settings.confirmations);
      const request = engine.parseRequest({ ...(input as Record<string, unknown>), referenceBlock });
      const existing = tasks.get(request.requestHash);
      if (existing) {
        if (
          options.urgent &&
          !existing.urgent &&
          (existing.status === "open" || existing.status === "final")
        ) {
          existing.urgent = true;
          save(existing);
          if (existing.status === "final") dependencies.onUrgent?.(existing);
        }
        return existing;
      }
      const createdAt = now();
      const task: TaskRecord = {
        id: request.requestHash,
        engine: engine.id,
        engineVersion: engine.engineVersion,
        request: { ...(input as Record<string, unknown>), referenceBlock },
        referenceBlock,
        createdAt,
        deadline: createdAt + settings.deadlineMs,
        status: "open",
        responses: {},
        ...(options.urgent ? { urgent: true as const } : {}),
      };
      await operators.snapshotAt(referenceBlock);
      save(task);
      metrics.tasks.inc({ event: "opened" });
      metrics.openTasks.inc();
      logger.info(
        { task: task.id, engine: engine.id, referenceBlock, urgent: options.urgent === true },
        "task opened",
      );
      start(task);
      return task;
    },
    async submitSignature(id, body) {
      return accept(get(id), body, undefined);
    },
    async signersOf(task) {
      const snapshot = await operators.snapshotAt(task.referenceBlock);
      const result: Record<Hex, { pubkeyHash: Hex; operator: Address | null; stake: string }[]> = {};
      for (const [responseHash, { digest }] of Object.entries(task.responses) as [Hex, { digest: Hex }][]) {
        result[responseHash] = (await store.listSignatures(digest)).map((signature) => {
          const operator = snapshot.byPubkeyHash.get(signature.signer as Hex);
          return {
            pubkeyHash: signature.signer as Hex,
            operator: operator?.operator ?? null,
            stake: (operator?.stake ?? 0n).toString(),
          };
        });
      }
      return result;
    },
    resume(task) {
      tasks.set(task.id, task);
      if (task.status !== "open") return;
      metrics.openTasks.inc();
      logger.info({ task: task.id }, "resuming task");
      // Signatures stored before the restart count at once; then the missing operators are asked.
      track(
        evaluate(task).then(() =>
          task.status === "open" && task.deadline > now() ? collectTracked(task) : undefined,
        ),
      ).catch((error) => logger.error({ err: error, task: task.id }, "resuming failed"));
      schedule(task);
    },
    async close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...inFlight]);
    },
  };
}
