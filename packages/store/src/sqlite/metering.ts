/**
 * MeteringStore over SQLite with group commit.
 *
 * A commit with `synchronous=FULL` costs one fsync of the WAL (≈ 0.15 ms on the project machine,
 * milliseconds on consumer SSDs and cloud volumes), whatever it holds: one row per transaction caps a
 * provider at a few thousand calls per second, a few hundred rows per transaction cost hardly more
 * than one. So `recordCall` only queues the call; the queue is written in ONE transaction on the next
 * turn of the event loop (setImmediate: after every request that arrived meanwhile has been parsed and
 * checked) or as soon as `maxBatch` calls wait, and each caller is resolved after that commit, never
 * before. Under load the batch grows by itself: while one commit runs, the next requests queue up.
 *
 * Inside a batch each call is `INSERT … ON CONFLICT DO NOTHING`: a duplicate (purchaseId, nonce) —
 * already in the file, or earlier in the same batch — changes nothing and rejects with
 * ReplayedCallError while the rest of the batch commits.
 *
 * Several processes may share the file: SQLite's write lock serialises their transactions and the
 * primary key keeps the quota exact. The connection's busy timeout is 0, so a batch that finds the
 * lock taken does not block the event loop in SQLite's sleep-and-retry handler (which sleeps whole
 * milliseconds); it is retried on the next turn, growing meanwhile, until `busyTimeoutMs` has passed
 * (then StoreBusyError, nothing written).
 */
import Database from "better-sqlite3";
import { ReplayedCallError, StoreBusyError, StoreClosedError, StoreWriteError } from "../errors.ts";
import type {
  ListCallsOptions,
  MeteredCall,
  MeteringStore,
  RecordCallResult,
  UnclaimedPurchase,
} from "../types.ts";
import { toAddress, toInt64, toLimit, toSignatureBytes, toUint } from "./validate.ts";

export interface SqliteMeteringOptions {
  /** For error messages. */
  path: string;
  /** Flush as soon as this many writes wait (bounds how long one commit blocks the event loop). */
  maxBatch: number;
  /** How long a write may wait for another process's lock before StoreBusyError. */
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
  /** Batches retried because another process held the write lock. */
  busyRetries: number;
  /** The largest batch committed. */
  largestBatch: number;
}

export interface SqliteMetering extends MeteringStore {
  /** Writes what is queued now instead of on the next turn of the event loop. */
  flush(): void;
  stats(): MeteringStats;
  /** Writes what is queued (waiting for the lock up to busyTimeoutMs), then refuses further calls. */
  closeWrites(): void;
}

interface CallWrite {
  kind: "call";
  purchaseId: bigint;
  nonce: bigint;
  expiry: bigint;
  signer: string;
  signature: Buffer;
  servedAt: number;
  resolve: (result: RecordCallResult) => void;
  reject: (error: unknown) => void;
}

interface ClaimWrite {
  kind: "claim";
  purchaseId: bigint;
  nonce: bigint;
  resolve: () => void;
  reject: (error: unknown) => void;
}

type Write = CallWrite | ClaimWrite;

interface CallRow {
  purchase_id: bigint;
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
  nonce: row.nonce,
  expiry: row.expiry,
  signer: row.signer as `0x${string}`,
  signature: `0x${row.signature.toString("hex")}`,
  servedAt: Number(row.served_at),
});

/** Immediate retries of a busy batch before falling back to 1 ms timers (the lock is held ≈ 1 commit). */
const IMMEDIATE_RETRIES = 8;

const isBusy = (error: unknown): boolean =>
  error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY");

