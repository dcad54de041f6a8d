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
import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import {
  KIND_CALL,
  RECORD_BYTES,
  type WriterData,
  type WriterReply,
  type WriterRequest,
} from "./meteringBatch.ts";
import { openMigratedDatabase } from "./openDatabase.ts";

if (!parentPort) throw new Error("meteringWriter.ts runs as a worker thread of openMeteringStore");
const port: MessagePort = parentPort;
const { path, busyTimeoutMs, maxBatch } = workerData as WriterData;

// Same durability settings as every connection (WAL, synchronous=FULL, fullfsync); the main thread
// migrated the schema before starting this thread.
const { db } = openMigratedDatabase(path, busyTimeoutMs);
db.pragma("busy_timeout = 0");

const insertCall = db.prepare<[bigint, bigint, bigint, bigint, string, Buffer, bigint]>(
  `INSERT INTO metered_calls (purchase_id, call, nonce, expiry, signer, signature, served_at)
   VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (purchase_id, call) DO NOTHING`,
);
// A purchase's totals are read once per transaction, counted here, and written once at its end
// (one statement per purchase rather than one more per call: ≈ 2.5 µs a call). Absolute values are
// safe: the transaction holds the write lock from its first read to its commit.
const selectTotals = db
  .prepare<[bigint], { calls: number; highest_nonce: bigint; proof_call: bigint }>(
    "SELECT calls, highest_nonce, proof_call FROM metered_purchases WHERE purchase_id = ?",
  )
  .safeIntegers(true);
const writeTotals = db.prepare<[bigint, number, bigint, bigint]>(
  `INSERT INTO metered_purchases (purchase_id, calls, highest_nonce, proof_call, claimed_up_to)
   VALUES (?, ?, ?, ?, 0)
   ON CONFLICT (purchase_id) DO UPDATE
     SET calls = excluded.calls, highest_nonce = excluded.highest_nonce, proof_call = excluded.proof_call`,
);
const claim = db.prepare<[bigint, bigint]>(
  `INSERT INTO metered_purchases (purchase_id, calls, highest_nonce, proof_call, claimed_up_to)
   VALUES (?, 0, 0, 0, ?)
   ON CONFLICT (purchase_id) DO UPDATE SET claimed_up_to = MAX(claimed_up_to, excluded.claimed_up_to)`,
);

interface Batch {
  id: number;
  records: Buffer;
  count: number;
}

interface Totals {
  calls: number;
  /** The highest token nonce recorded, and the first call recorded with it (the usage proof). */
  highestNonce: bigint;
  proofCall: bigint;
}

/** Inserts every record; a duplicate (purchaseId, call) — in the file or earlier in the batch — is -1. */
const writeBatches = db.transaction((batches: readonly Batch[], total: number): Int32Array => {
  const outcomes = new Int32Array(total);
  const touched = new Map<bigint, Totals>();
  let n = 0;
  for (const { records, count } of batches) {
    // DataView's big-endian int64 getters allocate the result only (Buffer's, intermediates too).
    const view = new DataView(records.buffer, records.byteOffset, records.byteLength);
    for (let i = 0; i < count; i++, n++) {
      const at = i * RECORD_BYTES;
      const purchaseId = view.getBigInt64(at + 1);
      const nonce = view.getBigInt64(at + 17);
      if (records[at] !== KIND_CALL) {
        claim.run(purchaseId, nonce);
        continue;
      }
      const call = view.getBigInt64(at + 9);
      const inserted = insertCall.run(
        purchaseId,
        call,
        nonce,
        view.getBigInt64(at + 25),
        `0x${records.toString("hex", at + 41, at + 61)}`,
        records.subarray(at + 61, at + 126),
        view.getBigInt64(at + 33),
      );
      if (inserted.changes === 0) {
        outcomes[n] = -1;
        continue;
      }
      let totals = touched.get(purchaseId);
      if (totals === undefined) {
        const row = selectTotals.get(purchaseId);
        totals = {
          calls: Number(row?.calls ?? 0),
          highestNonce: row?.highest_nonce ?? 0n,
          proofCall: row?.proof_call ?? 0n,
        };
        touched.set(purchaseId, totals);
      }
      totals.calls++;
      // Strictly higher: among tokens of equal nonce the first recorded stays the proof.
      if (nonce > totals.highestNonce) {
        totals.highestNonce = nonce;
        totals.proofCall = call;
      }
      outcomes[n] = totals.calls;
    }
  }
  // A claim only moves claimed_up_to, which these leave alone: the order between them is free.
  for (const [purchaseId, totals] of touched)
    writeTotals.run(purchaseId, totals.calls, totals.highestNonce, totals.proofCall);
  return outcomes;
});

