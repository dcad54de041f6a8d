import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { StoreOpenError, StoreSchemaError } from "../errors.ts";
import type { PendingSignatureStore, SlashingProtectionStore } from "../types.ts";
import { migrate, schemaVersion } from "./migrations.ts";
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
 * after it. Several processes may open one file; SQLite's locks serialise their writes. Each process
 * should hold one store per file.
 *
 * @example
 * const store = openSqliteStore("/var/lib/palisade/node.sqlite");
 * await store.slashingProtection.recordSignature({ requestHash, responseHash, referenceBlock, signedAt: Date.now() });
 * store.close();
 */
export function openSqliteStore(path: string, options: OpenSqliteStoreOptions = {}): SqliteStore {
  let db: Database.Database;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5_000 });
  } catch (error) {
    throw new StoreOpenError(path, error);
  }
  try {
    const journalMode = db.pragma("journal_mode = WAL", { simple: true });
    // Some file systems (network mounts) cannot do WAL; refuse rather than run with other guarantees.
    if (journalMode !== "wal") throw new Error(`journal_mode is ${String(journalMode)}, WAL is required`);
    // FULL (not WAL's usual NORMAL): NORMAL may lose the last commits on power loss, and a lost
    // slashing-protection record lets the node sign a conflicting response after a reboot.
    db.pragma("synchronous = FULL");
    // macOS fsync does not flush the drive cache; F_FULLFSYNC does. No effect elsewhere.
    db.pragma("fullfsync = ON");
    db.pragma("checkpoint_fullfsync = ON");
    db.pragma("foreign_keys = ON");
    migrate(db, path);
  } catch (error) {
    db.close();
    if (error instanceof StoreSchemaError) throw error;
    throw new StoreOpenError(path, error);
  }
  // SQLite reports synchronous as a number: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
  const synchronous = ["off", "normal", "full", "extra"][Number(db.pragma("synchronous", { simple: true }))];
  const slashingProtection = createSqliteSlashingProtection(db);
  const pendingSignatures = createSqlitePendingSignatures(db);
  return {
    path,
    schemaVersion,
    journalMode: "wal",
    synchronous: synchronous ?? "unknown",
    slashingProtection,
    pendingSignatures,
    close() {
      if (db.open) db.close();
    },
  };
}
