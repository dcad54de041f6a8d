import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { InvalidStoreInputError } from "../errors.ts";
import type { AlertInput, Hash32 } from "../types.ts";
import { openAlertStore } from "./openAlertStore.ts";

const dir = mkdtempSync(join(tmpdir(), "palisade-alerts-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `alerts-${++n}.sqlite`);
const h = (byte: string): Hash32 => `0x${byte.repeat(32)}` as Hash32;

function alert(id: string, overrides: Partial<AlertInput> = {}): AlertInput {
  return {
    id: h(id),
    chainId: 31_337,
    type: "flash-loan-exploit",
    severity: "critical",
    tx: h("7e"),
    source: "mempool",
    block: null,
    detectedAt: 1_000,
    receivedAt: 1_010,
    json: `{"id":"${id}"}`,
    ...overrides,
  };
}

test("the pending alert is kept; its mined repeat records the block once; a mined-first alert is mined", async () => {
  const store = openAlertStore(freshPath());
  try {
    assert.equal(store.journalMode, "wal");
    assert.equal(store.synchronous, "full");
    const pending = alert("a1", { json: '{"source":"mempool"}' });
    const first = await store.putAlert(pending);
    assert.equal(first.created, true);
    assert.equal(first.minedNow, false);
    assert.deepEqual(first.alert, {
      seq: 1,
      id: h("a1"),
      chainId: 31_337,
      type: "flash-loan-exploit",
      severity: "critical",
      tx: h("7e"),
      source: "mempool",
      detectedAt: 1_000,
      receivedAt: 1_010,
      minedBlock: null,
      minedAt: null,
      json: '{"source":"mempool"}',
    });
    // The same pending alert again (a retry): nothing changes.
    const retry = await store.putAlert({ ...pending, receivedAt: 1_020 });
    assert.deepEqual(retry, { alert: first.alert, created: false, minedNow: false });
    // Mined, under the same id (upper-case hex too): the first alert is kept, the block recorded.
    const mined = await store.putAlert(
      alert("A1", { source: "block", block: 36, receivedAt: 2_000, json: '{"source":"block"}' }),
    );
    assert.equal(mined.created, false);
    assert.equal(mined.minedNow, true);
    assert.deepEqual(mined.alert, { ...first.alert, minedBlock: 36, minedAt: 2_000 });
    // A second mined delivery changes nothing (the first block stays).
    const again = await store.putAlert(alert("a1", { source: "block", block: 37, receivedAt: 3_000 }));
    assert.equal(again.minedNow, false);
    assert.equal(again.alert.minedBlock, 36);
    // Seen mined first: mined at once.
    const blockFirst = await store.putAlert(alert("b2", { source: "block", block: 40, receivedAt: 4_000 }));
    assert.equal(blockFirst.alert.minedBlock, 40);
    assert.equal(blockFirst.alert.minedAt, 4_000);
    assert.equal(blockFirst.alert.seq, 2);
    assert.equal(await store.countAlerts(), 2);
    assert.deepEqual(await store.getAlert(h("A1")), mined.alert);
    assert.equal(await store.getAlert(h("ff")), undefined);
  } finally {
    store.close();
  }
});

test("lists page newest first with `before`, catch up oldest first with `after`, filter by type, severity, time", async () => {
  const store = openAlertStore(freshPath());
  try {
    const kinds = [
      ["large-outflow", "high"],
      ["flash-loan-exploit", "critical"],
      ["oracle-deviation", "critical"],
      ["ownership-change", "medium"],
      ["large-outflow", "critical"],
    ] as const;
    for (const [i, [type, severity]] of kinds.entries())
      await store.putAlert(alert(`c${i}`, { type, severity, receivedAt: 100 * (i + 1) }));
    const seqs = async (options: Parameters<typeof store.listAlerts>[0]) =>
      (await store.listAlerts(options)).map((stored) => stored.seq);
    assert.deepEqual(await seqs({}), [5, 4, 3, 2, 1]);
    assert.deepEqual(await seqs({ limit: 2 }), [5, 4]);
    assert.deepEqual(await seqs({ limit: 2, before: 4 }), [3, 2]);
    assert.deepEqual(await seqs({ limit: 2, before: 2 }), [1]);
    assert.deepEqual(await seqs({ after: 2 }), [3, 4, 5]);
    assert.deepEqual(await seqs({ types: ["large-outflow"] }), [5, 1]);
    assert.deepEqual(await seqs({ severities: ["critical"] }), [5, 3, 2]);
    assert.deepEqual(await seqs({ severities: ["critical", "medium"], types: ["large-outflow"] }), [5]);
    assert.deepEqual(await seqs({ since: 300 }), [5, 4, 3]);
    assert.deepEqual(await seqs({ types: ["approval-drain"] }), []);
  } finally {
    store.close();
  }
});

test("stored alerts survive closing and reopening the file", async () => {
  const path = freshPath();
  const store = openAlertStore(path);
  const { alert: stored } = await store.putAlert(alert("d1"));
  store.close();
  const reopened = openAlertStore(path);
  try {
    assert.deepEqual(await reopened.listAlerts(), [stored]);
    // Still idempotent after the reopen, and the next alert continues the sequence.
    assert.equal((await reopened.putAlert(alert("d1"))).created, false);
    assert.equal((await reopened.putAlert(alert("d2"))).alert.seq, 2);
  } finally {
    reopened.close();
  }
});

test("malformed input is refused before anything is written", async () => {
  const store = openAlertStore(freshPath());
  try {
    for (const bad of [
      alert("e1", { id: "0x12" as Hash32 }),
      alert("e1", { source: "block", block: null }),
      alert("e1", { source: "mempool", block: 3 }),
      alert("e1", { type: "Large Outflow" }),
      alert("e1", { json: "" }),
      alert("e1", { receivedAt: -1 }),
    ])
      await assert.rejects(store.putAlert(bad), InvalidStoreInputError);
    await assert.rejects(store.listAlerts({ limit: 0 }), InvalidStoreInputError);
    await assert.rejects(store.listAlerts({ types: ["x'); DROP TABLE alerts; --"] }), InvalidStoreInputError);
    assert.equal(await store.countAlerts(), 0);
  } finally {
    store.close();
  }
});
