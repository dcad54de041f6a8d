import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import { mockLstAbi } from "@palisade/abis";
import { type Deployment, depositIntoStrategy, getStakerPosition, loadDeployment } from "@palisade/sdk";
import {
  accounts,
  createClients,
  freePort,
  isPortBusy,
  repoRoot,
  seedDeposit,
  sendAndWait,
} from "@palisade/testkit";
import { encodeFunctionData, parseEther } from "viem";

const main = resolve(import.meta.dirname, "main.ts");
const stateDir = mkdtempSync(join(tmpdir(), "palisade-devnet-"));
after(() => rmSync(stateDir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function spawnDevnet(args: string[]): Run {
  const child = spawn(process.execPath, ["--import", "tsx", main, ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return { child, output: () => output, exited };
}

async function waitFor(run: Run, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(run.output())) {
    if (run.child.exitCode !== null) assert.fail(`devnet exited early:\n${run.output()}`);
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${pattern}:\n${run.output()}`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

const anvilPid = (run: Run): number => Number(/anvil pid\s+(\d+)/.exec(run.output())?.[1]);
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function interrupt(run: Run): Promise<void> {
  const pid = anvilPid(run);
  assert.ok(pid > 0 && isAlive(pid), "anvil runs while the devnet is up");
  run.child.kill("SIGINT");
  assert.equal(await run.exited, 0, run.output());
  assert.equal(isAlive(pid), false, "anvil exited with the devnet");
}

test("deploys, stops on SIGINT with its anvil, then resumes the same chain", async () => {
  const port = await freePort();
  const args = ["--port", String(port), "--state-dir", stateDir];
  const deploymentFile = join(stateDir, "deployment.json");
  const { stakers } = accounts();
  const staker = stakers[0];

  // First run: fresh deployment.
  const first = spawnDevnet(args);
  let deployment: Deployment;
  try {
    await waitFor(first, /^ready: /m);
    assert.match(first.output(), /deployed and seeded/);
    assert.ok(first.output().includes(deploymentFile), "prints where the deployment file is");
    assert.match(first.output(), /Ctrl-C to stop/);
    deployment = await loadDeployment(deploymentFile);
    assert.equal(deployment.rpcUrl, `http://127.0.0.1:${port}`);

    // Change state after the seed, on interval mining: one more rETH deposit.
    const clients = createClients(deployment.rpcUrl, { pollingIntervalMs: 100 });
    const rETH = deployment.strategies.rETH;
    assert.ok(rETH);
    const mint = encodeFunctionData({
      abi: mockLstAbi,
      functionName: "mint",
      args: [staker.address, parseEther("1")],
    });
    await sendAndWait(clients.wallet(accounts().deployer), { to: rETH.token, data: mint }, "mint");
    await depositIntoStrategy(clients.wallet(staker), {
      contracts: deployment.contracts,
      strategy: rETH.strategy,
      amount: parseEther("1"),
    });
  } finally {
    if (first.child.exitCode === null) await interrupt(first);
  }
  assert.equal(await isPortBusy(port), false);

  // Second run on the same directory: resumed, nothing redeployed, state kept.
  const second = spawnDevnet(args);
  try {
    await waitFor(second, /^ready: /m);
    assert.match(second.output(), /resumed from saved state/);
    assert.doesNotMatch(second.output(), /deploying the core contracts/);
    const resumed = await loadDeployment(deploymentFile);
    assert.deepEqual(resumed.contracts, deployment.contracts);
    assert.deepEqual(resumed.strategies, deployment.strategies);
    const clients = createClients(resumed.rpcUrl);
    const position = (symbol: string) => {
      const entry = resumed.strategies[symbol];
      assert.ok(entry);
      return getStakerPosition(clients.public, {
        contracts: resumed.contracts,
        staker: staker.address,
        strategy: entry.strategy,
      });
    };
    assert.equal((await position("stETH")).withdrawableShares, seedDeposit(0));
    assert.equal((await position("rETH")).withdrawableShares, seedDeposit(0) + parseEther("1"));
  } finally {
    if (second.child.exitCode === null) await interrupt(second);
  }
});

test("a busy port is a clear error naming the port and the flag", async () => {
  const port = await freePort();
  const blocker = createServer();
  await new Promise<void>((ready) => blocker.listen(port, "127.0.0.1", ready));
  try {
    const run = spawnDevnet(["--port", String(port), "--state-dir", join(stateDir, "busy")]);
    assert.equal(await run.exited, 1);
    assert.match(run.output(), new RegExp(`port ${port} .*already in use.*--port`, "s"));
  } finally {
    blocker.close();
  }
});
