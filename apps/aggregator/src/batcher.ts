import {
  aggregateSignatures,
  attestationDigest,
  buildMerkleTree,
  decodeG2,
  g2ToStruct,
  verdictLeaf,
} from "@palisade/crypto";
import type { WriteClient } from "@palisade/sdk";
import type { PendingSignatureStore } from "@palisade/store";
import type { Logger } from "pino";
import { type Hex, hexToBytes, type PublicClient } from "viem";
import { meetsQuorum, type OperatorSnapshot, type OperatorView } from "./chain/operators.ts";
import { sendSubmitBatch, submittedBlockOf } from "./chain/submitBatch.ts";
import { NodeRequestError, QuorumNotReachedError, SignatureRejectedError } from "./errors.ts";
import type { BatchRecord, Journal, TaskRecord } from "./journal.ts";
import type { AggregatorMetrics } from "./metrics.ts";
import { postToNode } from "./nodeClient.ts";
import { parseSigned, verifySigned } from "./signatures.ts";
import type { AttestationDomain } from "./tasks.ts";

export interface BatchSettings {
  /** A batch is cut as soon as this many verdicts are final… */
  batchSize: number;
  /** …or this long after the first one waiting. */
  batchIntervalMs: number;
  nodeTimeoutMs: number;
  nodeUrls?: readonly string[] | undefined;
  /** How often a sent submitBatch's receipt is polled (default DEFAULT_RECEIPT_POLL_MS). */
  receiptPollMs?: number | undefined;
  /**
   * The priority fee (wei per gas) of a batch holding an urgent task: a chain ordered by fee (anvil's
   * default) runs it before the attack it answers when both land in one block. Unset: the node's default.
   */
  urgentPriorityFeeWei?: bigint | undefined;
}

/**
 * viem polls receipts at the client's interval, 4 s for HTTP: a certificate mined in the next block
 * would be reported "submitted" seconds later, and the monitor acting on an alert waits for exactly that.
 */
export const DEFAULT_RECEIPT_POLL_MS = 100;

export interface BatcherDependencies {
  client: PublicClient;
  wallet: WriteClient;
  operators: OperatorView;
  store: PendingSignatureStore;
  journal: Journal;
  metrics: AggregatorMetrics;
  logger: Logger;
  domain: AttestationDomain;
  settings: BatchSettings;
  task(id: Hex): TaskRecord;
  saveTask(task: TaskRecord): void;
  now?: () => number;
}

