import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import type { Hash32 } from "../types.ts";
import { openSqliteStore } from "./openSqliteStore.ts";

const repoRoot = resolve(import.meta.dirname, "../../../..");
const dir = mkdtempSync(join(tmpdir(), "palisade-store-proc-"));
after(() => rmSync(dir, { recursive: true, force: true }));

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a testing/ script under tsx in its own process; resolves when it has exited. */
function runChild(script: string, args: readonly string[]): Promise<ChildResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(import.meta.dirname, "testing", script), ...args],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => resolveRun({ code, signal, stdout, stderr }));
  });
}

const hash = (byte: string): Hash32 => `0x${byte.repeat(32)}` as Hash32;

test("a record made by a process SIGKILLed right after recordSignature returned is there on reopen", async () => {
  const path = join(dir, "crash.sqlite");
  const result = await runChild("recordThenDie.ts", [path, hash("ab"), hash("cd")]);
  assert.equal(result.signal, "SIGKILL", `child should die by SIGKILL: ${result.stderr}`);

  const store = openSqliteStore(path);
  try {
    const record = await store.slashingProtection.getSignature(hash("ab"));
    assert.equal(record?.responseHash, hash("cd"));
    assert.equal(record?.referenceBlock, 7);
  } finally {
    store.close();
  }
});

test("two processes racing on one file never both record conflicting responses", async () => {
  const path = join(dir, "race.sqlite");
  const count = 300;
  // Both children open the file first, then start writing at the same instant.
  const startAt = String(Date.now() + 1_500);
  const [a, b] = await Promise.all([
    runChild("raceRecorder.ts", [path, startAt, String(count), hash("0a")]),
    runChild("raceRecorder.ts", [path, startAt, String(count), hash("0b")]),
  ]);
  for (const child of [a, b]) assert.equal(child.code, 0, child.stderr);
  const resultA = JSON.parse(a.stdout) as { won: number[]; refused: number[] };
  const resultB = JSON.parse(b.stdout) as { won: number[]; refused: number[] };

  // Every request was won by exactly one process and refused to the other.
  const wonA = new Set(resultA.won);
  const wonB = new Set(resultB.won);
  for (let i = 0; i < count; i++) {
    assert.ok(wonA.has(i) !== wonB.has(i), `request ${i} won by exactly one process`);
  }
  assert.deepEqual(
    [...resultA.won, ...resultA.refused].sort((x, y) => x - y),
    [...Array(count).keys()],
  );
  assert.deepEqual(
    [...resultB.won, ...resultB.refused].sort((x, y) => x - y),
    [...Array(count).keys()],
  );

  // The file holds the winner's response for each request.
  const store = openSqliteStore(path);
  try {
    assert.equal(await store.slashingProtection.countSignatures(), count);
    for (let i = 0; i < count; i += 37) {
      const record = await store.slashingProtection.getSignature(
        `0x${i.toString(16).padStart(64, "0")}` as Hash32,
      );
      assert.equal(record?.responseHash, wonA.has(i) ? hash("0a") : hash("0b"));
    }
  } finally {
    store.close();
  }
});