/** The metering store over an open, migrated connection whose busy timeout is 0 (see the file comment). */
export function createSqliteMetering(db: Database.Database, options: SqliteMeteringOptions): SqliteMetering {
  const { path, maxBatch, busyTimeoutMs } = options;

  const insertCall = db.prepare<[bigint, bigint, bigint, string, Buffer, number]>(
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
  const selectCount = db
    .prepare<[bigint], number>("SELECT calls FROM metered_purchases WHERE purchase_id = ?")
    .pluck();
  const selectClaimed = db
    .prepare<[bigint], bigint>("SELECT claimed_up_to FROM metered_purchases WHERE purchase_id = ?")
    .pluck()
    .safeIntegers(true);
  const selectHighest = db
    .prepare<[bigint], CallRow>(
      "SELECT * FROM metered_calls WHERE purchase_id = ? ORDER BY nonce DESC LIMIT 1",
    )
    .safeIntegers(true);
  const selectPage = db
    .prepare<[bigint, bigint, number], CallRow>(
      "SELECT * FROM metered_calls WHERE purchase_id = ? AND nonce > ? ORDER BY nonce LIMIT ?",
    )
    .safeIntegers(true);
  const selectUnclaimed = db
    .prepare<[number], PurchaseRow>(
      `SELECT * FROM metered_purchases WHERE highest_nonce > claimed_up_to ORDER BY purchase_id LIMIT ?`,
    )
    .safeIntegers(true);

  /** Writes a batch; per write: calls recorded after it, or undefined for a replay. */
  const writeBatch = db.transaction((batch: readonly Write[]): (number | undefined)[] => {
    const outcomes: (number | undefined)[] = [];
    for (const write of batch) {
      if (write.kind === "claim") {
        claim.run(write.purchaseId, write.nonce);
        outcomes.push(0);
      } else if (
        insertCall.run(
          write.purchaseId,
          write.nonce,
          write.expiry,
          write.signer,
          write.signature,
          write.servedAt,
        ).changes === 0
      ) {
        outcomes.push(undefined);
      } else {
        outcomes.push(countCall.get(write.purchaseId, write.nonce) as number);
      }
    }
    return outcomes;
  });

  const stats: MeteringStats = { commits: 0, calls: 0, replays: 0, busyRetries: 0, largestBatch: 0 };
  let queue: Write[] = [];
  let scheduled = false;
  let busySince: number | undefined;
  let busyAttempts = 0;
  let closed = false;

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      flush();
    };
    if (busySince === undefined || busyAttempts < IMMEDIATE_RETRIES) setImmediate(run);
    else setTimeout(run, 1);
  }

  function settle(batch: readonly Write[], outcomes: readonly (number | undefined)[]): void {
    stats.commits++;
    stats.largestBatch = Math.max(stats.largestBatch, batch.length);
    batch.forEach((write, i) => {
      if (write.kind === "claim") {
        write.resolve();
        return;
      }
      const callsRecorded = outcomes[i];
      if (callsRecorded === undefined) {
        stats.replays++;
        write.reject(new ReplayedCallError(write.purchaseId, write.nonce));
      } else {
        stats.calls++;
        write.resolve({ callsRecorded });
      }
    });
  }

  /** Commits the queue; `final` (on close) gives up on a busy lock instead of retrying later. */
  function flush(final = false): void {
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    let outcomes: (number | undefined)[];
    try {
      outcomes = writeBatch.immediate(batch);
    } catch (error) {
      if (isBusy(error)) {
        const now = Date.now();
        busySince ??= now;
        busyAttempts++;
        stats.busyRetries++;
        if (!final && now - busySince < busyTimeoutMs) {
          // Nothing was written: the batch goes back in front of what arrived meanwhile.
          queue = batch.concat(queue);
          schedule();
          return;
        }
        const waited = now - busySince;
        busySince = undefined;
        busyAttempts = 0;
        for (const write of batch) write.reject(new StoreBusyError(path, waited));
      } else {
        // The transaction rolled back: nothing of the batch is in the file.
        for (const write of batch) write.reject(new StoreWriteError(path, error));
      }
      if (queue.length > 0) schedule();
      return;
    }
    busySince = undefined;
    busyAttempts = 0;
    settle(batch, outcomes);
  }

  function enqueue(write: Write): void {
    queue.push(write);
    // At maxBatch write now, unless waiting out another process's lock (the retry is scheduled).
    if (queue.length >= maxBatch && busySince === undefined) flush();
    else schedule();
  }

  /** Runs a read, retrying (without blocking) while another connection holds a lock readers need. */
  async function read<T>(body: () => T): Promise<T> {
    const started = Date.now();
    for (;;) {
      if (closed) throw new StoreClosedError(path);
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
    recordCall(input: MeteredCall): Promise<RecordCallResult> {
      return new Promise((resolve, reject) => {
        if (closed) throw new StoreClosedError(path);
        // Validated before queueing: a malformed call never reaches (or fails) a batch.
        enqueue({
          kind: "call",
          purchaseId: toInt64("purchaseId", input.purchaseId),
          nonce: toInt64("nonce", input.nonce, 1n),
          expiry: toInt64("expiry", input.expiry),
          signer: toAddress("signer", input.signer),
          signature: toSignatureBytes("signature", input.signature),
          servedAt: toUint("servedAt", input.servedAt),
          resolve,
          reject,
        });
      });
    },
    markClaimed(purchaseId: bigint, nonce: bigint): Promise<void> {
      return new Promise((resolve, reject) => {
        if (closed) throw new StoreClosedError(path);
        enqueue({
          kind: "claim",
          purchaseId: toInt64("purchaseId", purchaseId),
          nonce: toInt64("nonce", nonce),
          resolve,
          reject,
        });
      });
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
    flush() {
      flush();
    },
    stats() {
      return { ...stats };
    },
    closeWrites() {
      if (closed) return;
      // Closing may block: wait for another process's lock the ordinary way, then write or fail.
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      flush(true);
      closed = true;
    },
  };
}
