import type Database from "better-sqlite3";
import { ConflictingPendingSignatureError, TaskClosedError } from "../errors.ts";
import type { Hash32, PendingSignature, PendingSignatureStore, PutPendingSignatureResult } from "../types.ts";
import { toHash32, toHexBytes, toSigner, toUint } from "./validate.ts";

interface Row {
  task_id: string;
  signer: string;
  signature: string;
  received_at: number;
}

const toSignature = (row: Row): PendingSignature => ({
  taskId: row.task_id as Hash32,
  signer: row.signer,
  signature: row.signature as `0x${string}`,
  receivedAt: row.received_at,
});

/** PendingSignatureStore over an open, migrated database. */
export function createSqlitePendingSignatures(db: Database.Database): PendingSignatureStore {
  const insertTask = db.prepare<[string, number]>(
    "INSERT INTO pending_tasks (task_id, first_seen_at) VALUES (?, ?) ON CONFLICT (task_id) DO NOTHING",
  );
  const selectTask = db.prepare<[string], { done_at: number | null }>(
    "SELECT done_at FROM pending_tasks WHERE task_id = ?",
  );
  const insertSignature = db.prepare<[string, string, string, number]>(
    `INSERT INTO pending_signatures (task_id, signer, signature, received_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (task_id, signer) DO NOTHING`,
  );
  const selectSignature = db.prepare<[string, string], Row>(
    "SELECT * FROM pending_signatures WHERE task_id = ? AND signer = ?",
  );
  // rowid follows insertion order: signatures come back in the order they arrived.
  const selectSignatures = db.prepare<[string], Row>(
    "SELECT * FROM pending_signatures WHERE task_id = ? ORDER BY rowid",
  );
  const selectOpen = db.prepare<[], { task_id: string }>(
    "SELECT task_id FROM pending_tasks WHERE done_at IS NULL ORDER BY first_seen_at, rowid",
  );
  const markDone = db.prepare<[number, string]>(
    "UPDATE pending_tasks SET done_at = ? WHERE task_id = ? AND done_at IS NULL",
  );

  const put = db.transaction((signature: PendingSignature): { created: boolean; row: Row } => {
    insertTask.run(signature.taskId, signature.receivedAt);
    if (selectTask.get(signature.taskId)?.done_at != null) throw new TaskClosedError(signature.taskId);
    const created =
      insertSignature.run(signature.taskId, signature.signer, signature.signature, signature.receivedAt)
        .changes === 1;
    const row = selectSignature.get(signature.taskId, signature.signer);
    if (!row) throw new Error("unreachable: pending signature row vanished inside its transaction");
    return { created, row };
  });
  const done = db.transaction((taskId: string, doneAt: number) => {
    insertTask.run(taskId, doneAt);
    markDone.run(doneAt, taskId);
  });

  return {
    async putSignature(input: PendingSignature): Promise<PutPendingSignatureResult> {
      const signature: PendingSignature = {
        taskId: toHash32("taskId", input.taskId),
        signer: toSigner(input.signer),
        signature: toHexBytes("signature", input.signature),
        receivedAt: toUint("receivedAt", input.receivedAt),
      };
      const { created, row } = put.immediate(signature);
      if (row.signature !== signature.signature)
        throw new ConflictingPendingSignatureError(signature.taskId, signature.signer);
      return { signature: toSignature(row), created };
    },
    async getSignature(taskId: Hash32, signer: string): Promise<PendingSignature | undefined> {
      const row = selectSignature.get(toHash32("taskId", taskId), toSigner(signer));
      return row ? toSignature(row) : undefined;
    },
    async listSignatures(taskId: Hash32): Promise<PendingSignature[]> {
      return selectSignatures.all(toHash32("taskId", taskId)).map(toSignature);
    },
    async listOpenTasks(): Promise<Hash32[]> {
      return selectOpen.all().map((row) => row.task_id as Hash32);
    },
    async markTaskDone(taskId: Hash32, doneAt = Date.now()): Promise<void> {
      done.immediate(toHash32("taskId", taskId), toUint("doneAt", doneAt));
    },
    async isTaskDone(taskId: Hash32): Promise<boolean> {
      return selectTask.get(toHash32("taskId", taskId))?.done_at != null;
    },
  };
}
