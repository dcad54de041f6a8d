/**
 * The metering store's writer thread: owns the write connection and commits each batch the main
 * thread sends in ONE transaction, then answers. It runs off the main thread because a commit waits
 * for an fsync (0.15 ms on an idle local disk, several ms on a busy or networked one) and
 * better-sqlite3 waits synchronously: on the main thread that wait would stall every request; here
 * the main thread keeps verifying tokens while the disk works, and the next batch fills meanwhile.
 *
 * The main thread sends each turn's calls as soon as it has them; whatever arrived here while the
 * previous transaction was committing is combined into the next one (up to `maxBatch` writes), so the
 * disk never waits for a round trip and each fsync covers every call that was ready for it.
 *
 * When another process holds the write lock, this thread (not the event loop) waits, in 0.1 ms
 * steps, up to `busyTimeoutMs`; SQLite's own busy handler would sleep whole milliseconds.
 */
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import {
  KIND_CALL,
  RECORD_BYTES,
  type WriterData,
  type WriterReply,
  type WriterRequest,
} from "./meteringBatch.ts";
import { openMigratedDatabase } from "./openDatabase.ts";

const port = parentPort;
if (!port) throw new Error("meteringWriter.ts runs as a worker thread of openMeteringStore");
const { path, busyTimeoutMs, maxBatch } = workerData as WriterData;

// Same durability settings as every connection (WAL, synchronous=FULL, fullfsync); the main thread
// migrated the schema before starting this thread.
const { db } = openMigratedDatabase(path, busyTimeoutMs);
db.pragma("busy_timeout = 0");

const insertCall = db.prepare<[bigint, bigint, bigint, string, Buffer, bigint]>(
  `INSERT INTO metered_calls (purchase_id, nonce, expiry, signer, signature, served_at)
   VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (purchase_id, nonce) DO NOTHING`,
);
const countCall = db
  .prepare<[bigint, bigint], number>(
    `INSERT INTO metered_purchases (purchase_id, calls, highest_nonce, claimed_up_to) VALUES (?, 1, ?, 0)
     ON CONFLICT (purchase_id) DO UPDATE
       SET calls = calls + 1, highest_nonce = MAX(highest_nonce, excluded.highest_nonce)
     RETURNING calls`,
  )
  .pluck();
const claim = db.prepare<[bigint, bigint]>(
  `INSERT INTO metered_purchases (purchase_id, calls, highest_nonce, claimed_up_to) VALUES (?, 0, 0, ?)
   ON CONFLICT (purchase_id) DO UPDATE SET claimed_up_to = MAX(claimed_up_to, excluded.claimed_up_to)`,
);

interface Batch {
  id: number;
  records: Buffer;
  count: number;
}

/** Inserts every record; a duplicate (purchaseId, nonce) — in the file or earlier in the batch — is -1. */
const writeBatches = db.transaction((batches: readonly Batch[], total: number): Int32Array => {
  const outcomes = new Int32Array(total);
  let n = 0;
  for (const { records, count } of batches) {
    for (let i = 0; i < count; i++, n++) {
      const at = i * RECORD_BYTES;
      const purchaseId = records.readBigInt64BE(at + 1);
      const nonce = records.readBigInt64BE(at + 9);
      if (records[at] !== KIND_CALL) {
        claim.run(purchaseId, nonce);
        continue;
      }
      const inserted = insertCall.run(
        purchaseId,
        nonce,
        records.readBigInt64BE(at + 17),
        `0x${records.toString("hex", at + 33, at + 53)}`,
        records.subarray(at + 53, at + 118),
        records.readBigInt64BE(at + 25),
      );
      outcomes[n] = inserted.changes === 0 ? -1 : (countCall.get(purchaseId, nonce) as number);
    }
  }
  return outcomes;
});

const isBusy = (error: unknown): boolean =>
  error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY");
const pause = new Int32Array(new SharedArrayBuffer(4));

function commit(batches: readonly Batch[], total: number): WriterReply {
  const ids = batches.map((batch) => batch.id);
  const started = Date.now();
  let busyRetries = 0;
  for (;;) {
    try {
      return { type: "committed", ids, outcomes: writeBatches.immediate(batches, total), busyRetries };
    } catch (error) {
      if (!isBusy(error))
        // Rolled back: nothing of these batches is in the file.
        return {
          type: "failed",
          ids,
          reason: "write",
          message: error instanceof Error ? error.message : String(error),
          busyRetries,
        };
      const waitedMs = Date.now() - started;
      if (waitedMs >= busyTimeoutMs) return { type: "failed", ids, reason: "busy", waitedMs, busyRetries };
      busyRetries++;
      // Another process is committing (≈ one fsync): wait 0.1 ms on this thread and retry.
      Atomics.wait(pause, 0, 0, 0.1);
    }
  }
}

port.on("message", (first: WriterRequest) => {
  // Everything queued behind the first message, in order.
  const requests = [first];
  for (let next = receiveMessageOnPort(port); next !== undefined; next = receiveMessageOnPort(port))
    requests.push(next.message as WriterRequest);
  let group: Batch[] = [];
  let size = 0;
  const commitGroup = () => {
    if (group.length === 0) return;
    port.postMessage(commit(group, size));
    group = [];
    size = 0;
  };
  for (const request of requests) {
    if (request.type === "close") {
      commitGroup();
      db.close();
      port.postMessage({ type: "closed" } satisfies WriterReply);
      port.close();
      return;
    }
    if (size > 0 && size + request.count > maxBatch) commitGroup();
    group.push({ id: request.id, records: Buffer.from(request.records), count: request.count });
    size += request.count;
  }
  commitGroup();
});
port.postMessage({ type: "ready" } satisfies WriterReply);
