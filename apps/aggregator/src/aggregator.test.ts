import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { serviceManagerAbi } from "@palisade/abis";
import { attestationDigest, encodeG2, secretKeyFromIkm, sign, verdictLeaf } from "@palisade/crypto";
import { addressBasics } from "@palisade/engines";
import { type RunningNode, startNode } from "@palisade/node/src/node.ts";
import type { WriteClient } from "@palisade/sdk";
import { openSqliteStore, type SqliteStore } from "@palisade/store";
import { type AvsFixture, accounts, avsFixture, freePort } from "@palisade/testkit";
import { pino } from "pino";
import { bytesToHex, type Hex, type PublicClient } from "viem";
import { type RunningAggregator, startAggregator } from "./aggregator.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON, asserted field by field.
type JsonBody = any;

const silent = pino({ level: "silent" });
const engine = "address-basics@1";

let f: AvsFixture;
let client: PublicClient;
let ports: number[];
const nodes: (RunningNode | undefined)[] = [];
const nodeStores: SqliteStore[] = [];
let dir: string;
let store: SqliteStore;
let aggregator: RunningAggregator;

async function startOperatorNode(i: number) {
  const operator = f.operators[i];
  const port = ports[i];
  const nodeStore = nodeStores[i];
  assert.ok(operator && port !== undefined && nodeStore);
  nodes[i] = await startNode({
    client,
    store: nodeStore.slashingProtection,
    secretKey: operator.secretKey,
    domain: { chainId: f.deployment.chainId, serviceManager: f.deployment.avs.serviceManager },
    logger: silent,
    nodeName: `node-${i}`,
    nodeVersion: "0.1.0",
    port,
  });
}

async function stopOperatorNode(i: number) {
  await nodes[i]?.close();
  nodes[i] = undefined;
}

