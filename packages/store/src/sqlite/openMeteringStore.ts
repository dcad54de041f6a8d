import type { MeteringStore } from "../types.ts";
import { createSqliteMetering, type MeteringStats } from "./metering.ts";
import { schemaVersion } from "./migrations.ts";
import { openDatabase } from "./openDatabase.ts";
import { toLimit } from "./validate.ts";

export interface OpenMeteringStoreOptions {
  /**
   * How long a write may wait for another process's write lock before it fails with StoreBusyError
   * (default 5 s). The wait does not block the event loop: the batch is retried on later turns.
   */
  busyTimeoutMs?: number;
  /**
   * Write the queue as soon as this many calls wait, instead of on the next turn of the event loop
   * (default 256: a 256-call commit holds the event loop ≈ 0.5 ms on the project machine).
   */
  maxBatch?: number;
}

/** A provider's metering in an SQLite file. */
export interface SqliteMeteringStore extends MeteringStore {
  readonly path: string;
  readonly schemaVersion: number;
  /** Read back from the connection after opening: "wal" and "full". */
  readonly journalMode: string;
  readonly synchronous: string;
  /** Writes the queued calls now rather than on the next turn of the event loop. */
  flush(): void;
  /** Commits, calls, replays, busy retries and the largest batch since opening. */
  stats(): MeteringStats;
  /** Writes what is queued, then closes the connection (idempotent). Later calls reject. */
  close(): void;
}

/**
 * Opens (creating and migrating if needed) the metering store at `path`: WAL, `synchronous=FULL`,
 * group commit (see metering.ts). Its own connection, even when the file is the node's store: the
 * metering writer must never block the event loop on a lock (busy timeout 0, retried
 * asynchronously), which is not how the slashing-protection connection behaves.
 *
 * Several processes (e.g. node:cluster workers) may open the same file: the primary key
 * (purchaseId, nonce) keeps every call recorded once across all of them.
 *
 * @example
 * const metering = openMeteringStore("/var/lib/palisade/provider.sqlite");
 * await metering.recordCall({ purchaseId: 7n, nonce: 1n, expiry, signer, signature, servedAt: Date.now() });
 * const proof = await metering.highestCall(7n); // claim(7, { nonce, expiry, signature })
 * metering.close();
 */
export function openMeteringStore(path: string, options: OpenMeteringStoreOptions = {}): SqliteMeteringStore {
  const busyTimeoutMs = toLimit("busyTimeoutMs", options.busyTimeoutMs ?? 5_000, 3_600_000);
  const maxBatch = toLimit("maxBatch", options.maxBatch ?? 256, 100_000);
  const { db, journalMode, synchronous } = openDatabase(path, busyTimeoutMs);
  // Opening and migrating waited on locks the ordinary way; from now on a busy lock is retried
  // without blocking (metering.ts).
  db.pragma("busy_timeout = 0");
  const metering = createSqliteMetering(db, { path, busyTimeoutMs, maxBatch });
  return {
    path,
    schemaVersion,
    journalMode,
    synchronous,
    recordCall: metering.recordCall,
    countCalls: metering.countCalls,
    highestCall: metering.highestCall,
    listCalls: metering.listCalls,
    markClaimed: metering.markClaimed,
    claimedUpTo: metering.claimedUpTo,
    listUnclaimed: metering.listUnclaimed,
    flush: metering.flush,
    stats: metering.stats,
    close() {
      if (!db.open) return;
      try {
        metering.closeWrites();
      } finally {
        db.close();
      }
    },
  };
}
