import type Database from "better-sqlite3";
import { StoreSchemaError } from "../errors.ts";

/**
 * Schema migrations, applied in order; migration i brings the file to version i + 1. Append only:
 * an applied migration is never edited (files in the field already ran it).
 */
export const migrations: readonly string[] = [
  // 1: slashing protection and the aggregator's pending signatures.
  `
  CREATE TABLE signatures (
    request_hash    TEXT    PRIMARY KEY,
    response_hash   TEXT    NOT NULL,
    reference_block INTEGER NOT NULL,
    signed_at       INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE pending_tasks (
    task_id       TEXT    PRIMARY KEY,
    first_seen_at INTEGER NOT NULL,
    done_at       INTEGER
  ) STRICT;
  CREATE TABLE pending_signatures (
    task_id     TEXT    NOT NULL REFERENCES pending_tasks (task_id),
    signer      TEXT    NOT NULL,
    signature   TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (task_id, signer)
  ) STRICT;
  CREATE INDEX pending_tasks_open ON pending_tasks (done_at, first_seen_at);
  `,
];

/** The highest schema version this build knows. */
export const schemaVersion = migrations.length;

/**
 * Brings the database to `schemaVersion` inside one IMMEDIATE transaction, so two processes opening
 * a fresh file at once cannot both migrate. Returns the version found before migrating.
 */
export function migrate(db: Database.Database, path: string): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const current = db.prepare<[], { version: number | null }>(
    "SELECT MAX(version) AS version FROM schema_version",
  );
  const record = db.prepare<[number, number]>(
    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
  );
  const run = db.transaction((): number => {
    const found = current.get()?.version ?? 0;
    if (found > schemaVersion) throw new StoreSchemaError(path, found, schemaVersion);
    for (let version = found + 1; version <= schemaVersion; version++) {
      // biome-ignore lint/style/noNonNullAssertion: version ≤ migrations.length by the loop bound.
      db.exec(migrations[version - 1]!);
      record.run(version, Date.now());
    }
    return found;
  });
  return run.immediate();
}
