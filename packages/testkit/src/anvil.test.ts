import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { getBlockNumber, getChainId } from "viem/actions";
import { AnvilPortInUseError, startAnvil } from "./anvil.ts";
import { createClients } from "./clients.ts";
import { isPortBusy } from "./freePort.ts";
import { mine } from "./mine.ts";

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("startAnvil answers on a free port and stop() leaves no process", async () => {
  const anvil = await startAnvil();
  try {
    const clients = createClients(anvil.rpcUrl);
    assert.equal(await getChainId(clients.public), 31_337);
    await mine(clients, 3);
    assert.equal(await getBlockNumber(clients.public, { cacheTime: 0 }), 3n);
  } finally {
    await anvil.stop();
  }
  assert.equal(isAlive(anvil.pid), false);
  assert.equal(await isPortBusy(anvil.port), false);
});

test("two anvils run side by side on different ports", async () => {
  const [a, b] = await Promise.all([startAnvil(), startAnvil()]);
  try {
    assert.notEqual(a.port, b.port);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

test("a busy port is reported as AnvilPortInUseError", async () => {
  const first = await startAnvil();
  try {
    await assert.rejects(startAnvil({ port: first.port }), (error: unknown) => {
      assert.ok(error instanceof AnvilPortInUseError);
      assert.equal(error.port, first.port);
      return true;
    });
  } finally {
    await first.stop();
  }
});

test("stop() dumps --state and a restart loads it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "palisade-anvil-"));
  try {
    const stateFile = join(dir, "state.json");
    const first = await startAnvil({ stateFile });
    await mine(createClients(first.rpcUrl), 7);
    await first.stop();
    assert.ok(existsSync(stateFile), "state file written on SIGTERM");

    const second = await startAnvil({ stateFile });
    try {
      assert.equal(await getBlockNumber(createClients(second.rpcUrl).public, { cacheTime: 0 }), 7n);
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an anvil is killed when the process that started it crashes", async () => {
  const script = [
    `import { startAnvil } from ${JSON.stringify(join(import.meta.dirname, "anvil.ts"))};`,
    "const anvil = await startAnvil();",
    "process.stdout.write(String(anvil.pid));",
    'throw new Error("the test process dies");',
  ].join("\n");
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 30_000,
  });
  assert.notEqual(result.status, 0);
  const pid = Number(result.stdout);
  assert.ok(pid > 0, result.stderr);
  // SIGKILL was sent on exit; the orphan is reaped by init shortly after.
  for (let i = 0; i < 40 && isAlive(pid); i++) await new Promise((wait) => setTimeout(wait, 50));
  assert.equal(isAlive(pid), false, "the exit hook killed anvil");
});