function launch(settings: { batchSize?: number; batchIntervalMs?: number } = {}) {
  return startAggregator({
    client,
    wallet: f.clients.wallet(accounts().deployer) as unknown as WriteClient,
    store: store.pendingSignatures,
    dataDir: dir,
    domain: { chainId: f.deployment.chainId, serviceManager: f.deployment.avs.serviceManager },
    operatorRegistry: f.deployment.avs.operatorRegistry,
    fromBlock: f.deployment.avs.deployedAtBlock,
    settings: {
      deadlineMs: 30_000,
      nodeTimeoutMs: 3_000,
      confirmations: 1,
      batchSize: settings.batchSize ?? 1,
      batchIntervalMs: settings.batchIntervalMs ?? 50,
    },
    logger: silent,
    port: 0,
  });
}

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: JsonBody }> {
  const response = await fetch(`${aggregator.url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text.startsWith("{") ? JSON.parse(text) : text };
}

async function waitFor(id: string, done: (task: JsonBody) => boolean, timeoutMs = 20_000): Promise<JsonBody> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await call("GET", `/v1/tasks/${id}`);
    if (done(body)) return body;
    if (Date.now() > until) assert.fail(`task ${id} timed out: ${JSON.stringify(body)}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

async function verifyOnChain(task: JsonBody): Promise<boolean> {
  return client.readContract({
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
}

const signerCount = (task: JsonBody) => (task.signers[task.verdict?.responseHash ?? ""] ?? []).length;

before(async () => {
  ports = await Promise.all([0, 1, 2, 3].map(() => freePort()));
  f = await avsFixture({ nodeUrls: ports.map((port) => `http://127.0.0.1:${port}`) });
  client = f.clients.public as PublicClient;
  // The reference block (latest − 1) must see the landed stakes.
  await f.clients.test.mine({ blocks: 2 });
  dir = mkdtempSync(join(tmpdir(), "palisade-aggregator-"));
  for (const i of [0, 1, 2, 3]) {
    nodeStores[i] = openSqliteStore(join(dir, `node-${i}.sqlite`));
    await startOperatorNode(i);
  }
  store = openSqliteStore(join(dir, "aggregator.sqlite"));
  aggregator = await launch();
});

after(async () => {
  await aggregator?.close();
  for (const i of [0, 1, 2, 3]) await stopOperatorNode(i);
  for (const nodeStore of nodeStores) nodeStore.close();
  store?.close();
  await f?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a task reaches quorum, its batch of one lands on-chain and verifyVerdict holds", async () => {
  const opened = await call("POST", "/v1/tasks", { engine, request: { address: f.operators[0]?.address } });
  assert.equal(opened.status, 202, JSON.stringify(opened.body));
  assert.match(opened.body.id, /^0x[0-9a-f]{64}$/);
  const task = await waitFor(opened.body.id, (t) => t.status === "submitted");
  assert.equal(signerCount(task), 4);
  assert.match(task.batch.txHash, /^0x[0-9a-f]{64}$/);
  assert.deepEqual(task.batch.proof, []); // a batch of one: root = leaf
  assert.equal(
    task.batch.batchRoot,
    verdictLeaf({
      requestHash: task.id,
      responseHash: task.verdict.responseHash,
      engineVersion: addressBasics.engineVersion,
      referenceBlock: task.referenceBlock,
    }),
  );
  assert.deepEqual(task.batch.nonSigners, []);
  assert.equal(await verifyOnChain(task), true);
  const metrics = (await call("GET", "/metrics")).body as string;
  assert.match(metrics, /palisade_aggregator_signatures_accepted_total\{kind="task"\} 4/);
  assert.match(metrics, /palisade_aggregator_batches_total\{status="submitted"\} 1/);
  assert.match(metrics, /palisade_aggregator_batch_gas_used_count 1/);
  // Opening the same request at the same block again is the same task.
  assert.equal((await call("GET", "/health")).status, 200);
});

test("an invalid signature is rejected and counted; a duplicate is idempotent", async () => {
  const opened = await call("POST", "/v1/tasks", { engine, request: { address: f.operators[1]?.address } });
  const task = await waitFor(opened.body.id, (t) => t.status === "submitted");
  const operator = f.operators[1];
  assert.ok(operator);
  const digest = attestationDigest({
    chainId: f.deployment.chainId,
    serviceManager: f.deployment.avs.serviceManager,
    batchRoot: task.batch.batchRoot,
    referenceBlock: task.referenceBlock,
  });
  const claim = {
    pubkeyHash: operator.pubkeyHash,
    requestHash: task.id,
    responseHash: task.verdict.responseHash,
  };
  // Signed by another key while claiming operator 1's.
  const forged = bytesToHex(encodeG2(sign(secretKeyFromIkm(new Uint8Array(32).fill(99)), digest)));
  const invalid = await call("POST", `/v1/tasks/${task.id}/signatures`, { ...claim, signature: forged });
  assert.equal(invalid.status, 422);
  assert.equal(invalid.body.error.reason, "invalid_signature");
  const garbled = await call("POST", `/v1/tasks/${task.id}/signatures`, { ...claim, signature: "0x1234" });
  assert.equal(garbled.status, 400);
  assert.equal(garbled.body.error.reason, "bad_encoding");
  const notOnCurve = await call("POST", `/v1/tasks/${task.id}/signatures`, {
    ...claim,
    signature: `0x${"11".repeat(256)}`,
  });
  assert.equal(notOnCurve.body.error.reason, "bad_encoding");

  // The node's own answer again (BLS is deterministic): idempotent, the store does not grow.
  const before = (await store.pendingSignatures.listSignatures(digest)).length;
  const again = await fetch(`http://127.0.0.1:${ports[1]}/tasks`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      engine,
      requestHash: task.id,
      referenceBlock: task.referenceBlock,
      request: task.request,
    }),
  }).then((response) => response.json());
  const duplicate = await call("POST", `/v1/tasks/${task.id}/signatures`, again);
  assert.equal(duplicate.status, 200, JSON.stringify(duplicate.body));
  assert.equal(duplicate.body.created, false);
  assert.equal((await store.pendingSignatures.listSignatures(digest)).length, before);

  const metrics = (await call("GET", "/metrics")).body as string;
  assert.match(metrics, /signatures_rejected_total\{kind="task",reason="invalid_signature"\} 1/);
  assert.match(metrics, /signatures_rejected_total\{kind="task",reason="bad_encoding"\} 2/);
  assert.match(metrics, /signatures_duplicate_total\{kind="task"\} 1/);
  assert.equal((await call("GET", `/v1/tasks/0x${"00".repeat(32)}`)).status, 404);
  assert.equal((await call("POST", "/v1/tasks", { engine: "nope@1", request: {} })).status, 400);
  assert.equal((await call("POST", "/v1/tasks", { engine, request: { address: "0x12" } })).status, 400);
});

test("one node down: the certificate lands with the others and lists the non-signer", async () => {
  await stopOperatorNode(0);
  const opened = await call("POST", "/v1/tasks", { engine, request: { address: f.operators[2]?.address } });
  const task = await waitFor(opened.body.id, (t) => t.status === "submitted" || t.status === "failed");
  assert.equal(task.status, "submitted", JSON.stringify(task));
  assert.equal(signerCount(task), 3);
  assert.deepEqual(task.batch.nonSigners, [f.operators[0]?.address]);
  assert.equal(await verifyOnChain(task), true);
  await startOperatorNode(0);
});

test("an aggregator restarted mid-task keeps the accepted signatures and finishes the task", async () => {
  // Operators 0 and 1 hold 15 of 50: below the 2/3 quorum, so the task stays open.
  await stopOperatorNode(2);
  await stopOperatorNode(3);
  const opened = await call("POST", "/v1/tasks", { engine, request: { address: f.operators[3]?.address } });
  const open = await waitFor(opened.body.id, (t) => Object.values(t.signers).flat().length === 2);
  assert.equal(open.status, "open");
  const responseHash = Object.keys(open.signers)[0] as Hex;
  const digest = attestationDigest({
    chainId: f.deployment.chainId,
    serviceManager: f.deployment.avs.serviceManager,
    batchRoot: verdictLeaf({
      requestHash: open.id,
      responseHash,
      engineVersion: addressBasics.engineVersion,
      referenceBlock: open.referenceBlock,
    }),
    referenceBlock: open.referenceBlock,
  });
  const stored = await store.pendingSignatures.listSignatures(digest);
  assert.equal(stored.length, 2);

  // Crash-like restart: the aggregator and its database go away, then come back on the same data dir.
  await aggregator.close();
  store.close();
  store = openSqliteStore(join(dir, "aggregator.sqlite"));
  assert.deepEqual(await store.pendingSignatures.listSignatures(digest), stored);
  await startOperatorNode(2);
  await startOperatorNode(3);
  aggregator = await launch();
  const task = await waitFor(opened.body.id, (t) => t.status === "submitted");
  assert.equal(signerCount(task), 4);
  const after = await store.pendingSignatures.listSignatures(digest);
  assert.equal(after.length, 4);
  assert.deepEqual(after.slice(0, 2), stored); // the two from before the restart, untouched
  assert.equal(await verifyOnChain(task), true);
});

test("several verdicts share one batch: the nodes sign the root, each verdict verifies with its proof", async () => {
  await aggregator.close();
  aggregator = await launch({ batchSize: 3, batchIntervalMs: 60_000 });
  const addresses = [
    accounts().stakers[0].address,
    accounts().stakers[1].address,
    accounts().stakers[2].address,
  ];
  const ids: string[] = [];
  for (const address of addresses)
    ids.push((await call("POST", "/v1/tasks", { engine, request: { address } })).body.id);
  const tasks = await Promise.all(
    ids.map((id) => waitFor(id, (t) => t.status === "submitted" || t.status === "failed")),
  );
  const roots = new Set(tasks.map((t) => t.batch?.batchRoot));
  assert.equal(roots.size, 1, JSON.stringify(tasks.map((t) => [t.status, t.error])));
  for (const task of tasks) {
    assert.equal(task.batch.verdictCount, 3);
    assert.ok(task.batch.proof.length > 0);
    assert.equal(await verifyOnChain(task), true);
  }
  // Submitted once: the root is on-chain and the journal says submitted.
  const onChain = await client.readContract({
    address: f.deployment.avs.serviceManager,
    abi: serviceManagerAbi,
    functionName: "getBatch",
    args: [tasks[0].batch.batchRoot],
  });
  assert.equal(onChain.verdictCount, 3);

  // A crash between sending and recording the receipt: the journal says "sent". The restarted
  // aggregator finds the root on-chain and finishes the batch without a second transaction.
  const root = tasks[0].batch.batchRoot as Hex;
  const path = join(dir, "batches", `${root}.json`);
  const record = JSON.parse(readFileSync(path, "utf8"));
  writeFileSync(path, JSON.stringify({ ...record, status: "sent", gasUsed: undefined }));
  for (const id of ids) {
    const taskPath = join(dir, "tasks", `${id}.json`);
    writeFileSync(
      taskPath,
      JSON.stringify({ ...JSON.parse(readFileSync(taskPath, "utf8")), status: "batched" }),
    );
  }
  const nonce = await client.getTransactionCount({ address: accounts().deployer.address });
  await aggregator.close();
  aggregator = await launch();
  for (const id of ids) await waitFor(id, (t) => t.status === "submitted");
  assert.equal(await client.getTransactionCount({ address: accounts().deployer.address }), nonce);
  assert.equal(JSON.parse(readFileSync(path, "utf8")).status, "submitted");
});

test("urgent: certified alone as soon as final, while a plain task waits for its batch; asked again as urgent, the plain one goes too", async () => {
  await aggregator.close();
  // A batch of ten or ten minutes: nothing plain is submitted during this test.
  aggregator = await launch({ batchSize: 10, batchIntervalMs: 600_000 });
  const plain = await call("POST", "/v1/tasks", {
    engine,
    request: { address: accounts().attacker.address },
  });
  assert.equal(plain.body.urgent, false);
  const urgent = await call("POST", "/v1/tasks", {
    engine,
    request: { address: accounts().pauser.address },
    urgent: true,
  });
  assert.equal(urgent.status, 202, JSON.stringify(urgent.body));
  assert.equal(urgent.body.urgent, true);
  const done = await waitFor(urgent.body.id, (t) => t.status === "submitted" || t.status === "failed");
  assert.equal(done.status, "submitted", JSON.stringify(done));
  assert.equal(done.batch.verdictCount, 1);
  assert.deepEqual(done.batch.proof, []);
  assert.equal(await verifyOnChain(done), true);
  const waiting = await waitFor(plain.body.id, (t) => t.status === "final");
  assert.equal(waiting.batch, null, "the plain task is still queued for its batch");

  // The same request at the same block again, now urgent (an engine pinning its own block, such as
  // monitor-alert@1, gets this from a plain repeat): the queued task is cut into a batch of its own.
  const again = await aggregator.tasks.open(
    engine,
    { address: accounts().attacker.address },
    waiting.referenceBlock,
    { urgent: true },
  );
  assert.equal(again.id, plain.body.id, "the same task");
  const expedited = await waitFor(plain.body.id, (t) => t.status === "submitted" || t.status === "failed");
  assert.equal(expedited.status, "submitted", JSON.stringify(expedited));
  assert.equal(expedited.batch.verdictCount, 1);
  assert.equal(await verifyOnChain(expedited), true);
  assert.equal((await call("POST", "/v1/tasks", { engine, request: {}, urgent: "yes" })).status, 400);
});
