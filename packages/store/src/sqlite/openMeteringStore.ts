import type { MeteringStore } from "../types.ts";
import { createSqliteMetering, type MeteringStats } from "./metering.ts";
import { schemaVersion } from "./migrations.ts";
import { openDatabase } from "./openDatabase.ts";
import { toLimit } from "./validate.ts";

export interface OpenMeteringStoreOptions {
  /**
   * How long a batch may wait for another process's write lock before its calls fail with
   * StoreBusyError (default 5 s). The writer thread waits, not the event loop.
   */
  busyTimeoutMs?: number;
  /** At most this many calls per transaction (default 1024); more wait for the next commit. */
  maxBatch?: number;
}

/** A provider's metering in an SQLite file. */
export interface SqliteMeteringStore extends MeteringStore {
  readonly path: string;
  readonly schemaVersion: number;
  /** Read back from the connection after opening: "wal" and "full". */
  readonly journalMode: string;
  readonly synchronous: string;
  /** Commits, calls, replays, lock waits and the largest batch since opening. */
  stats(): MeteringStats;
  /** Writes what is queued, stops the writer thread and closes the file (idempotent). Later calls reject. */
  close(): Promise<void>;
}

/**
 * Opens (creating and migrating if needed) the metering store at `path`: WAL, `synchronous=FULL`,
 * group commit on a writer thread (see metering.ts). It uses its own connections even when the file
 * is shared with the node's store: the metering writer lives on its own thread so that fsyncs never
 * stall the event loop, which the slashing-protection store (one synchronous write per signature)
 * does not need.
 *
 * Several processes (e.g. node:cluster workers) may open the same file: the primary key
 * (purchaseId, call) keeps every call recorded once across all of them.
 *
 * @example
 * const metering = openMeteringStore("/var/lib/palisade/provider.sqlite");
 * // Call 3 of purchase 7, under a token covering calls 1 … 100.
 * await metering.recordCall({ purchaseId: 7n, call: 3n, nonce: 100n, expiry, signer, signature, servedAt: Date.now() });
 * const proof = await metering.highestCall(7n); // claim(7, { nonce, expiry, signature })
 * await metering.close();
 */
export function openMeteringStore(path: string, options: OpenMeteringStoreOptions = {}): SqliteMeteringStore {
  const busyTimeoutMs = toLimit("busyTimeoutMs", options.busyTimeoutMs ?? 5_000, 3_600_000);
  const maxBatch = toLimit("maxBatch", options.maxBatch ?? 1_024, 100_000);
  const { db, journalMode, synchronous } = openDatabase(path, busyTimeoutMs);
  // This connection only reads; a read that meets a lock is retried without blocking (metering.ts).
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
    stats: metering.stats,
    async close() {
      try {
        await metering.close();
      } finally {
        if (db.open) db.close();
      }
    },
  };
}
