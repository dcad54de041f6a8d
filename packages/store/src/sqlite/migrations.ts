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
  // 2: a provider's metering. One row per served call; the primary key (purchase_id, nonce) is the
  // replay guard: a nonce is the call's ordinal within its purchase, so "never inserted before" and
  // "nonce ≤ calls" together are the exact quota, across crashes and processes. metered_purchases
  // keeps per-purchase totals in the same transaction (counting rows would scan them), and how far
  // the provider has claimed on-chain. Integers are SQLite's signed 64 bits: ids and nonces must be
  // below 2^63 (the store refuses larger ones).
  `
  CREATE TABLE metered_calls (
    purchase_id INTEGER NOT NULL,
    nonce       INTEGER NOT NULL,
    expiry      INTEGER NOT NULL,
    signer      TEXT    NOT NULL,
    signature   BLOB    NOT NULL,
    served_at   INTEGER NOT NULL,
    PRIMARY KEY (purchase_id, nonce)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE metered_purchases (
    purchase_id   INTEGER PRIMARY KEY,
    calls         INTEGER NOT NULL,
    highest_nonce INTEGER NOT NULL,
    claimed_up_to INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX metered_purchases_unclaimed ON metered_purchases (purchase_id)
    WHERE highest_nonce > claimed_up_to;
  `,
  // 3: a token may cover a range of calls (decision 0004: the token with nonce k authorises calls
  // 1 … k). A row is now one call AND the token that authorised it: the call's number, the replay
  // guard's key, becomes \`call\`; \`nonce\` is the token's (≥ call), beside its expiry and signature.
  // Rows of schema 2 had one token per call: their token's nonce is the call's. highest_nonce counts
  // token nonces (what a claim proves) and proof_call names the row carrying that token, so the
  // usage proof is a point lookup rather than a scan or one more index on every insert.
  `
  ALTER TABLE metered_calls RENAME COLUMN nonce TO call;
  ALTER TABLE metered_calls ADD COLUMN nonce INTEGER NOT NULL DEFAULT 0;
  UPDATE metered_calls SET nonce = call;
  ALTER TABLE metered_purchases ADD COLUMN proof_call INTEGER NOT NULL DEFAULT 0;
  UPDATE metered_purchases SET proof_call = highest_nonce;
  `,
  // 4: the gateway's attack-monitor alerts (palisade.alert/1). One row per alert id, in the order
  // received (seq: the paging cursor and the live stream's event id). The alert is kept as received
  // the first time (json); the columns beside it are what lists filter and page on. A mempool alert
  // and the mined one share an id: the first is kept, the mined repeat only fills mined_block and
  // mined_at. received_at is the receiver's clock (Unix ms).
  `
  CREATE TABLE alerts (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL UNIQUE,
    chain_id    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    severity    TEXT    NOT NULL,
    tx          TEXT    NOT NULL,
    source      TEXT    NOT NULL CHECK (source IN ('block', 'mempool')),
    detected_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    mined_block INTEGER,
    mined_at    INTEGER,
    json        TEXT    NOT NULL
  ) STRICT;
  CREATE INDEX alerts_by_type ON alerts (type, seq);
  CREATE INDEX alerts_by_severity ON alerts (severity, seq);
  CREATE INDEX alerts_by_received ON alerts (received_at);
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
