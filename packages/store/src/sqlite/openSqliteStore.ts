import type { PendingSignatureStore, SlashingProtectionStore } from "../types.ts";
import { schemaVersion } from "./migrations.ts";
import { openDatabase } from "./openDatabase.ts";
import { createSqlitePendingSignatures } from "./pendingSignatures.ts";
import { createSqliteSlashingProtection } from "./slashingProtection.ts";

export interface OpenSqliteStoreOptions {
  /**
   * How long a write waits for another process's lock before failing (SQLITE_BUSY). Default 5 s:
   * writes are single-row, so a longer wait means something is wrong.
   */
  busyTimeoutMs?: number;
}

/** The embedded store: one SQLite file, both interfaces. */
export interface SqliteStore {
  readonly path: string;
  readonly schemaVersion: number;
  /** Read back from the connection after opening: "wal" and "full" (see openSqliteStore). */
  readonly journalMode: string;
  readonly synchronous: string;
  readonly slashingProtection: SlashingProtectionStore;
  readonly pendingSignatures: PendingSignatureStore;
  /** Closes the connection (idempotent). Pending calls must have settled. */
  close(): void;
}

/**
 * Opens (creating if needed) the SQLite store at `path` and migrates it to the current schema.
 *
 * The file is in WAL mode (readers do not block the writer) with `synchronous=FULL`: every commit
 * is fsynced before it returns, so a signature recorded before a crash or power loss is still there
 * after it (see openDatabase). Several processes may open one file; SQLite's locks serialise their
 * writes. Each process should hold one store per file. A provider's metering lives in the same
 * schema but is opened with openMeteringStore (its own connection and write path).
 *
 * @example
 * const store = openSqliteStore("/var/lib/palisade/node.sqlite");
 * await store.slashingProtection.recordSignature({ requestHash, responseHash, referenceBlock, signedAt: Date.now() });
 * store.close();
 */
export function openSqliteStore(path: string, options: OpenSqliteStoreOptions = {}): SqliteStore {
  const { db, journalMode, synchronous } = openDatabase(path, options.busyTimeoutMs ?? 5_000);
  const slashingProtection = createSqliteSlashingProtection(db);
  const pendingSignatures = createSqlitePendingSignatures(db);
  return {
    path,
    schemaVersion,
    journalMode,
    synchronous,
    slashingProtection,
    pendingSignatures,
    close() {
      if (db.open) db.close();
    },
  };
}