const isBusy = (error: unknown): boolean =>
  error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY");
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Batches that arrived while this thread was busy, taken in order; a close request ends the list. */
function arrived(): { batches: Batch[]; close: boolean } {
  const batches: Batch[] = [];
  for (let next = receiveMessageOnPort(port); next !== undefined; next = receiveMessageOnPort(port)) {
    const request = next.message as WriterRequest;
    if (request.type === "close") return { batches, close: true };
    batches.push({ id: request.id, records: Buffer.from(request.records), count: request.count });
  }
  return { batches, close: false };
}

let closeRequested = false;
/** Batches taken from the port but not yet committed (they did not fit in the last transaction). */
const carried: Batch[] = [];

/**
 * Commits `group` in one transaction and answers for it. While another process holds the write lock
 * the group grows with whatever arrives meanwhile (up to maxBatch writes), so contention between
 * processes means fewer, larger commits rather than more waiting.
 */
function commit(group: Batch[]): void {
  const started = Date.now();
  let busyRetries = 0;
  let reply: WriterReply;
  for (;;) {
    const total = group.reduce((sum, batch) => sum + batch.count, 0);
    const ids = group.map((batch) => batch.id);
    try {
      reply = { type: "committed", ids, outcomes: writeBatches.immediate(group, total), busyRetries };
      break;
    } catch (error) {
      if (!isBusy(error)) {
        // Rolled back: nothing of these batches is in the file.
        const message = error instanceof Error ? error.message : String(error);
        reply = { type: "failed", ids, reason: "write", message, busyRetries };
        break;
      }
      const waitedMs = Date.now() - started;
      if (waitedMs >= busyTimeoutMs) {
        reply = { type: "failed", ids, reason: "busy", waitedMs, busyRetries };
        break;
      }
      busyRetries++;
      // Another process is committing (≈ one fsync): wait 0.1 ms on this thread, take what arrived.
      Atomics.wait(pause, 0, 0, 0.1);
      if (!closeRequested) {
        const more = arrived();
        closeRequested ||= more.close;
        carried.push(...more.batches);
        // `carried` continues where `group` ends, so appending from its head keeps the order.
        let size = total;
        while (carried.length > 0 && size + (carried[0] as Batch).count <= maxBatch) {
          const next = carried.shift() as Batch;
          group.push(next);
          size += next.count;
        }
      }
    }
  }
  port.postMessage(reply);
}

/** Commits everything pending, in order, in transactions of at most maxBatch writes; then closes if asked. */
function drain(): void {
  while (carried.length > 0) {
    const group: Batch[] = [];
    let size = 0;
    while (carried.length > 0 && (size === 0 || size + (carried[0] as Batch).count <= maxBatch)) {
      const next = carried.shift() as Batch;
      group.push(next);
      size += next.count;
    }
    commit(group);
  }
  if (closeRequested) {
    db.close();
    port.postMessage({ type: "closed" } satisfies WriterReply);
    port.close();
  }
}

port.on("message", (first: WriterRequest) => {
  if (first.type === "close") closeRequested = true;
  else {
    carried.push({ id: first.id, records: Buffer.from(first.records), count: first.count });
    // Everything queued behind the first message joins it.
    const more = arrived();
    closeRequested ||= more.close;
    carried.push(...more.batches);
  }
  drain();
});
port.postMessage({ type: "ready" } satisfies WriterReply);
