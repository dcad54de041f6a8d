import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import {
  InvalidStoreInputError,
  ReplayedCallError,
  StoreBusyError,
  StoreClosedError,
  StoreWriteError,
} from "../errors.ts";
import type { MeteredCall } from "../types.ts";
import { migrations, schemaVersion } from "./migrations.ts";
import { openMeteringStore } from "./openMeteringStore.ts";
import { openSqliteStore } from "./openSqliteStore.ts";

const dir = mkdtempSync(join(tmpdir(), "palisade-metering-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `metering-${++n}.sqlite`);

const signer = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8" as const;
/** Call `nonce` of a purchase under its own token (a token per call: call number = token nonce). */
const call = (purchaseId: bigint, nonce: bigint, overrides: Partial<MeteredCall> = {}): MeteredCall => ({
  purchaseId,
  call: nonce,
  nonce,
  expiry: 1_900_000_000n,
  signer,
  signature: `0x${nonce.toString(16).padStart(2, "0").slice(-2).repeat(64)}1b`,
  servedAt: 1_000 + Number(nonce),
  ...overrides,
});

/** Rows of a purchase read through a separate connection (what another process would see). */
function rowsSeenElsewhere(path: string, purchaseId: bigint): number {
  const other = new Database(path, { readonly: true });
  try {
    const row = other
      .prepare<[bigint], { n: number }>("SELECT COUNT(*) AS n FROM metered_calls WHERE purchase_id = ?")
      .get(purchaseId);
    return row?.n ?? 0;
  } finally {
    other.close();
  }
}

test("a new metering file is WAL, synchronous=FULL, at the current schema version", async () => {
  const store = openMeteringStore(freshPath());
  try {
    assert.equal(store.schemaVersion, schemaVersion);
    assert.equal(store.journalMode, "wal");
    assert.equal(store.synchronous, "full");
  } finally {
    await store.close();
  }
});

test("recordCall records, counts and pages; highestCall is the usage proof", async () => {
  const store = openMeteringStore(freshPath());
  try {
    assert.equal(await store.countCalls(7n), 0);
    assert.equal(await store.highestCall(7n), undefined);
    for (const nonce of [1n, 2n, 5n, 3n]) await store.recordCall(call(7n, nonce));
    const last = await store.recordCall(call(7n, 4n));
    assert.deepEqual(last, { callsRecorded: 5 });
    await store.recordCall(call(8n, 1n));

    assert.equal(await store.countCalls(7n), 5);
    assert.equal(await store.countCalls(8n), 1);
    assert.deepEqual(await store.highestCall(7n), call(7n, 5n));
    assert.deepEqual(
      (await store.listCalls(7n)).map((c) => c.nonce),
      [1n, 2n, 3n, 4n, 5n],
    );
    assert.deepEqual(
      (await store.listCalls(7n, { after: 1n, limit: 2 })).map((c) => c.nonce),
      [2n, 3n],
    );
    assert.deepEqual(await store.listCalls(7n, { after: 5n }), []);
    // Stored as given, signer lower-cased.
    assert.deepEqual((await store.listCalls(8n))[0], call(8n, 1n));
    await store.recordCall(call(9n, 1n, { signer: "0xABCDEF0123456789ABCDEF0123456789ABCDEF01" }));
    assert.equal((await store.highestCall(9n))?.signer, "0xabcdef0123456789abcdef0123456789abcdef01");
  } finally {
    await store.close();
  }
});

/** Call `n` of a purchase under the token with nonce `nonce` (covering calls 1 … nonce). */
const batchCall = (purchaseId: bigint, n: bigint, nonce: bigint, overrides: Partial<MeteredCall> = {}) =>
  call(purchaseId, nonce, { call: n, servedAt: 2_000 + Number(n), ...overrides });

test("a token covering a range: each call is its own row with the token; the proof is the highest token", async () => {
  const store = openMeteringStore(freshPath());
  try {
    // Calls 1 … 5 under the token with nonce 5, in any order; then 6 and 7 under the token with nonce 10.
    for (const n of [3n, 1n, 5n, 2n, 4n]) await store.recordCall(batchCall(30n, n, 5n));
    assert.deepEqual(await store.highestCall(30n), batchCall(30n, 3n, 5n), "the first row of the token");
    await store.recordCall(batchCall(30n, 7n, 10n));
    const last = await store.recordCall(batchCall(30n, 6n, 10n));
    assert.deepEqual(last, { callsRecorded: 7 });

    assert.equal(await store.countCalls(30n), 7, "calls recorded, not calls authorised");
    assert.deepEqual(await store.highestCall(30n), batchCall(30n, 7n, 10n));
    assert.deepEqual(
      (await store.listCalls(30n)).map((c) => [c.call, c.nonce]),
      [
        [1n, 5n],
        [2n, 5n],
        [3n, 5n],
        [4n, 5n],
        [5n, 5n],
        [6n, 10n],
        [7n, 10n],
      ],
    );
    assert.deepEqual(await store.listUnclaimed(), [
      { purchaseId: 30n, calls: 7, highestNonce: 10n, claimedUpTo: 0n },
    ]);

    // A call under a lower token recorded later (a slow request of an earlier batch) does not move
    // the proof back, and a replayed call number is refused whatever token it comes with.
    await store.recordCall(batchCall(30n, 8n, 8n));
    assert.deepEqual(await store.highestCall(30n), batchCall(30n, 7n, 10n));
    await assert.rejects(
      store.recordCall(batchCall(30n, 6n, 10n)),
      (error: unknown) => error instanceof ReplayedCallError && error.call === 6n,
    );
    await assert.rejects(store.recordCall(batchCall(30n, 6n, 20n)), ReplayedCallError);
    assert.deepEqual((await store.listCalls(30n, { after: 5n, limit: 1 }))[0], batchCall(30n, 6n, 10n));

    // Claimed in token nonces: the token with nonce 10 pays calls 1 … 10.
    await store.markClaimed(30n, 10n);
    assert.deepEqual(await store.listUnclaimed(), []);
    assert.deepEqual(await store.listCalls(30n, { after: await store.claimedUpTo(30n) }), []);
    await store.recordCall(batchCall(30n, 11n, 20n));
    assert.deepEqual(await store.listUnclaimed(), [
      { purchaseId: 30n, calls: 9, highestNonce: 20n, claimedUpTo: 10n },
    ]);
  } finally {
    await store.close();
  }
});

test("calls of one batch token in one turn: one transaction, one row each, the first call carries the proof", async () => {
  const store = openMeteringStore(freshPath());
  try {
    const before = store.stats().commits;
    const results = await Promise.allSettled(
      [4n, 2n, 4n, 1n, 3n].map((n) => store.recordCall(batchCall(31n, n, 100n))),
    );
    assert.equal(store.stats().commits - before, 1);
    assert.deepEqual(
      results.map((r) => r.status),
      ["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"],
    );
    assert.equal(await store.countCalls(31n), 4);
    assert.deepEqual(await store.highestCall(31n), batchCall(31n, 4n, 100n));
  } finally {
    await store.close();
  }
});

test("one transaction over several purchases, with a claim among the calls: totals and proofs per purchase", async () => {
  const store = openMeteringStore(freshPath());
  try {
    await store.recordCall(batchCall(32n, 1n, 10n)); // totals read back from the file in the next one
    const before = store.stats().commits;
    const results = await Promise.all([
      store.recordCall(batchCall(32n, 2n, 10n)),
      store.recordCall(batchCall(33n, 1n, 5n)),
      store.markClaimed(32n, 10n).then(() => "claimed"),
      store.recordCall(batchCall(32n, 11n, 20n)),
      store.recordCall(batchCall(33n, 2n, 5n)),
      store.recordCall(batchCall(32n, 12n, 20n)),
    ]);
    assert.equal(store.stats().commits - before, 1);
    assert.deepEqual(results, [
      { callsRecorded: 2 },
      { callsRecorded: 1 },
      "claimed",
      { callsRecorded: 3 },
      { callsRecorded: 2 },
      { callsRecorded: 4 },
    ]);
    assert.deepEqual(await store.highestCall(32n), batchCall(32n, 11n, 20n));
    assert.deepEqual(await store.highestCall(33n), batchCall(33n, 1n, 5n));
    assert.deepEqual(await store.listUnclaimed(), [
      { purchaseId: 32n, calls: 4, highestNonce: 20n, claimedUpTo: 10n },
      { purchaseId: 33n, calls: 2, highestNonce: 5n, claimedUpTo: 0n },
    ]);
  } finally {
    await store.close();
  }
});

test("a replayed (purchaseId, call) rejects with ReplayedCallError and leaves the row unchanged", async () => {
  const path = freshPath();
  const store = openMeteringStore(path);
  await store.recordCall(call(1n, 1n));
  await assert.rejects(
    store.recordCall(call(1n, 1n, { servedAt: 99_999, signature: `0x${"77".repeat(64)}1c` })),
    (error: unknown) => error instanceof ReplayedCallError && error.purchaseId === 1n && error.call === 1n,
  );
  assert.deepEqual(await store.listCalls(1n), [call(1n, 1n)]);
  assert.equal(await store.countCalls(1n), 1);
  await store.close();

  // Still refused after reopening: the guard is the file, not memory.
  const reopened = openMeteringStore(path);
  try {
    await assert.rejects(reopened.recordCall(call(1n, 1n)), ReplayedCallError);
    assert.equal(await reopened.countCalls(1n), 1);
  } finally {
    await reopened.close();
  }
});

test("calls made in one turn are written in one transaction; a duplicate inside it is refused alone", async () => {
  const store = openMeteringStore(freshPath());
  try {
    const before = store.stats().commits;
    const results = await Promise.allSettled([
      store.recordCall(call(3n, 1n)),
      store.recordCall(call(3n, 2n)),
      store.recordCall(call(3n, 1n, { servedAt: 5 })), // same nonce, same batch
      store.recordCall(call(3n, 3n)),
    ]);
    assert.equal(store.stats().commits - before, 1, "one commit for the whole turn");
    assert.deepEqual(
      results.map((r) => r.status),
      ["fulfilled", "fulfilled", "rejected", "fulfilled"],
    );
    assert.ok((results[2] as PromiseRejectedResult).reason instanceof ReplayedCallError);
    assert.deepEqual(
      results.filter((r) => r.status === "fulfilled").map((r) => r.value.callsRecorded),
      [1, 2, 3],
    );
    assert.equal((await store.listCalls(3n))[0]?.servedAt, call(3n, 1n).servedAt, "the first one won");
    assert.equal(await store.countCalls(3n), 3);
  } finally {
    await store.close();
  }
});

test("a turn's queue is cut into batches of maxBatch; each caller resolves after its commit is visible", async () => {
  const path = freshPath();
  const store = openMeteringStore(path, { maxBatch: 100 });
  try {
    const before = store.stats().commits;
    const seenAtResolve: number[] = [];
    await Promise.all(
      Array.from({ length: 1_000 }, (_, i) =>
        store.recordCall(call(4n, BigInt(i + 1))).then(() => {
          // Visible to another connection the moment the promise resolves: committed (and fsynced).
          if (i % 250 === 0) seenAtResolve.push(rowsSeenElsewhere(path, 4n));
        }),
      ),
    );
    assert.equal(store.stats().commits - before, 10);
    assert.equal(store.stats().largestBatch, 100);
    for (const [k, seen] of seenAtResolve.entries()) assert.ok(seen >= k * 250 + 1, `${seen} rows seen`);
    assert.equal(await store.countCalls(4n), 1_000);
  } finally {
    await store.close();
  }
});

test("malformed calls are refused before queueing, with InvalidStoreInputError", async () => {
  const store = openMeteringStore(freshPath());
  try {
    const bad: Partial<MeteredCall>[] = [
      { purchaseId: 2n ** 63n },
      { purchaseId: -1n },
      { nonce: 0n },
      { nonce: 5 as unknown as bigint },
      { call: 0n },
      { call: 2n }, // beyond the token's nonce 1
      { call: 1 as unknown as bigint },
      { expiry: 2n ** 63n },
      { signer: "0x1234" as `0x${string}` },
      { signature: `0x${"11".repeat(64)}` },
      { servedAt: -1 },
      { servedAt: 1.5 },
    ];
    for (const overrides of bad) {
      await assert.rejects(store.recordCall(call(5n, 1n, overrides)), InvalidStoreInputError);
    }
    await assert.rejects(store.countCalls(2n ** 63n), InvalidStoreInputError);
    await assert.rejects(store.listCalls(5n, { limit: 0 }), InvalidStoreInputError);
    assert.equal(await store.countCalls(5n), 0);
    assert.equal(store.stats().commits, 0);
  } finally {
    await store.close();
  }
});

test("markClaimed never moves backwards; listUnclaimed shows purchases with calls beyond the claim", async () => {
  const store = openMeteringStore(freshPath());
  try {
    for (const nonce of [1n, 2n, 3n]) await store.recordCall(call(10n, nonce));
    await store.recordCall(call(11n, 1n));
    assert.equal(await store.claimedUpTo(10n), 0n);
    assert.deepEqual(await store.listUnclaimed(), [
      { purchaseId: 10n, calls: 3, highestNonce: 3n, claimedUpTo: 0n },
      { purchaseId: 11n, calls: 1, highestNonce: 1n, claimedUpTo: 0n },
    ]);
    await store.markClaimed(10n, 3n);
    await store.markClaimed(10n, 2n);
    assert.equal(await store.claimedUpTo(10n), 3n);
    assert.deepEqual(
      (await store.listUnclaimed()).map((p) => p.purchaseId),
      [11n],
    );
    await store.recordCall(call(10n, 4n));
    assert.deepEqual(await store.listUnclaimed({ limit: 1 }), [
      { purchaseId: 10n, calls: 4, highestNonce: 4n, claimedUpTo: 3n },
    ]);
    // Unclaimed calls of a purchase: after what was claimed.
    assert.deepEqual(
      (await store.listCalls(10n, { after: await store.claimedUpTo(10n) })).map((c) => c.nonce),
      [4n],
    );
  } finally {
    await store.close();
  }
});

test("close writes what is queued; later calls reject with StoreClosedError", async () => {
  const path = freshPath();
  const store = openMeteringStore(path);
  const pending = store.recordCall(call(6n, 1n));
  const closed = store.close();
  await assert.rejects(store.recordCall(call(6n, 2n)), StoreClosedError);
  await closed;
  assert.deepEqual(await pending, { callsRecorded: 1 });
  await assert.rejects(store.countCalls(6n), StoreClosedError);
  await store.close(); // idempotent
  assert.equal(rowsSeenElsewhere(path, 6n), 1);
});

test("while another connection holds the write lock, the batch waits without blocking, then commits", async () => {
  const path = freshPath();
  const store = openMeteringStore(path);
  const other = new Database(path);
  try {
    await store.recordCall(call(12n, 1n)); // the writer thread is up
    other.exec("BEGIN IMMEDIATE");
    let settled = false;
    const pending = store.recordCall(call(12n, 2n)).finally(() => {
      settled = true;
    });
    // The event loop keeps turning (timers fire) while the writer thread waits for the lock.
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(settled, false);
    other.exec("COMMIT");
    assert.deepEqual(await pending, { callsRecorded: 2 });
    assert.ok(store.stats().busyRetries > 0);
  } finally {
    other.close();
    await store.close();
  }
});

test("a lock held past busyTimeoutMs rejects the batch with StoreBusyError and writes nothing", async () => {
  const path = freshPath();
  const store = openMeteringStore(path, { busyTimeoutMs: 40 });
  const other = new Database(path);
  try {
    other.exec("BEGIN IMMEDIATE");
    await assert.rejects(store.recordCall(call(13n, 1n)), StoreBusyError);
    other.exec("ROLLBACK");
    assert.equal(await store.countCalls(13n), 0);
    assert.deepEqual(await store.recordCall(call(13n, 1n)), { callsRecorded: 1 });
  } finally {
    other.close();
    await store.close();
  }
});

test("a batch whose transaction fails is rolled back whole: every caller gets StoreWriteError", async () => {
  const path = freshPath();
  const store = openMeteringStore(path);
  const other = new Database(path);
  try {
    // Stand-in for a disk error: a trigger that aborts the insert of nonce 13.
    other.exec(`CREATE TRIGGER fail_13 BEFORE INSERT ON metered_calls WHEN NEW.nonce = 13
                BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END`);
    const results = await Promise.allSettled(
      [12n, 13n, 14n].map((nonce) => store.recordCall(call(14n, nonce))),
    );
    for (const result of results) {
      assert.equal(result.status, "rejected");
      assert.ok((result as PromiseRejectedResult).reason instanceof StoreWriteError);
    }
    assert.equal(await store.countCalls(14n), 0);
    assert.equal(rowsSeenElsewhere(path, 14n), 0);
    other.exec("DROP TRIGGER fail_13");
    assert.deepEqual(await store.recordCall(call(14n, 13n)), { callsRecorded: 1 });
  } finally {
    other.close();
    await store.close();
  }
});

test("a file at schema version 1 (node store with records) is upgraded in place and keeps its records", async () => {
  const path = freshPath();
  // A file as the previous build left it: migration 1 only, one slashing-protection record.
  const old = new Database(path);
  old.pragma("journal_mode = WAL");
  old.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT");
  old.exec(migrations[0] as string);
  old.prepare("INSERT INTO schema_version (version, applied_at) VALUES (1, 0)").run();
  old
    .prepare("INSERT INTO signatures VALUES (?, ?, 3, 4)")
    .run(`0x${"aa".repeat(32)}`, `0x${"bb".repeat(32)}`);
  old.close();

  const metering = openMeteringStore(path);
  await metering.recordCall(call(20n, 1n));
  await metering.close();

  const node = openSqliteStore(path);
  try {
    const record = await node.slashingProtection.getSignature(`0x${"aa".repeat(32)}`);
    assert.equal(record?.responseHash, `0x${"bb".repeat(32)}`);
    const db = new Database(path, { readonly: true });
    assert.deepEqual(
      db.prepare("SELECT version FROM schema_version ORDER BY version").all(),
      Array.from({ length: schemaVersion }, (_, i) => ({ version: i + 1 })),
    );
    db.close();
  } finally {
    node.close();
  }
  const reopened = openMeteringStore(path);
  try {
    assert.equal(await reopened.countCalls(20n), 1);
  } finally {
    await reopened.close();
  }
});

test("a file at schema version 2 (a token per call) is upgraded: each row's token nonce is its call's", async () => {
  const path = freshPath();
  // A provider's file as the previous build left it: calls 1 … 3 of purchase 40, claimed up to 2.
  const old = new Database(path);
  old.pragma("journal_mode = WAL");
  old.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT");
  old.exec(migrations[0] as string);
  old.exec(migrations[1] as string);
  old.prepare("INSERT INTO schema_version (version, applied_at) VALUES (1, 0), (2, 0)").run();
  const insert = old.prepare("INSERT INTO metered_calls VALUES (?, ?, ?, ?, ?, ?)");
  for (const nonce of [1n, 3n, 2n]) {
    const c = call(40n, nonce);
    insert.run(40n, nonce, c.expiry, c.signer, Buffer.from(c.signature.slice(2), "hex"), c.servedAt);
  }
  old.prepare("INSERT INTO metered_purchases VALUES (40, 3, 3, 2)").run();
  old.close();

  const store = openMeteringStore(path);
  try {
    assert.equal(store.schemaVersion, schemaVersion);
    assert.deepEqual(await store.listCalls(40n), [call(40n, 1n), call(40n, 2n), call(40n, 3n)]);
    assert.deepEqual(await store.highestCall(40n), call(40n, 3n));
    assert.equal(await store.claimedUpTo(40n), 2n);
    assert.deepEqual(await store.listUnclaimed(), [
      { purchaseId: 40n, calls: 3, highestNonce: 3n, claimedUpTo: 2n },
    ]);
    // The replay guard carried over, and batch tokens follow.
    await assert.rejects(store.recordCall(call(40n, 3n)), ReplayedCallError);
    await store.recordCall(batchCall(40n, 4n, 10n));
    assert.deepEqual(await store.highestCall(40n), batchCall(40n, 4n, 10n));
    assert.equal(await store.countCalls(40n), 4);
  } finally {
    await store.close();
  }
});
