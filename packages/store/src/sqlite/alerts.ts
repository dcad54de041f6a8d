import type Database from "better-sqlite3";
import { InvalidStoreInputError } from "../errors.ts";
import type {
  AlertInput,
  AlertSource,
  AlertStore,
  Hash32,
  ListAlertsOptions,
  PutAlertResult,
  StoredAlert,
} from "../types.ts";
import { toHash32, toLimit, toUint } from "./validate.ts";

interface Row {
  seq: number;
  id: string;
  chain_id: number;
  type: string;
  severity: string;
  tx: string;
  source: AlertSource;
  detected_at: number;
  received_at: number;
  mined_block: number | null;
  mined_at: number | null;
  json: string;
}

const toStored = (row: Row): StoredAlert => ({
  seq: row.seq,
  id: row.id as Hash32,
  chainId: row.chain_id,
  type: row.type,
  severity: row.severity,
  tx: row.tx as Hash32,
  source: row.source,
  detectedAt: row.detected_at,
  receivedAt: row.received_at,
  minedBlock: row.mined_block,
  minedAt: row.mined_at,
  json: row.json,
});

/** A short lower-case token (a type or a severity): what the filters compare. */
const word = /^[a-z0-9][a-z0-9-]{0,63}$/;
function toWord(field: string, value: unknown): string {
  if (typeof value !== "string" || !word.test(value))
    throw new InvalidStoreInputError(field, value, "a lower-case word of at most 64 characters");
  return value;
}

/** At most this many alerts per list call. */
const MAX_LIST = 1_000;
/** At most this many values per filter (a type or severity list is short; this bounds the SQL). */
const MAX_FILTER_VALUES = 16;

function validate(input: AlertInput): AlertInput {
  const source = input.source;
  if (source !== "block" && source !== "mempool")
    throw new InvalidStoreInputError("source", source, '"block" or "mempool"');
  const block = input.block === null ? null : toUint("block", input.block);
  if ((source === "block") !== (block !== null))
    throw new InvalidStoreInputError("block", input.block, "a block number when mined, null while pending");
  if (typeof input.json !== "string" || input.json.length === 0)
    throw new InvalidStoreInputError("json", input.json, "the alert as JSON text");
  return {
    id: toHash32("id", input.id),
    chainId: toUint("chainId", input.chainId),
    type: toWord("type", input.type),
    severity: toWord("severity", input.severity),
    tx: toHash32("tx", input.tx),
    source,
    block,
    detectedAt: toUint("detectedAt", input.detectedAt),
    receivedAt: toUint("receivedAt", input.receivedAt),
    json: input.json,
  };
}

function filterValues(field: string, values: readonly string[] | undefined): string[] {
  if (values === undefined) return [];
  if (values.length > MAX_FILTER_VALUES)
    throw new InvalidStoreInputError(field, values.length, `at most ${MAX_FILTER_VALUES} values`);
  return [...new Set(values.map((value) => toWord(field, value)))];
}

/**
 * AlertStore over an open, migrated database. Writes are synchronous single-row transactions on the
 * caller's connection, fsynced before they return (synchronous=FULL): alerts are rare (a few per
 * attack), so the fsync on the event loop costs less than a writer thread would.
 */
export function createSqliteAlerts(db: Database.Database): AlertStore {
  const insert = db.prepare<
    [string, number, string, string, string, string, number, number, number | null, number | null, string]
  >(
    `INSERT INTO alerts (id, chain_id, type, severity, tx, source, detected_at, received_at, mined_block, mined_at, json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const markMined = db.prepare<[number, number, string]>(
    "UPDATE alerts SET mined_block = ?, mined_at = ? WHERE id = ? AND mined_block IS NULL",
  );
  const select = db.prepare<[string], Row>("SELECT * FROM alerts WHERE id = ?");
  const count = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM alerts");

  // IMMEDIATE takes the write lock first: read-then-insert (or mark mined) is one step for every
  // process. Reading first rather than INSERT … ON CONFLICT: a conflicting insert would still use up
  // a seq, and the sequence is the cursor readers see.
  const put = db.transaction((input: AlertInput): PutAlertResult => {
    const mined = input.source === "block";
    const existing = select.get(input.id);
    let minedNow = false;
    if (existing === undefined)
      insert.run(
        input.id,
        input.chainId,
        input.type,
        input.severity,
        input.tx,
        input.source,
        input.detectedAt,
        input.receivedAt,
        mined ? input.block : null,
        mined ? input.receivedAt : null,
        input.json,
      );
    else if (mined && input.block !== null && existing.mined_block === null)
      minedNow = markMined.run(input.block, input.receivedAt, input.id).changes === 1;
    const row = existing === undefined || minedNow ? select.get(input.id) : existing;
    if (!row) throw new Error("unreachable: alert row vanished inside its transaction");
    return { alert: toStored(row), created: existing === undefined, minedNow };
  });

  return {
    async putAlert(input) {
      return put.immediate(validate(input));
    },
    async getAlert(id) {
      const row = select.get(toHash32("id", id));
      return row ? toStored(row) : undefined;
    },
    async listAlerts(options: ListAlertsOptions = {}) {
      const limit = toLimit("limit", options.limit ?? 20, MAX_LIST);
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (options.before !== undefined) {
        where.push("seq < ?");
        args.push(toUint("before", options.before));
      }
      if (options.after !== undefined) {
        where.push("seq > ?");
        args.push(toUint("after", options.after));
      }
      if (options.since !== undefined) {
        where.push("received_at >= ?");
        args.push(toUint("since", options.since));
      }
      for (const [column, values] of [
        ["severity", filterValues("severities", options.severities)],
        ["type", filterValues("types", options.types)],
      ] as const) {
        if (values.length === 0) continue;
        where.push(`${column} IN (${values.map(() => "?").join(", ")})`);
        args.push(...values);
      }
      // Newest first for pages; oldest first when catching up after a cursor (a stream's replay).
      const order = options.after !== undefined ? "ASC" : "DESC";
      const sql = `SELECT * FROM alerts${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY seq ${order} LIMIT ?`;
      // The statement varies only with which filters are given: few shapes, prepared per call.
      return db
        .prepare<(string | number)[], Row>(sql)
        .all(...args, limit)
        .map(toStored);
    },
    async countAlerts() {
      return count.get()?.n ?? 0;
    },
  };
}
