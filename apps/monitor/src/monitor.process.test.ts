/**
 * The monitor as a real process (`node --import tsx apps/monitor/src/main.ts`) against anvil with the
 * attack demo, polling over HTTP: the flash-loan exploit is mined, and its alerts reach a real local
 * webhook (which fails the first delivery with a 503: the monitor retries) and the JSONL log; /health
 * and /metrics answer; SIGTERM stops it cleanly. Every process is stopped by PID.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { accounts, freePort, killProcess, repoRoot, startTsProcess, type TsProcess } from "@palisade/testkit";
import type { Hex } from "viem";
import { type Alert, parseAlert } from "./alert.ts";
import { attackCalldata, send } from "./demo/attackDemo.ts";
import { startTestChain, type TestChain } from "./testChain.ts";

const mainScript = join(repoRoot, "apps/monitor/src/main.ts");

let chain: TestChain;
let monitor: TsProcess | undefined;
let webhook: Server;
let dir: string;
const received: { alert: Alert; status: number }[] = [];

/** Resolves when `predicate` holds, polling every 50 ms; fails with the monitor's last lines. */
async function until(what: string, predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (monitor?.exitedAt)
      throw new Error(
        `monitor exited (${JSON.stringify(monitor.exitedAt)}) before ${what}:\n${monitor.output.slice(-30).join("\n")}`,
      );
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}:\n${monitor?.output.slice(-30).join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

before(async () => {
  chain = await startTestChain();
  dir = mkdtempSync(join(tmpdir(), "monitor-process-"));
  const failedOnce = new Set<string>();
  webhook = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const alert = parseAlert(JSON.parse(Buffer.concat(chunks).toString()));
      // Every alert's first delivery fails: the monitor must retry.
      const status = failedOnce.has(alert.id) ? 204 : 503;
      failedOnce.add(alert.id);
      received.push({ alert, status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, "127.0.0.1", resolve));
});

after(async () => {
  if (monitor) await killProcess(monitor);
  await new Promise((resolve) => webhook?.close(resolve));
  await chain?.stop();
});

test("the mined flash-loan exploit reaches the webhook (after a retry) and the JSONL log", async () => {
  const watchFile = join(dir, "watch.json");
  writeFileSync(watchFile, JSON.stringify(chain.watchFile, null, 2));
  const log = join(dir, "alerts.jsonl");
  const port = await freePort();
  const url = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
  monitor = startTsProcess("monitor", mainScript, [
    "--rpc-url",
    chain.anvil.rpcUrl,
    "--watch-file",
    watchFile,
    "--webhook",
    url,
    "--log",
    log,
    "--poll-ms",
    "100",
    "--port",
    String(port),
  ]);
  await until(
    "monitor ready",
    () => monitor?.output.some((line) => line.includes('"msg":"monitor ready"')) ?? false,
  );

  const receipt = await send(
    chain.clients.wallet(accounts().attacker),
    chain.demo.exploit,
    attackCalldata(),
    0n,
    "attack",
  );
  const tx = receipt.transactionHash.toLowerCase() as Hex;
  const delivered = (type: Alert["type"]) =>
    received.some((r) => r.alert.type === type && r.alert.tx === tx && r.status === 204);
  await until("the flash-loan alert", () => delivered("flash-loan-exploit"));
  await until(
    "the large-outflow and oracle alerts",
    () => delivered("large-outflow") && delivered("oracle-deviation"),
  );

  const flash = received.filter((r) => r.alert.type === "flash-loan-exploit");
  assert.deepEqual(
    flash.map((r) => r.status),
    [503, 204],
    "the first delivery failed and was retried",
  );
  const alert = flash[0]?.alert;
  assert.ok(alert);
  assert.equal(alert.source, "block");
  assert.equal(alert.block, Number(receipt.blockNumber));
  assert.equal(alert.severity, "critical");
  assert.equal(alert.addresses[0], chain.demo.vault.toLowerCase());

  // The log holds every alert once, fsync'd before the webhook's retry could land.
  await until(
    "three lines in the log",
    () => readFileSync(log, "utf8").split("\n").filter(Boolean).length >= 3,
  );
  const logged = readFileSync(log, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => parseAlert(JSON.parse(line)));
  assert.deepEqual(logged.map((a) => a.type).sort(), [
    "flash-loan-exploit",
    "large-outflow",
    "oracle-deviation",
  ]);
  assert.deepEqual(
    logged.find((a) => a.type === "flash-loan-exploit"),
    alert,
  );

  const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
    status: string;
    nextBlock: number;
  };
  assert.equal(health.status, "ok");
  assert.ok(health.nextBlock > Number(receipt.blockNumber));
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  assert.match(
    metrics,
    /palisade_monitor_alerts_total\{type="flash-loan-exploit",severity="critical",source="block"\} 1/,
  );
  assert.match(metrics, /palisade_monitor_deliveries_total\{sink="webhook",result="delivered"\} 3/);

  monitor.child.kill("SIGTERM");
  assert.deepEqual(await monitor.exited, { code: 0, signal: null });
});
