import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { StoreOpenError, StoreSchemaError } from "../errors.ts";
import { migrate } from "./migrations.ts";

export interface OpenedDatabase {
  db: Database.Database;
  /** Read back from the connection: "wal". */
  journalMode: string;
  /** Read back from the connection: "full". */
  synchronous: string;
}

/**
 * Opens (creating if needed) the SQLite file with the durability every store relies on, and migrates
 * it to the current schema. One place for these settings, shared by openSqliteStore and
 * openMeteringStore:
 *
 * - WAL: readers never block the writer, and several processes may share the file (SQLite's locks
 *   serialise their writes).
 * - `synchronous=FULL` (not WAL's usual NORMAL): every commit fsyncs the WAL before it returns, so a
 *   record that resolved survives kill -9 and power loss. NORMAL may lose the last commits on power
 *   loss: a lost slashing-protection record lets a node equivocate, a lost metered call lets a token
 *   be served twice.
 * - `fullfsync`: macOS's fsync does not flush the drive's cache, F_FULLFSYNC does; no effect elsewhere.
 */
export function openDatabase(path: string, busyTimeoutMs: number): OpenedDatabase {
  return connect(path, busyTimeoutMs, true);
}

/**
 * Like openDatabase, without migrating: for a second connection to a file this process has already
 * opened with openDatabase (the metering writer thread). Migrating takes the write lock, which the
 * second connection must not wait for.
 */
export function openMigratedDatabase(path: string, busyTimeoutMs: number): OpenedDatabase {
  return connect(path, busyTimeoutMs, false);
}

function connect(path: string, busyTimeoutMs: number, migrateSchema: boolean): OpenedDatabase {
  let db: Database.Database;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: busyTimeoutMs });
  } catch (error) {
    throw new StoreOpenError(path, error);
  }
  try {
    const journalMode = db.pragma("journal_mode = WAL", { simple: true });
    // Some file systems (network mounts) cannot do WAL; refuse rather than run with other guarantees.
    if (journalMode !== "wal") throw new Error(`journal_mode is ${String(journalMode)}, WAL is required`);
    db.pragma("synchronous = FULL");
    db.pragma("fullfsync = ON");
    db.pragma("checkpoint_fullfsync = ON");
    db.pragma("foreign_keys = ON");
    if (migrateSchema) migrate(db, path);
  } catch (error) {
    db.close();
    if (error instanceof StoreSchemaError) throw error;
    throw new StoreOpenError(path, error);
  }
  // SQLite reports synchronous as a number: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
  const synchronous = ["off", "normal", "full", "extra"][Number(db.pragma("synchronous", { simple: true }))];
  return { db, journalMode: "wal", synchronous: synchronous ?? "unknown" };
}
