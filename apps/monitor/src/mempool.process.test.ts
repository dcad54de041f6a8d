/**
 * The front-run condition: anvil mines every 2 s (interval mining), the monitor process subscribes to
 * pending transactions over WebSocket, and the flash-loan exploit is detected while it is still in the
 * mempool — the webhook holds the `source: "mempool"` alert while the node has no receipt for it — and
 * again once mined (same id, `source: "block"`, its block number).
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { accounts, killProcess, repoRoot, startTsProcess, type TsProcess } from "@palisade/testkit";
import type { Hex } from "viem";
import { type Alert, parseAlert } from "./alert.ts";
import { attackCalldata } from "./demo/attackDemo.ts";
import { startTestChain, type TestChain } from "./testChain.ts";

const mainScript = join(repoRoot, "apps/monitor/src/main.ts");

let chain: TestChain;
let monitor: TsProcess | undefined;
let webhook: Server;
/** Each alert with whether the node had a receipt for its transaction when it arrived. */
const received: { alert: Alert; at: number; minedWhenReceived: boolean }[] = [];

async function until(what: string, predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (monitor?.exitedAt)
      throw new Error(`monitor exited before ${what}:\n${monitor.output.slice(-30).join("\n")}`);
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}:\n${monitor?.output.slice(-30).join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

before(async () => {
  chain = await startTestChain();
  webhook = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const alert = parseAlert(JSON.parse(Buffer.concat(chunks).toString()));
      const at = Date.now();
      const receipt = await chain.client.getTransactionReceipt({ hash: alert.tx as Hex }).catch(() => null);
      received.push({ alert, at, minedWhenReceived: receipt !== null });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, "127.0.0.1", resolve));
  // From here on blocks come every 2 s, not with each transaction.
  await chain.clients.test.setAutomine(false);
  await chain.clients.test.setIntervalMining({ interval: 2 });
});

after(async () => {
  if (monitor) await killProcess(monitor);
  await new Promise((resolve) => webhook?.close(resolve));
  await chain?.stop();
});

test("the exploit is detected while pending, then confirmed in its block", async () => {
  const watchFile = join(mkdtempSync(join(tmpdir(), "monitor-mempool-")), "watch.json");
  writeFileSync(watchFile, JSON.stringify(chain.watchFile));
  monitor = startTsProcess("monitor", mainScript, [
    "--rpc-url",
    chain.anvil.rpcUrl,
    "--ws-url",
    chain.anvil.rpcUrl.replace("http://", "ws://"),
    "--watch-file",
    watchFile,
    "--webhook",
    `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`,
  ]);
  await until(
    "monitor ready",
    () => monitor?.output.some((line) => line.includes('"msg":"monitor ready"')) ?? false,
  );

  // Send right after a block, so that the next one is ~2 s away: the detection has that long.
  const start = await chain.client.getBlockNumber({ cacheTime: 0 });
  let now = start;
  while (now === start) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    now = await chain.client.getBlockNumber({ cacheTime: 0 });
  }
  const sentAt = Date.now();
  const hash = (
    await chain.clients.wallet(accounts().attacker).sendTransaction({
      to: chain.demo.exploit,
      data: attackCalldata(),
      gas: 1_000_000n,
    })
  ).toLowerCase() as Hex;

  const of = (source: Alert["source"]) =>
    received.find(
      (r) => r.alert.type === "flash-loan-exploit" && r.alert.tx === hash && r.alert.source === source,
    );
  await until("the mempool alert", () => of("mempool") !== undefined, 10_000);
  const early = of("mempool");
  assert.ok(early);
  assert.equal(early.minedWhenReceived, false, "the alert arrived while the transaction was still pending");
  assert.equal(early.alert.block, null);
  assert.equal(early.alert.severity, "critical");
  // No wall-clock bound (shared machines): "still pending when received" is the property; the
  // latency is measured by bench:monitor.
  assert.ok(early.at >= sentAt);

  await until("the block alert", () => of("block") !== undefined, 15_000);
  const late = of("block");
  const receipt = await chain.client.getTransactionReceipt({ hash });
  assert.equal(late?.alert.id, early.alert.id, "one attack, one id");
  assert.equal(late?.alert.block, Number(receipt.blockNumber));
  assert.ok((late?.at ?? 0) > early.at);
  // The pending alert names the state it simulated on; the mined one its parent block.
  assert.ok(early.alert.evidence.stateBlock >= Number(now));
  assert.equal(late?.alert.evidence.stateBlock, Number(receipt.blockNumber) - 1);
});
