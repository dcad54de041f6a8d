/**
 * On-chain task requests: anvil with the AVS and four registered operators (avsFixture), four
 * in-process nodes and the aggregator, every watcher polling `TaskRequested`. The aggregator is told
 * to ask a node URL where nothing listens, so every signature it counts was pushed by a node's own
 * watcher to `POST /v1/tasks/:id/signatures`; nothing in this file calls `POST /v1/tasks`.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { serviceManagerAbi } from "@palisade/abis";
import { addressBasics } from "@palisade/engines";
import { type RunningNode, startNode } from "@palisade/node/src/node.ts";
import { ContractRevertError, requestTaskOnChain, type WriteClient } from "@palisade/sdk";
import { openSqliteStore, type SqliteStore } from "@palisade/store";
import { type AvsFixture, accounts, avsFixture, freePort } from "@palisade/testkit";
import { pino } from "pino";
import type { Address, Hex, PublicClient } from "viem";
import { type RunningAggregator, startAggregator } from "./aggregator.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON, asserted field by field.
type JsonBody = any;

const silent = pino({ level: "silent" });
const engine = "address-basics@1";
const pollIntervalMs = 100;

let f: AvsFixture;
let client: PublicClient;
let requester: WriteClient;
let dir: string;
let store: SqliteStore;
let aggregator: RunningAggregator | undefined;
let aggregatorPort: number;
const nodes: RunningNode[] = [];
const nodeStores: SqliteStore[] = [];

function launch() {
  return startAggregator({
    client,
    wallet: f.clients.wallet(accounts().deployer) as unknown as WriteClient,
    store: store.pendingSignatures,
    dataDir: join(dir, "aggregator"),
    domain: { chainId: f.deployment.chainId, serviceManager: f.deployment.avs.serviceManager },
    operatorRegistry: f.deployment.avs.operatorRegistry,
    fromBlock: f.deployment.avs.deployedAtBlock,
    settings: {
      deadlineMs: 30_000,
      nodeTimeoutMs: 500,
      confirmations: 1,
      batchSize: 1,
      batchIntervalMs: 50,
      stragglerGraceMs: 300,
      // Nothing listens here: the certificate can only come from the nodes' pushes.
      nodeUrls: ["http://127.0.0.1:9"],
      chainTaskPollMs: pollIntervalMs,
    },
    logger: silent,
    port: aggregatorPort,
  });
}

async function get(path: string): Promise<{ status: number; body: JsonBody }> {
  const response = await fetch(`http://127.0.0.1:${aggregatorPort}${path}`);
  const text = await response.text();
  return { status: response.status, body: text.startsWith("{") ? JSON.parse(text) : text };
}

async function waitFor(id: string, done: (task: JsonBody) => boolean, timeoutMs = 20_000): Promise<JsonBody> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await get(`/v1/tasks/${id}`);
    if (status === 200 && done(body)) return body;
    if (Date.now() > until) assert.fail(`task ${id} timed out: ${JSON.stringify(body)}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

/** Polls `read` until its text matches `pattern` (watchers run on their own timers). */
async function eventually(read: () => Promise<string>, pattern: RegExp, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = await read();
    if (pattern.test(text)) return;
    if (Date.now() > until) assert.fail(`${pattern} never matched:\n${text}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

const idOf = (address: Address, referenceBlock: number) =>
  addressBasics.parseRequest({ address, referenceBlock }).requestHash as Hex;

const readCursor = () =>
  BigInt(JSON.parse(readFileSync(join(dir, "aggregator", "task-cursor.json"), "utf8")).nextBlock);

before(async () => {
  const ports = await Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
  aggregatorPort = ports[4] as number;
  f = await avsFixture({ nodeUrls: ports.slice(0, 4).map((port) => `http://127.0.0.1:${port}`) });
  client = f.clients.public as PublicClient;
  requester = f.clients.wallet(accounts().stakers[0]) as unknown as WriteClient;
  // The reference block (the request's block − 1) must see the landed stakes.
  await f.clients.test.mine({ blocks: 2 });
  dir = mkdtempSync(join(tmpdir(), "palisade-onchain-"));
  for (const i of [0, 1, 2, 3]) {
    const operator = f.operators[i];
    assert.ok(operator);
    nodeStores[i] = openSqliteStore(join(dir, `node-${i}.sqlite`));
    nodes[i] = await startNode({
      client,
      store: (nodeStores[i] as SqliteStore).slashingProtection,
      secretKey: operator.secretKey,
      domain: { chainId: f.deployment.chainId, serviceManager: f.deployment.avs.serviceManager },
      logger: silent,
      nodeName: `node-${i}`,
      nodeVersion: "0.1.0",
      aggregatorUrl: `http://127.0.0.1:${aggregatorPort}`,
      port: ports[i] as number,
      chainTasks: {
        fromBlock: BigInt(f.deployment.avs.deployedAtBlock),
        pollIntervalMs,
        cursorPath: join(dir, `node-${i}-cursor.json`),
        pushBackoffMs: 100,
        pushAttempts: 8,
      },
    });
  }
  store = openSqliteStore(join(dir, "aggregator.sqlite"));
  aggregator = await launch();
});

