/**
 * MeteringStore over SQLite with group commit on a writer thread.
 *
 * A commit with `synchronous=FULL` costs one fsync of the WAL whatever it holds (≈ 0.15 ms on the
 * project machine's idle disk, 3–4 ms when other work loads it): one row per transaction would cap a
 * provider at a few thousand calls per second, a few hundred rows cost hardly more than one. So
 * `recordCall` validates the call and queues it; the queue goes to the writer thread
 * (meteringWriter.ts) as ONE batch on the next turn of the event loop (setImmediate: after every
 * request that arrived meanwhile was checked), is written there in ONE transaction, and each caller
 * resolves when the writer reports the commit — never before. Batches sent while the writer is
 * committing wait for it and are combined into its next transaction; the writer takes them in the
 * order sent, so a call queued earlier is always written first.
 *
 * Inside a batch each call is `INSERT … ON CONFLICT DO NOTHING`: a duplicate (purchaseId, call) —
 * already in the file, or earlier in the same batch — changes nothing and rejects with
 * ReplayedCallError while the rest of the batch commits. Several processes may share the file:
 * SQLite's write lock serialises their transactions and the primary key keeps the quota exact.
 * Each row also keeps the token that authorised the call (its nonce may cover a range of calls);
 * the per-purchase row tracks the highest token nonce and which call carries it (the usage proof).
 *
 * Reads (counts, pages, proofs) use the main thread's own connection: WAL readers see every
 * committed batch and never wait for the writer.
 */
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { ReplayedCallError, StoreBusyError, StoreClosedError, StoreWriteError } from "../errors.ts";
import type {
  ListCallsOptions,
  MeteredCall,
  MeteringStore,
  RecordCallInput,
  RecordCallResult,
  UnclaimedPurchase,
} from "../types.ts";
import {
  KIND_CALL,
  KIND_CLAIM,
  RECORD_BYTES,
  type WriterData,
  type WriterReply,
  type WriterRequest,
} from "./meteringBatch.ts";
import { toAddress, toCallRange, toInt64, toLimit, toSignatureHex, toUint } from "./validate.ts";

export interface SqliteMeteringOptions {
  path: string;
  /** At most this many writes per transaction (the rest wait for the next one). */
  maxBatch: number;
  /** How long the writer waits for another process's lock before StoreBusyError. */
  busyTimeoutMs: number;
}

/** Counters since the store was opened (for metrics and benches). */
export interface MeteringStats {
  /** Write transactions committed. */
  commits: number;
  /** Calls recorded. */
  calls: number;
  /** Calls refused as replays. */
  replays: number;
  /** Times the writer found the write lock held by another process and waited. */
  busyRetries: number;
  /** The largest batch committed. */
  largestBatch: number;
}

export interface SqliteMetering extends MeteringStore {
  stats(): MeteringStats;
  /** Writes what is queued, stops the writer thread, refuses further calls. */
  close(): Promise<void>;
}

interface Write {
  kind: typeof KIND_CALL | typeof KIND_CLAIM;
  purchaseId: bigint;
  /** The call's number (0 for a claim). */
  call: bigint;
  /** The token's nonce; for a claim, the token nonce claimed. */
  nonce: bigint;
  expiry: bigint;
  servedAt: number;
  signer: string;
  signature: string;
  resolve: (result: RecordCallResult) => void;
  reject: (error: unknown) => void;
}

interface CallRow {
  purchase_id: bigint;
  call: bigint;
  nonce: bigint;
  expiry: bigint;
  signer: string;
  signature: Buffer;
  served_at: bigint;
}

interface PurchaseRow {
  purchase_id: bigint;
  calls: bigint;
  highest_nonce: bigint;
  claimed_up_to: bigint;
}

const toCall = (row: CallRow): MeteredCall => ({
  purchaseId: row.purchase_id,
  call: row.call,
  nonce: row.nonce,
  expiry: row.expiry,
  signer: row.signer as `0x${string}`,
  signature: `0x${row.signature.toString("hex")}`,
  servedAt: Number(row.served_at),
});

const isBusy = (error: unknown): boolean =>
  error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY");

// The writer is this folder's meteringWriter, with this module's extension. Run from TypeScript
// sources (tsx), the worker must register tsx itself: on Node 20 tsx installs its hooks in the main
// thread only. A compiled build (.js) needs no loader.
const extension = import.meta.url.slice(import.meta.url.lastIndexOf("."));
const writerEntry = new URL(`./meteringWriter${extension}`, import.meta.url).href;
const writerBootstrap = `
const { workerData } = require("node:worker_threads");
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})();
`;

function startWriter(data: WriterData): Worker {
  const tsx = extension === ".ts" ? import.meta.resolve("tsx/esm/api") : undefined;
  return new Worker(writerBootstrap, { eval: true, workerData: { ...data, entry: writerEntry, tsx } });
}

