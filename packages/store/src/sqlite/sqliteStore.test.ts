import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import {
  ConflictingPendingSignatureError,
  ConflictingSignatureError,
  InvalidStoreInputError,
  StoreOpenError,
  StoreSchemaError,
  TaskClosedError,
} from "../errors.ts";
import type { Hash32 } from "../types.ts";
import { schemaVersion } from "./migrations.ts";
import { openSqliteStore } from "./openSqliteStore.ts";

const dir = mkdtempSync(join(tmpdir(), "palisade-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `store-${++n}.sqlite`);
const h = (byte: string): Hash32 => `0x${byte.repeat(32)}` as Hash32;

test("a new file is in WAL mode, synchronous=FULL, at the current schema version", () => {
  const store = openSqliteStore(freshPath());
  try {
    assert.equal(store.schemaVersion, schemaVersion);
    assert.equal(store.journalMode, "wal");
    assert.equal(store.synchronous, "full");
    const db = new Database(store.path, { readonly: true });
    assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
    assert.deepEqual(
      db.prepare("SELECT version FROM schema_version ORDER BY version").all(),
      Array.from({ length: schemaVersion }, (_, i) => ({ version: i + 1 })),
    );
    db.close();
  } finally {
    store.close();
  }
});

test("recordSignature stores a record, is idempotent for the same response, refuses a different one", async () => {
  const store = openSqliteStore(freshPath());
  try {
    const record = { requestHash: h("aa"), responseHash: h("01"), referenceBlock: 12, signedAt: 1_000 };
    const first = await store.slashingProtection.recordSignature(record);
    assert.deepEqual(first, { record, created: true });

    // Same response again (even later, even upper-case hex): a no-op returning the original record.
    const again = await store.slashingProtection.recordSignature({
      ...record,
      requestHash: record.requestHash.toUpperCase().replace("0X", "0x") as Hash32,
      signedAt: 2_000,
    });
    assert.deepEqual(again, { record, created: false });

    await assert.rejects(
      store.slashingProtection.recordSignature({ ...record, responseHash: h("02"), signedAt: 3_000 }),
      (error: unknown) => {
        assert.ok(error instanceof ConflictingSignatureError);
        assert.deepEqual(error.existing, record);
        assert.equal(error.refusedResponseHash, h("02"));
        return true;
      },
    );
    assert.deepEqual(await store.slashingProtection.getSignature(record.requestHash), record);
    assert.equal(await store.slashingProtection.getSignature(h("bb")), undefined);
    assert.equal(await store.slashingProtection.countSignatures(), 1);
  } finally {
    store.close();
  }
});

test("a record survives closing and reopening the file, and still refuses a conflicting response", async () => {
  const path = freshPath();
  const record = { requestHash: h("cc"), responseHash: h("03"), referenceBlock: 5, signedAt: 9 };
  const first = openSqliteStore(path);
  await first.slashingProtection.recordSignature(record);
  first.close();

  const reopened = openSqliteStore(path);
  try {
    assert.deepEqual(await reopened.slashingProtection.getSignature(record.requestHash), record);
    await assert.rejects(
      reopened.slashingProtection.recordSignature({ ...record, responseHash: h("04") }),
      ConflictingSignatureError,
    );
  } finally {
    reopened.close();
  }
});

test("malformed input is refused before touching the database", async () => {
  const store = openSqliteStore(freshPath());
  try {
    const good = { requestHash: h("aa"), responseHash: h("01"), referenceBlock: 1, signedAt: 1 };
    for (const bad of [
      { ...good, requestHash: "0x1234" as Hash32 },
      { ...good, responseHash: `0x${"zz".repeat(32)}` as Hash32 },
      { ...good, referenceBlock: -1 },
      { ...good, referenceBlock: 1.5 },
    ]) {
      await assert.rejects(store.slashingProtection.recordSignature(bad), InvalidStoreInputError);
    }
    assert.equal(await store.slashingProtection.countSignatures(), 0);
  } finally {
    store.close();
  }
});

test("a file from a newer schema is refused with StoreSchemaError; a non-database with StoreOpenError", () => {
  const path = freshPath();
  openSqliteStore(path).close();
  const db = new Database(path);
  db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, 0)").run(schemaVersion + 1);
  db.close();
  assert.throws(() => openSqliteStore(path), StoreSchemaError);

  const garbage = freshPath();
  writeFileSync(garbage, "this is not a database, it is a text file that is long enough to have a header");
  assert.throws(() => openSqliteStore(garbage), StoreOpenError);
});

test("pending signatures: put, idempotent put, conflict, list in arrival order, open tasks, done", async () => {
  const path = freshPath();
  const store = openSqliteStore(path);
  const pending = store.pendingSignatures;
  const task = h("f1");
  const other = h("f2");
  const sig = (byte: string) => `0x${byte.repeat(256)}` as `0x${string}`;
  try {
    const a = { taskId: task, signer: "0xAAAA", signature: sig("0a"), receivedAt: 10 };
    assert.deepEqual(await pending.putSignature(a), { signature: { ...a, signer: "0xaaaa" }, created: true });
    assert.equal((await pending.putSignature({ ...a, receivedAt: 11 })).created, false);
    await assert.rejects(
      pending.putSignature({ ...a, signature: sig("0b") }),
      ConflictingPendingSignatureError,
    );
    await pending.putSignature({ taskId: task, signer: "0xbbbb", signature: sig("0c"), receivedAt: 12 });
    await pending.putSignature({ taskId: other, signer: "0xaaaa", signature: sig("0d"), receivedAt: 13 });

    assert.deepEqual(
      (await pending.listSignatures(task)).map((s) => s.signer),
      ["0xaaaa", "0xbbbb"],
    );
    assert.equal((await pending.getSignature(task, "0xBBBB"))?.signature, sig("0c"));
    assert.deepEqual(await pending.listOpenTasks(), [task, other]);

    await pending.markTaskDone(task, 20);
    await pending.markTaskDone(task, 30); // idempotent
    assert.equal(await pending.isTaskDone(task), true);
    assert.deepEqual(await pending.listOpenTasks(), [other]);
    await assert.rejects(
      pending.putSignature({ taskId: task, signer: "0xcccc", signature: sig("0e"), receivedAt: 21 }),
      TaskClosedError,
    );
    assert.equal((await pending.listSignatures(task)).length, 2, "signatures of a done task stay readable");
  } finally {
    store.close();
  }
  // Restart-safe: a reopened store sees the same state.
  const reopened = openSqliteStore(path);
  try {
    assert.deepEqual(await reopened.pendingSignatures.listOpenTasks(), [other]);
    assert.equal((await reopened.pendingSignatures.listSignatures(task)).length, 2);
  } finally {
    reopened.close();
  }
});
