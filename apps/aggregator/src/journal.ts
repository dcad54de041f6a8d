import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Address, Hex } from "viem";

/**
 * What the aggregator knows about a task besides its signatures (which live in the
 * PendingSignatureStore). Written atomically on every change so a restart resumes it.
 */
export interface TaskRecord {
  /** The requestHash: one task per (engine, request, reference block). */
  id: Hex;
  engine: string;
  engineVersion: Hex;
  /** The engine request as sent to the nodes (with the pinned referenceBlock). */
  request: unknown;
  referenceBlock: number;
  createdAt: number;
  /** Unix ms after which the task stops collecting. */
  deadline: number;
  status: "open" | "final" | "batched" | "submitted" | "failed";
  /** Every response an operator validly signed, by responseHash; `digest` is what they signed. */
  responses: Record<Hex, { digest: Hex; response: unknown }>;
  /** Set when the task is final: the winning response and the stake behind it at the reference block. */
  verdict?: { responseHash: Hex; signedStake: string; totalStake: string; finalAt: number };
  batchRoot?: Hex;
  error?: string;
  /**
   * Asked for with `urgent` (a front-running alert): handed to the batcher as soon as it is final (no
   * straggler grace) and certified in a batch of its own at once (no batch interval).
   */
  urgent?: true;
}

/** A batch, recorded before anything is sent so a restart finishes the same batch (never a second root). */
export interface BatchRecord {
  batchRoot: Hex;
  referenceBlock: number;
  taskIds: Hex[];
  /** One leaf per task, in tree order. */
  leaves: Hex[];
  createdAt: number;
  status: "signing" | "sent" | "submitted" | "failed";
  txHash?: Hex;
  gasUsed?: string;
  submittedBlock?: number;
  signers?: Address[];
  nonSigners?: Address[];
  error?: string;
}

export interface Journal {
  saveTask(task: TaskRecord): void;
  saveBatch(batch: BatchRecord): void;
  loadTasks(): TaskRecord[];
  loadBatches(): BatchRecord[];
  /** The next block the on-chain task watcher reads, or undefined before its first poll. */
  loadTaskCursor(): bigint | undefined;
  saveTaskCursor(nextBlock: bigint): void;
}

/**
 * One JSON file per task and per batch under `dir`, replaced atomically (write, then rename): a crash
 * leaves the old or the new version, never half of one. Small and append-mostly; a shared deployment
 * would move it next to the pending signatures in the database.
 */
export function openJournal(dir: string): Journal {
  const tasksDir = join(dir, "tasks");
  const batchesDir = join(dir, "batches");
  mkdirSync(tasksDir, { recursive: true });
  mkdirSync(batchesDir, { recursive: true });
  const write = (path: string, value: unknown) => {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
    renameSync(temporary, path);
  };
  const readAll = <T>(folder: string): T[] =>
    readdirSync(folder)
      .filter((name) => name.endsWith(".json"))
      .map((name) => JSON.parse(readFileSync(join(folder, name), "utf8")) as T);
  const cursorPath = join(dir, "task-cursor.json");
  return {
    loadTaskCursor: () =>
      existsSync(cursorPath)
        ? BigInt((JSON.parse(readFileSync(cursorPath, "utf8")) as { nextBlock: string }).nextBlock)
        : undefined,
    saveTaskCursor: (nextBlock) => write(cursorPath, { nextBlock: nextBlock.toString() }),
    saveTask: (task) => write(join(tasksDir, `${task.id}.json`), task),
    saveBatch: (batch) => write(join(batchesDir, `${batch.batchRoot}.json`), batch),
    loadTasks: () => readAll<TaskRecord>(tasksDir).sort((a, b) => a.createdAt - b.createdAt),
    loadBatches: () => readAll<BatchRecord>(batchesDir).sort((a, b) => a.createdAt - b.createdAt),
  };
}