export interface Batcher {
  /** Queues a final task; an urgent one is cut into a batch of its own at once. */
  enqueue(task: TaskRecord): void;
  /** Cuts the queued task `id` into a batch of its own now (it was asked for again as urgent). */
  expedite(id: Hex): void;
  /** Finishes a batch recorded before a restart (the same root: never a second certificate). */
  resume(batch: BatchRecord): void;
  batch(root: Hex): BatchRecord | undefined;
  /** Cuts a batch now from whatever is queued (tests, shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const leafOf = (task: TaskRecord): Hex => {
  if (!task.verdict) throw new Error(`task ${task.id} has no verdict`);
  return verdictLeaf({
    requestHash: task.id,
    responseHash: task.verdict.responseHash,
    engineVersion: task.engineVersion,
    referenceBlock: task.referenceBlock,
  });
};

/**
 * Batches final verdicts under one Merkle root, gathers the operators' signatures over it, aggregates
 * them and submits one certificate. Batches are sent one at a time (one submitter nonce, no races); their
 * receipts are awaited in parallel.
 *
 * A batch of one reuses the task's signatures: its root is the task's leaf and its reference block the
 * task's, so the digest is the one the operators already signed.
 */
export function createBatcher(dependencies: BatcherDependencies): Batcher {
  const { client, wallet, operators, store, journal, metrics, logger, domain, settings } = dependencies;
  const now = dependencies.now ?? Date.now;
  const queue: Hex[] = [];
  const batches = new Map<Hex, BatchRecord>();
  /** Batches sent and waiting for their receipt (outside the serial chain). */
  const confirming = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  const serial = (work: () => Promise<void>): Promise<void> => {
    const next = chain.then(work, work);
    chain = next.catch((error) => logger.error({ err: error }, "batch failed"));
    return next;
  };

  function saveBatch(batch: BatchRecord) {
    batches.set(batch.batchRoot, batch);
    journal.saveBatch(batch);
  }

  function cut(ids: Hex[] = queue.splice(0, settings.batchSize)): BatchRecord | undefined {
    if (ids.length === 0) return undefined;
    const tasks = ids.map((id) => dependencies.task(id));
    const leaves = tasks.map(leafOf);
    const tree = buildMerkleTree(leaves);
    const batch: BatchRecord = {
      batchRoot: tree.root,
      referenceBlock: Math.max(...tasks.map((task) => task.referenceBlock)),
      taskIds: ids,
      leaves,
      createdAt: now(),
      status: "signing",
    };
    saveBatch(batch);
    for (const task of tasks) {
      task.status = "batched";
      task.batchRoot = batch.batchRoot;
      dependencies.saveTask(task);
    }
    return batch;
  }

  async function valid(digest: Hex, snapshot: OperatorSnapshot) {
    const signatures = await store.listSignatures(digest);
    return signatures.filter((signature) => snapshot.byPubkeyHash.has(signature.signer as Hex));
  }

  /** Asks the operators that have not signed the batch yet; each valid answer is stored first. */
  async function gather(batch: BatchRecord, digest: Hex, snapshot: OperatorSnapshot, have: Set<string>) {
    const tasks = batch.taskIds.map((id) => dependencies.task(id));
    const body = {
      batchRoot: batch.batchRoot,
      referenceBlock: batch.referenceBlock,
      verdicts: tasks.map((task) => ({
        engine: task.engine,
        request: task.request,
        responseHash: task.verdict?.responseHash,
        requestHash: task.id,
      })),
    };
    const targets = settings.nodeUrls
      ? settings.nodeUrls.map((url) => ({ url, expected: undefined as Hex | undefined }))
      : snapshot.operators
          .filter((operator) => !have.has(operator.pubkeyHash))
          .map((operator) => ({ url: operator.nodeUrl, expected: operator.pubkeyHash as Hex | undefined }));
    await Promise.all(
      targets.map(async ({ url, expected }) => {
        try {
          const signed = parseSigned(await postToNode(url, "/batches", body, settings.nodeTimeoutMs));
          const operator = verifySigned(signed, digest, snapshot, expected);
          const { created } = await store.putSignature({
            taskId: digest,
            signer: operator.pubkeyHash,
            signature: signed.signature,
            receivedAt: now(),
          });
          (created ? metrics.signaturesAccepted : metrics.signaturesDuplicate).inc({ kind: "batch" });
        } catch (error) {
          if (error instanceof SignatureRejectedError)
            metrics.signaturesRejected.inc({ kind: "batch", reason: error.reason });
          const level =
            error instanceof NodeRequestError || error instanceof SignatureRejectedError ? "warn" : "error";
          logger[level](
            { batch: batch.batchRoot, url, err: error instanceof Error ? error.message : error },
            "no batch signature",
          );
        }
      }),
    );
  }

  function finish(batch: BatchRecord, fields: Partial<BatchRecord>) {
    Object.assign(batch, fields, { status: "submitted" });
    saveBatch(batch);
    for (const id of batch.taskIds) {
      const task = dependencies.task(id);
      task.status = "submitted";
      dependencies.saveTask(task);
    }
    metrics.batches.inc({ status: "submitted" });
    metrics.batchSize.observe(batch.taskIds.length);
    for (const _ of batch.taskIds) metrics.tasks.inc({ event: "submitted" });
  }

  async function closeSignatures(batch: BatchRecord, digest: Hex) {
    await store.markTaskDone(digest);
    for (const id of batch.taskIds)
      for (const { digest: taskDigest } of Object.values(dependencies.task(id).responses))
        await store.markTaskDone(taskDigest);
  }

  function fail(batch: BatchRecord, error: unknown) {
    batch.status = "failed";
    batch.error = error instanceof Error ? error.message : String(error);
    saveBatch(batch);
    for (const id of batch.taskIds) {
      const task = dependencies.task(id);
      task.status = "failed";
      task.error = `batch ${batch.batchRoot} failed: ${batch.error}`;
      dependencies.saveTask(task);
      metrics.tasks.inc({ event: "failed" });
    }
    metrics.batches.inc({ status: "failed" });
    logger.error({ batch: batch.batchRoot, err: batch.error }, "batch failed");
  }

  async function process(batch: BatchRecord): Promise<void> {
    const { serviceManager } = domain;
    const digest = attestationDigest({
      ...domain,
      batchRoot: batch.batchRoot,
      referenceBlock: batch.referenceBlock,
    });
    try {
      // Never twice: a batch the chain already holds (sent before a crash, or by another aggregator) is done.
      const landed = await submittedBlockOf(client, serviceManager, batch.batchRoot);
      if (landed !== 0) {
        finish(batch, { submittedBlock: landed });
        await closeSignatures(batch, digest);
        return;
      }
      const snapshot = await operators.snapshotAt(batch.referenceBlock);
      const threshold = await operators.thresholdBps();
      const stakeOf = (signatures: { signer: string }[]) =>
        signatures.reduce((sum, s) => sum + (snapshot.byPubkeyHash.get(s.signer as Hex)?.stake ?? 0n), 0n);
      let signatures = await valid(digest, snapshot);
      if (!meetsQuorum(stakeOf(signatures), snapshot.totalStake, threshold)) {
        await gather(batch, digest, snapshot, new Set(signatures.map((s) => s.signer)));
        signatures = await valid(digest, snapshot);
      }
      const signedStake = stakeOf(signatures);
      if (!meetsQuorum(signedStake, snapshot.totalStake, threshold))
        throw new QuorumNotReachedError(signedStake, snapshot.totalStake, threshold);
      const signerSet = new Set(signatures.map((s) => s.signer));
      const sigma = aggregateSignatures(signatures.map((s) => decodeG2(hexToBytes(s.signature))));
      // Strictly ascending by pubkeyHash, as the QuorumVerifier requires (same-length lower-case hex).
      const nonSigners = snapshot.operators
        .filter((operator) => !signerSet.has(operator.pubkeyHash))
        .sort((a, b) => (a.pubkeyHash < b.pubkeyHash ? -1 : 1));
      const stakeHints = await Promise.all(
        nonSigners.map((operator) => operators.stakeIndexAt(operator.pubkeyHash, batch.referenceBlock)),
      );
      const txHash = await sendSubmitBatch(
        wallet,
        {
          serviceManager,
          batchRoot: batch.batchRoot,
          referenceBlock: batch.referenceBlock,
          verdictCount: batch.taskIds.length,
          nonSigners: { pubkeys: nonSigners.map((o) => o.pubkey), stakeHints, apkHint: snapshot.apkIndex },
          sigma: g2ToStruct(sigma),
        },
        {
          maxPriorityFeePerGas: batch.taskIds.some((id) => dependencies.task(id).urgent)
            ? settings.urgentPriorityFeeWei
            : undefined,
        },
      );
      batch.status = "sent";
      batch.txHash = txHash;
      batch.signers = snapshot.operators.filter((o) => signerSet.has(o.pubkeyHash)).map((o) => o.operator);
      batch.nonSigners = nonSigners.map((o) => o.operator);
      saveBatch(batch);
      // Mined in the background: the next batch is sent meanwhile (the wallet takes the submitter's
      // pending nonce), so urgent certificates cut one after the other can land in the same block.
      const job = confirm(batch, txHash, digest, nonSigners.length);
      confirming.add(job);
      void job.finally(() => confirming.delete(job));
    } catch (error) {
      fail(batch, error);
    }
  }

  async function confirm(batch: BatchRecord, txHash: Hex, digest: Hex, nonSigners: number): Promise<void> {
    try {
      const receipt = await client.waitForTransactionReceipt({
        hash: txHash,
        pollingInterval: settings.receiptPollMs ?? DEFAULT_RECEIPT_POLL_MS,
      });
      if (receipt.status !== "success") throw new Error(`submitBatch ${txHash} reverted`);
      metrics.batchGasUsed.observe(Number(receipt.gasUsed));
      finish(batch, { gasUsed: receipt.gasUsed.toString(), submittedBlock: Number(receipt.blockNumber) });
      await closeSignatures(batch, digest);
      logger.info(
        {
          batch: batch.batchRoot,
          verdicts: batch.taskIds.length,
          txHash,
          gasUsed: Number(receipt.gasUsed),
          nonSigners,
        },
        "batch submitted",
      );
    } catch (error) {
      fail(batch, error);
    }
  }

  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    while (queue.length > 0 && !closed) {
      const batch = cut();
      if (batch) await serial(() => process(batch));
    }
  }

  /**
   * A batch of one, now: its root is the task's leaf, so the operators' task signatures certify it (no
   * second signing round) — the fastest certificate there is. It still waits for a batch being
   * submitted (one submitter nonce).
   */
  function cutAlone(id: Hex): void {
    if (closed) return;
    const batch = cut([id]);
    if (batch) void serial(() => process(batch));
  }

  return {
    enqueue(task) {
      if (task.urgent) return cutAlone(task.id);
      queue.push(task.id);
      if (queue.length >= settings.batchSize) void flush();
      else if (!timer && !closed) timer = setTimeout(() => void flush(), settings.batchIntervalMs);
    },
    expedite(id) {
      const index = queue.indexOf(id);
      if (index < 0) return;
      queue.splice(index, 1);
      if (queue.length === 0) {
        clearTimeout(timer);
        timer = undefined;
      }
      cutAlone(id);
    },
    resume(batch) {
      batches.set(batch.batchRoot, batch);
      if (batch.status === "signing" || batch.status === "sent") void serial(() => process(batch));
    },
    batch: (root) => batches.get(root),
    flush,
    async close() {
      closed = true;
      clearTimeout(timer);
      await chain;
      await Promise.allSettled([...confirming]);
    },
  };
}
