import type Database from "better-sqlite3";
import { ConflictingSignatureError } from "../errors.ts";
import type { Hash32, RecordSignatureResult, SignatureRecord, SlashingProtectionStore } from "../types.ts";
import { toHash32, toUint } from "./validate.ts";

interface Row {
  request_hash: string;
  response_hash: string;
  reference_block: number;
  signed_at: number;
}

const toRecord = (row: Row): SignatureRecord => ({
  requestHash: row.request_hash as Hash32,
  responseHash: row.response_hash as Hash32,
  referenceBlock: row.reference_block,
  signedAt: row.signed_at,
});

/** SlashingProtectionStore over an open, migrated database. */
export function createSqliteSlashingProtection(db: Database.Database): SlashingProtectionStore {
  const insert = db.prepare<[string, string, number, number]>(
    `INSERT INTO signatures (request_hash, response_hash, reference_block, signed_at)
     VALUES (?, ?, ?, ?) ON CONFLICT (request_hash) DO NOTHING`,
  );
  const select = db.prepare<[string], Row>("SELECT * FROM signatures WHERE request_hash = ?");
  const count = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM signatures");

  // IMMEDIATE takes the write lock first, so the insert-or-read pair is one step for every process.
  const insertOrRead = db.transaction((record: SignatureRecord): { created: boolean; row: Row } => {
    const created =
      insert.run(record.requestHash, record.responseHash, record.referenceBlock, record.signedAt).changes ===
      1;
    const row = select.get(record.requestHash);
    // The row exists: we just inserted it or the conflict clause found it.
    if (!row) throw new Error("unreachable: signature row vanished inside its transaction");
    return { created, row };
  });

  return {
    async recordSignature(input: SignatureRecord): Promise<RecordSignatureResult> {
      const record: SignatureRecord = {
        requestHash: toHash32("requestHash", input.requestHash),
        responseHash: toHash32("responseHash", input.responseHash),
        referenceBlock: toUint("referenceBlock", input.referenceBlock),
        signedAt: toUint("signedAt", input.signedAt),
      };
      const { created, row } = insertOrRead.immediate(record);
      const stored = toRecord(row);
      if (stored.responseHash !== record.responseHash)
        throw new ConflictingSignatureError(stored, record.responseHash);
      return { record: stored, created };
    },
    async getSignature(requestHash: Hash32): Promise<SignatureRecord | undefined> {
      const row = select.get(toHash32("requestHash", requestHash));
      return row ? toRecord(row) : undefined;
    },
    async countSignatures(): Promise<number> {
      return count.get()?.n ?? 0;
    },
  };
}
