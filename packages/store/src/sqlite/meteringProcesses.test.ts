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
after(() => rmSync(dir, { recursive: true, force: true }));

function child(script: string, args: readonly string[]) {
  return spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "testing", script), ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

test("a writer SIGKILLed mid-load: every call that resolved is in the file, none is counted twice", async () => {
  const path = join(dir, "crash.sqlite");
  const writer = child("meterUnderLoad.ts", [path, "77", "1000000", "64"]);
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
      const nonce = Number(value);
      if (kind === "ok") {
        assert.ok(!ok.has(nonce), `nonce ${nonce} resolved twice`);
        ok.add(nonce);
      } else if (kind === "dup") dup.push(nonce);
    }
    // Kill it well into the load, in the middle of whatever batch is being written.
    if (ok.size >= 5_000 && !writer.killed) writer.kill("SIGKILL");
  });
  assert.equal(await exited, "SIGKILL", `the writer should die by SIGKILL: ${stderr}`);
  assert.ok(ok.size >= 5_000, `only ${ok.size} calls before the end: ${stderr}`);
  assert.ok(dup.length > 0, "replays were sent and refused");
  for (const nonce of dup) assert.ok(ok.has(nonce), `replayed nonce ${nonce} had been recorded once`);

  // Reopen (runs WAL recovery): everything acknowledged is there.
  await openMeteringStore(path).close();
  const db = new Database(path, { readonly: true });
  try {
    const nonces = new Set(
      db.prepare<[], number>("SELECT nonce FROM metered_calls WHERE purchase_id = 77").pluck().all(),
    );
    const missing = [...ok].filter((nonce) => !nonces.has(nonce));
    assert.deepEqual(missing.slice(0, 10), [], `${missing.length} acknowledged calls lost`);
    // Committed but killed before the acknowledgement was printed: allowed, at most one batch or so.
    assert.ok(nonces.size >= ok.size);
    const counted = db
      .prepare<[], number>("SELECT calls FROM metered_purchases WHERE purchase_id = 77")
      .pluck()
      .get();
    assert.equal(counted, nonces.size, "the per-purchase counter matches the rows: nothing counted twice");
  } finally {
    db.close();
  }
});

test("two processes recording the same calls of one purchase: each call is won by exactly one", async () => {
  const path = join(dir, "race.sqlite");
  const count = 3_000;
  await openMeteringStore(path).close(); // create and migrate before the race
  const startAt = String(Date.now() + 1_500);
  const run = (seed: number) =>
    new Promise<{ won: number[]; refused: number[]; busyRetries: number }>((resolveRun, reject) => {
      const process_ = child("meteringRace.ts", [path, startAt, String(count), String(seed)]);
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
  const [a, b] = await Promise.all([run(1), run(2)]);
  const wonA = new Set(a.won);
  const wonB = new Set(b.won);
  for (let nonce = 1; nonce <= count; nonce++)
    assert.ok(wonA.has(nonce) !== wonB.has(nonce), `call ${nonce} won by exactly one process`);
  assert.equal(a.won.length + a.refused.length, count);
  assert.equal(b.won.length + b.refused.length, count);

  const store = openMeteringStore(path);
  try {
    assert.equal(await store.countCalls(1n), count);
    assert.equal((await store.highestCall(1n))?.nonce, BigInt(count));
  } finally {
    await store.close();
  }
});
