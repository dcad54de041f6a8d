import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { openMeteringStore } from "./openMeteringStore.ts";

const repoRoot = resolve(import.meta.dirname, "../../../..");
const dir = mkdtempSync(join(tmpdir(), "palisade-metering-proc-"));
/** The nonce of the batch token (batches of `batch` calls) that covers call `call`. */
const batchNonce = (call: number, batch: number) => Math.ceil(call / batch) * batch;
after(() => rmSync(dir, { recursive: true, force: true }));

function child(script: string, args: readonly string[]) {
  return spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "testing", script), ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

test("a writer SIGKILLed mid-load: every call that resolved is in the file, none is counted twice", async () => {
  const path = join(dir, "crash.sqlite");
  // Batch tokens of 100 calls: every row must carry its call's token, and the proof the highest.
  const writer = child("meterUnderLoad.ts", [path, "77", "1000000", "64", "100"]);
  const ok = new Set<number>();
  const dup: number[] = [];
  let stderr = "";
  let buffered = "";
  writer.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolveExit) =>
    writer.once("exit", (_code, signal) => resolveExit(signal)),
  );
  writer.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      const [kind, value] = line.split(" ");
      const call = Number(value);
      if (kind === "ok") {
        assert.ok(!ok.has(call), `call ${call} resolved twice`);
        ok.add(call);
      } else if (kind === "dup") dup.push(call);
    }
    // Kill it well into the load, in the middle of whatever batch is being written.
    if (ok.size >= 5_000 && !writer.killed) writer.kill("SIGKILL");
  });
  assert.equal(await exited, "SIGKILL", `the writer should die by SIGKILL: ${stderr}`);
  assert.ok(ok.size >= 5_000, `only ${ok.size} calls before the end: ${stderr}`);
  assert.ok(dup.length > 0, "replays were sent and refused");
  for (const call of dup) assert.ok(ok.has(call), `replayed call ${call} had been recorded once`);

  // Reopen (runs WAL recovery): everything acknowledged is there.
  await openMeteringStore(path).close();
  const db = new Database(path, { readonly: true });
  try {
    const rows = db
      .prepare<[], { call: number; nonce: number }>(
        "SELECT call, nonce FROM metered_calls WHERE purchase_id = 77",
      )
      .all();
    const calls = new Set(rows.map((row) => row.call));
    const missing = [...ok].filter((call) => !calls.has(call));
    assert.deepEqual(missing.slice(0, 10), [], `${missing.length} acknowledged calls lost`);
    // Committed but killed before the acknowledgement was printed: allowed, at most one batch or so.
    assert.ok(calls.size >= ok.size);
    const wrongToken = rows.filter((row) => row.nonce !== batchNonce(row.call, 100));
    assert.deepEqual(wrongToken.slice(0, 5), [], "every row carries the token of its call's batch");
    const purchase = db
      .prepare<[], { calls: number; highest_nonce: number; proof_call: number }>(
        "SELECT calls, highest_nonce, proof_call FROM metered_purchases WHERE purchase_id = 77",
      )
      .get();
    assert.equal(
      purchase?.calls,
      calls.size,
      "the per-purchase counter matches the rows: nothing counted twice",
    );
    const highest = Math.max(...rows.map((row) => row.nonce));
    assert.equal(purchase?.highest_nonce, highest, "the proof is the highest token recorded");
    assert.equal(batchNonce(purchase?.proof_call ?? 0, 100), highest, "and names a row carrying it");
  } finally {
    db.close();
  }
});

test("two processes recording the same calls of one purchase: each call is won by exactly one", async () => {
  const path = join(dir, "race.sqlite");
  const count = 3_000;
  await openMeteringStore(path).close(); // create and migrate before the race
  const startAt = String(Date.now() + 1_500);
  // Each process presents its own batch tokens (100 and 250 calls): the row keeps the winner's.
  const run = (seed: number, batch: number) =>
    new Promise<{ won: number[]; refused: number[]; busyRetries: number }>((resolveRun, reject) => {
      const process_ = child("meteringRace.ts", [path, startAt, String(count), String(seed), String(batch)]);
      let stdout = "";
      let stderr = "";
      process_.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      process_.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      process_.once("exit", (code) =>
        code === 0 ? resolveRun(JSON.parse(stdout)) : reject(new Error(`exit ${code}: ${stderr}`)),
      );
    });
  const [a, b] = await Promise.all([run(1, 100), run(2, 250)]);
  const wonA = new Set(a.won);
  const wonB = new Set(b.won);
  for (let nonce = 1; nonce <= count; nonce++)
    assert.ok(wonA.has(nonce) !== wonB.has(nonce), `call ${nonce} won by exactly one process`);
  assert.equal(a.won.length + a.refused.length, count);
  assert.equal(b.won.length + b.refused.length, count);

  const store = openMeteringStore(path);
  try {
    assert.equal(await store.countCalls(1n), count);
    const rows = await store.listCalls(1n, { limit: count });
    for (const row of rows) {
      const call = Number(row.call);
      const expected = batchNonce(call, wonA.has(call) ? 100 : 250);
      assert.equal(row.nonce, BigInt(expected), `call ${call} carries its winner's token`);
    }
    const proof = await store.highestCall(1n);
    assert.equal(proof?.nonce, BigInt(count), "both processes' last token covers call 3,000");
  } finally {
    await store.close();
  }
});