/** Packs writes into the writer's 126-byte records, in a buffer the writer thread can take over. */
function pack(batch: readonly Write[]): ArrayBuffer {
  const buffer = new ArrayBuffer(batch.length * RECORD_BYTES);
  const records = Buffer.from(buffer);
  // DataView's big-endian int64 setters convert a bigint in place; Buffer's allocate intermediates.
  const view = new DataView(buffer);
  batch.forEach((write, i) => {
    const at = i * RECORD_BYTES;
    records[at] = write.kind;
    view.setBigInt64(at + 1, write.purchaseId);
    view.setBigInt64(at + 9, write.call);
    view.setBigInt64(at + 17, write.nonce);
    if (write.kind === KIND_CLAIM) return;
    view.setBigInt64(at + 25, write.expiry);
    view.setBigInt64(at + 33, BigInt(write.servedAt));
    records.write(write.signer.slice(2), at + 41, 20, "hex");
    records.write(write.signature.slice(2), at + 61, 65, "hex");
  });
  return buffer;
}

/**
 * The metering store over an open, migrated connection (used for reads; busy timeout 0) and a
 * writer thread it starts on the same file.
 */
export function createSqliteMetering(db: Database.Database, options: SqliteMeteringOptions): SqliteMetering {
  const { path, maxBatch, busyTimeoutMs } = options;

  const selectCount = db
    .prepare<[bigint], number>("SELECT calls FROM metered_purchases WHERE purchase_id = ?")
    .pluck();
  const selectClaimed = db
    .prepare<[bigint], bigint>("SELECT claimed_up_to FROM metered_purchases WHERE purchase_id = ?")
    .pluck()
    .safeIntegers(true);
  // The row carrying the highest token: metered_purchases names it (proof_call), a point lookup.
  const selectHighest = db
    .prepare<[bigint], CallRow>(
      `SELECT c.* FROM metered_purchases p
       JOIN metered_calls c ON c.purchase_id = p.purchase_id AND c.call = p.proof_call
       WHERE p.purchase_id = ?`,
    )
    .safeIntegers(true);
  const selectPage = db
    .prepare<[bigint, bigint, number], CallRow>(
      "SELECT * FROM metered_calls WHERE purchase_id = ? AND call > ? ORDER BY call LIMIT ?",
    )
    .safeIntegers(true);
  const selectUnclaimed = db
    .prepare<[number], PurchaseRow>(
      "SELECT * FROM metered_purchases WHERE highest_nonce > claimed_up_to ORDER BY purchase_id LIMIT ?",
    )
    .safeIntegers(true);

  const stats: MeteringStats = { commits: 0, calls: 0, replays: 0, busyRetries: 0, largestBatch: 0 };
  let queue: Write[] = [];
  /** Batches sent and not yet answered, by id (in the order sent). */
  const inFlight = new Map<number, Write[]>();
  let nextId = 1;
  let scheduled = false;
  let closing = false;
  /** Set when the writer thread died: every later write fails with it. */
  let broken: unknown;
  let onClosed: (() => void) | undefined;

  const writer = startWriter({ path, busyTimeoutMs, maxBatch });
  writer.unref();

  function failAll(error: unknown): void {
    const pending = [...[...inFlight.values()].flat(), ...queue];
    inFlight.clear();
    queue = [];
    for (const write of pending) write.reject(error);
  }

  /** Sends what is queued, in batches of at most maxBatch (the writer combines what waits for it). */
  function send(): void {
    if (queue.length === 0) return;
    const batches: Write[][] = [];
    for (let start = 0; start < queue.length; start += maxBatch)
      batches.push(queue.slice(start, start + maxBatch));
    queue = [];
    // Referenced only while batches are in flight: an idle store does not keep the process alive,
    // a pending recordCall does.
    writer.ref();
    for (const batch of batches) {
      const id = nextId++;
      const records = pack(batch);
      inFlight.set(id, batch);
      const request: WriterRequest = { type: "batch", id, records, count: batch.length };
      writer.postMessage(request, [records]);
    }
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      send();
    });
  }

  function settle(batch: readonly Write[], outcomes: Int32Array, offset: number): void {
    batch.forEach((write, i) => {
      const outcome = outcomes[offset + i] as number;
      if (write.kind === KIND_CLAIM) write.resolve({ callsRecorded: 0 });
      else if (outcome < 0) {
        stats.replays++;
        write.reject(new ReplayedCallError(write.purchaseId, write.call));
      } else {
        stats.calls++;
        write.resolve({ callsRecorded: outcome });
      }
    });
  }

  writer.on("message", (reply: WriterReply) => {
    if (reply.type === "ready") return;
    if (reply.type === "closed") {
      onClosed?.();
      return;
    }
    stats.busyRetries += reply.busyRetries;
    const batches = reply.ids.map((id) => {
      const batch = inFlight.get(id) ?? [];
      inFlight.delete(id);
      return batch;
    });
    if (reply.type === "committed") {
      stats.commits++;
      stats.largestBatch = Math.max(stats.largestBatch, reply.outcomes.length);
      let offset = 0;
      for (const batch of batches) {
        settle(batch, reply.outcomes, offset);
        offset += batch.length;
      }
    } else {
      const error =
        reply.reason === "busy"
          ? new StoreBusyError(path, reply.waitedMs)
          : new StoreWriteError(path, new Error(reply.message));
      for (const write of batches.flat()) write.reject(error);
    }
    if (inFlight.size === 0 && !closing) writer.unref();
  });
  writer.on("error", (error) => {
    broken = new StoreWriteError(path, error);
    failAll(broken);
    onClosed?.();
  });
  writer.on("exit", () => {
    broken ??= new StoreClosedError(path);
    failAll(broken);
    onClosed?.();
  });

  /** Queues the write `build` returns (it validates, throwing InvalidStoreInputError) in this very turn. */
  function enqueue(
    build: (resolve: Write["resolve"], reject: Write["reject"]) => Write,
  ): Promise<RecordCallResult> {
    return new Promise((resolve, reject) => {
      if (closing) throw new StoreClosedError(path);
      if (broken !== undefined) throw broken;
      // One object literal per write (no spreads): this runs once per call on the hot path.
      queue.push(build(resolve, reject));
      schedule();
    });
  }

  /** Runs a read, retrying (without blocking) in the rare case another connection holds a lock readers need. */
  async function read<T>(body: () => T): Promise<T> {
    const started = Date.now();
    for (;;) {
      if (closing || !db.open) throw new StoreClosedError(path);
      try {
        return body();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() - started >= busyTimeoutMs) throw new StoreBusyError(path, Date.now() - started);
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  return {
    recordCall(input: RecordCallInput): Promise<RecordCallResult> {
      // Validated before queueing: a malformed call never reaches (or fails) a batch.
      return enqueue((resolve, reject) => {
        const purchaseId = toInt64("purchaseId", input.purchaseId);
        const { call, nonce } = toCallRange(input.call, input.nonce);
        return {
          kind: KIND_CALL,
          purchaseId,
          call,
          nonce,
          expiry: toInt64("expiry", input.expiry),
          servedAt: toUint("servedAt", input.servedAt),
          signer: toAddress("signer", input.signer),
          signature: toSignatureHex("signature", input.signature),
          resolve,
          reject,
        };
      });
    },
    async markClaimed(purchaseId: bigint, nonce: bigint): Promise<void> {
      await enqueue((resolve, reject) => ({
        kind: KIND_CLAIM,
        purchaseId: toInt64("purchaseId", purchaseId),
        call: 0n,
        nonce: toInt64("nonce", nonce),
        expiry: 0n,
        servedAt: 0,
        signer: "",
        signature: "",
        resolve,
        reject,
      }));
    },
    async countCalls(purchaseId: bigint): Promise<number> {
      const id = toInt64("purchaseId", purchaseId);
      return read(() => selectCount.get(id) ?? 0);
    },
    async claimedUpTo(purchaseId: bigint): Promise<bigint> {
      const id = toInt64("purchaseId", purchaseId);
      return read(() => selectClaimed.get(id) ?? 0n);
    },
    async highestCall(purchaseId: bigint): Promise<MeteredCall | undefined> {
      const id = toInt64("purchaseId", purchaseId);
      return read(() => {
        const row = selectHighest.get(id);
        return row ? toCall(row) : undefined;
      });
    },
    async listCalls(purchaseId: bigint, listOptions: ListCallsOptions = {}): Promise<MeteredCall[]> {
      const id = toInt64("purchaseId", purchaseId);
      const after = toInt64("after", listOptions.after ?? 0n);
      const limit = toLimit("limit", listOptions.limit ?? 100, 10_000);
      return read(() => selectPage.all(id, after, limit).map(toCall));
    },
    async listUnclaimed(listOptions: { limit?: number } = {}): Promise<UnclaimedPurchase[]> {
      const limit = toLimit("limit", listOptions.limit ?? 100, 10_000);
      return read(() =>
        selectUnclaimed.all(limit).map((row) => ({
          purchaseId: row.purchase_id,
          calls: Number(row.calls),
          highestNonce: row.highest_nonce,
          claimedUpTo: row.claimed_up_to,
        })),
      );
    },
    stats() {
      return { ...stats };
    },
    close(): Promise<void> {
      if (closing) return Promise.resolve();
      closing = true;
      return new Promise<void>((resolve) => {
        if (broken !== undefined) return resolve();
        onClosed = () => {
          onClosed = undefined;
          resolve();
        };
        // The writer handles messages in order: it commits what is queued, then closes.
        writer.ref();
        send();
        writer.postMessage({ type: "close" } satisfies WriterRequest);
      });
    },
  };
}
