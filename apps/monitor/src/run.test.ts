import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type Anvil, startAnvil } from "@palisade/testkit";
import { pino } from "pino";
import type { MonitorConfig } from "./config.ts";
import { ChainMismatchError } from "./errors.ts";
import { runMonitor } from "./run.ts";

let anvil: Anvil;
before(async () => {
  anvil = await startAnvil();
});
after(() => anvil?.stop());

const logger = pino({ level: "silent" });
const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;

function deploymentFile(chainId: number): string {
  const path = join(mkdtempSync(join(tmpdir(), "monitor-run-")), "deployment.json");
  writeFileSync(
    path,
    JSON.stringify({
      version: 1,
      chainId,
      rpcUrl: anvil.rpcUrl,
      deployer: address(1),
      deployedAtBlock: 0,
      contracts: {
        strategyManager: address(2),
        delegationManager: address(3),
        allocationManager: address(4),
        rewardsCoordinator: address(5),
      },
      strategies: {},
      delays: { withdrawalBlocks: 1, allocationBlocks: 1, deallocationBlocks: 1 },
      marketplace: {
        utilityToken: address(6),
        marketplace: address(7),
        reviewBoard: address(8),
        providerSlashing: address(9),
        deployedAtBlock: 0,
      },
    }),
  );
  return path;
}

const config = (deployment: string): MonitorConfig => ({
  deployment,
  watch: [address(10) as `0x${string}`],
  webhooks: [],
  pollMs: 50,
  mempool: true,
  port: 0,
  logLevel: "silent",
});

test("--deployment: its RPC, and its contracts watched for ownership and upgrades only; --watch beside them", async () => {
  const monitor = await runMonitor(config(deploymentFile(31_337)), logger);
  try {
    assert.equal(monitor.chainId, 31_337);
    const marketplace = monitor.watch.contracts.get(address(7) as `0x${string}`);
    assert.equal(marketplace?.label, "marketplace");
    assert.equal(marketplace?.outflow, null);
    assert.equal(monitor.watch.contracts.get(address(2) as `0x${string}`)?.label, "strategyManager");
    assert.equal(monitor.watch.contracts.get(address(10) as `0x${string}`)?.outflow?.minPercent, 20);
    assert.equal(monitor.watch.contracts.size, 9);
    const health = (await (await fetch(`${monitor.url}/health`)).json()) as {
      status: string;
      chainId: number;
    };
    assert.deepEqual([health.status, health.chainId], ["ok", 31_337]);
    assert.equal((await fetch(`${monitor.url}/nope`)).status, 404);
  } finally {
    await monitor.stop();
  }
});

test("a deployment file of another chain is refused at start", async () => {
  await assert.rejects(
    runMonitor(config(deploymentFile(1)), logger),
    (error) => error instanceof ChainMismatchError && error.actual === 31_337,
  );
});
