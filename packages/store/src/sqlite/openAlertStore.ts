import type { AlertStore } from "../types.ts";
import { createSqliteAlerts } from "./alerts.ts";
import { schemaVersion } from "./migrations.ts";
import { openDatabase } from "./openDatabase.ts";

export interface OpenAlertStoreOptions {
  /** How long a write waits for another process's lock before failing (default 5 s). */
  busyTimeoutMs?: number;
}

/** A receiver's alerts in an SQLite file. */
export interface SqliteAlertStore extends AlertStore {
  readonly path: string;
  readonly schemaVersion: number;
  /** Read back from the connection after opening: "wal" and "full". */
  readonly journalMode: string;
  readonly synchronous: string;
  /** Closes the connection (idempotent). */
  close(): void;
}

/**
 * Opens (creating and migrating if needed) the alert store at `path`: WAL, `synchronous=FULL` (an alert
 * whose `putAlert` resolved survives kill -9 and power loss; see openDatabase). The gateway keeps one
 * beside its metering store (`<data-dir>/alerts.sqlite`).
 *
 * @example
 * const alerts = openAlertStore("/var/lib/palisade/alerts.sqlite");
 * const { created } = await alerts.putAlert({ id, chainId, type, severity, tx, source: "mempool", block: null, detectedAt, receivedAt: Date.now(), json });
 * const newest = await alerts.listAlerts({ limit: 20 });
 * alerts.close();
 */
export function openAlertStore(path: string, options: OpenAlertStoreOptions = {}): SqliteAlertStore {
  const { db, journalMode, synchronous } = openDatabase(path, options.busyTimeoutMs ?? 5_000);
  const alerts = createSqliteAlerts(db);
  return {
    path,
    schemaVersion,
    journalMode,
    synchronous,
    putAlert: alerts.putAlert,
    getAlert: alerts.getAlert,
    listAlerts: alerts.listAlerts,
    countAlerts: alerts.countAlerts,
    close() {
      if (db.open) db.close();
    },
  };
}