after(async () => {
  await aggregator?.close();
  for (const node of nodes) await node.close();
  for (const nodeStore of nodeStores) nodeStore.close();
  store?.close();
  await f?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a task requested on-chain through the SDK ends in a certificate verifyVerdict accepts", async () => {
  const address = f.operators[0]?.address as Address;
  const requested = await requestTaskOnChain(requester, {
    serviceManager: f.deployment.avs.serviceManager,
    engine,
    request: { address },
  });
  assert.equal(requested.taskNumber, 1n);
  assert.equal(requested.engine, engine);
  assert.equal(requested.requester, accounts().stakers[0].address);
  assert.equal(requested.referenceBlock, Number(requested.receipt.blockNumber) - 1);
  assert.deepEqual(JSON.parse(Buffer.from(requested.request.slice(2), "hex").toString("utf8")), { address });

  const task = await waitFor(idOf(address, requested.referenceBlock), (t) => t.status === "submitted");
  assert.equal(task.referenceBlock, requested.referenceBlock);
  // Quorum (≥ 2/3 of the stake) from the nodes' pushes; a node still pushing when the straggler grace
  // ends is a non-signer of the certificate, not a failure.
  const signers = (task.signers[task.verdict.responseHash] ?? []).length;
  assert.ok(signers >= 2, `signers: ${signers}`); // operators 0–2 hold most of the stake
  assert.equal(task.batch.nonSigners.length, 4 - signers);
  const verified = await client.readContract({
    address: f.deployment.avs.serviceManager,
    abi: serviceManagerAbi,
    functionName: "verifyVerdict",
    args: [
      task.batch.batchRoot,
      {
        requestHash: task.id,
        responseHash: task.verdict.responseHash,
        engineVersion: addressBasics.engineVersion,
        referenceBlock: task.referenceBlock,
      },
      task.batch.proof,
    ],
  });
  assert.equal(verified, true);

  const metrics = (await get("/metrics")).body as string;
  assert.match(metrics, /palisade_aggregator_onchain_tasks_total\{result="opened"\} 1/);
  // Every node signed once; its push was taken (or came after the certificate: 409 late).
  const until = Date.now() + 10_000;
  let accepted = 0;
  for (const node of nodes) {
    for (;;) {
      const nodeMetrics = await node.metrics.registry.metrics();
      const pushed = /palisade_node_onchain_pushes_total\{result="(accepted|rejected)"\} 1/.exec(nodeMetrics);
      if (pushed) {
        assert.match(nodeMetrics, /palisade_node_onchain_tasks_total\{result="signed"\} 1/);
        if (pushed[1] === "accepted") accepted++;
        break;
      }
      if (Date.now() > until) assert.fail(`no push:\n${nodeMetrics}`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    }
  }
  assert.ok(accepted >= signers);
});

test("invalid on-chain requests are ignored; the SDK raises the contract's named error", async () => {
  const invalid = await requestTaskOnChain(requester, {
    serviceManager: f.deployment.avs.serviceManager,
    engine,
    request: "0x7b6e6f74206a736f6e", // "{not json"
  });
  const unknown = await requestTaskOnChain(requester, {
    serviceManager: f.deployment.avs.serviceManager,
    engine: "nope@1",
    request: { address: f.operators[0]?.address },
  });
  assert.equal(unknown.taskNumber, invalid.taskNumber + 1n);
  await assert.rejects(
    requestTaskOnChain(requester, {
      serviceManager: f.deployment.avs.serviceManager,
      engine: "x".repeat(65),
      request: { address: f.operators[0]?.address },
    }),
    (error: unknown) => error instanceof ContractRevertError && error.errorName === "InvalidEngineIdLength",
  );
  await eventually(
    async () => (await get("/metrics")).body as string,
    /onchain_tasks_total\{result="invalid"\} 2/,
  );
  for (const node of nodes)
    await eventually(() => node.metrics.registry.metrics(), /onchain_tasks_total\{result="invalid"\} 2/);
});

test("the watcher cursor survives a restart: nothing missed while down, nothing reopened", async () => {
  const running = aggregator;
  assert.ok(running);
  const cursor = readCursor();
  await running.close();
  aggregator = undefined;
  store.close();

  // Requested while the aggregator is down: the restarted watcher must still see it.
  const address = f.operators[1]?.address as Address;
  const requested = await requestTaskOnChain(requester, {
    serviceManager: f.deployment.avs.serviceManager,
    engine,
    request: { address },
  });
  assert.ok(requested.receipt.blockNumber >= cursor);

  store = openSqliteStore(join(dir, "aggregator.sqlite"));
  aggregator = await launch();
  const task = await waitFor(idOf(address, requested.referenceBlock), (t) => t.status === "submitted");
  assert.ok((task.signers[task.verdict.responseHash] ?? []).length >= 2);
  assert.ok(readCursor() > requested.receipt.blockNumber);

  // Only the task requested while it was down was opened; the first one and the invalid ones were
  // behind the persisted cursor and were not read again.
  const metrics = (await get("/metrics")).body as string;
  assert.match(metrics, /palisade_aggregator_onchain_tasks_total\{result="opened"\} 1/);
  assert.doesNotMatch(metrics, /palisade_aggregator_onchain_tasks_total\{result="invalid"\}/);
  assert.match(metrics, /palisade_aggregator_tasks_total\{event="opened"\} 1/);
  assert.ok(existsSync(join(dir, "aggregator", "task-cursor.json")));
});
