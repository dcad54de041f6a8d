/**
 * Attestation actions against a real aggregator: anvil with the AVS and four registered operators
 * (avsFixture), four operator nodes and the aggregator in this process over real sockets (the
 * process-level run is apps/aggregator/src/e2e.process.test.ts).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type RunningAggregator, startAggregator } from "@palisade/aggregator/src/aggregator.ts";
import { type RunningNode, startNode } from "@palisade/node/src/node.ts";
import { openSqliteStore, type SqliteStore } from "@palisade/store";
import { type AvsFixture, accounts, avsFixture, freePort } from "@palisade/testkit";
import { pino } from "pino";
import type { Hex, PublicClient } from "viem";
import { getTask } from "./actions/attestation/getTask.ts";
import { submitTask } from "./actions/attestation/submitTask.ts";
import { verifyVerdictOnChain } from "./actions/attestation/verifyVerdictOnChain.ts";
import { waitForCertificate } from "./actions/attestation/waitForCertificate.ts";
import {
  AggregatorHttpError,
  AggregatorUnreachableError,
  TaskFailedError,
  TaskTimeoutError,
} from "./errors/attestation.ts";
import type { WriteClient } from "./internal/types.ts";

const silent = pino({ level: "silent" });
const engine = "address-basics@1";

let f: AvsFixture;
let dir: string;
const stores: SqliteStore[] = [];
const nodes: RunningNode[] = [];
const aggregators: RunningAggregator[] = [];
let aggregatorUrl: string;

function launchAggregator(
  name: string,
  settings: { deadlineMs: number; nodeUrls?: readonly string[] },
): Promise<RunningAggregator> {
  const store = openSqliteStore(join(dir, `${name}.sqlite`));
  stores.push(store);
  return startAggregator({
    client: f.clients.public as PublicClient,
    wallet: f.clients.wallet(accounts().deployer) as unknown as WriteClient,
    store: store.pendingSignatures,
    dataDir: join(dir, name),
    domain: { chainId: f.deployment.chainId, serviceManager: f.deployment.avs.serviceManager },
    operatorRegistry: f.deployment.avs.operatorRegistry,
    fromBlock: f.deployment.avs.deployedAtBlock,
    settings: {
      deadlineMs: settings.deadlineMs,
      nodeTimeoutMs: 3_000,
      confirmations: 1,
      batchSize: 1,
      batchIntervalMs: 50,
      nodeUrls: settings.nodeUrls,
    },
    logger: silent,
    port: 0,
  }).then((aggregator) => {
    aggregators.push(aggregator);
    return aggregator;
  });
}

before(async () => {
  const ports = await Promise.all([0, 1, 2, 3].map(() => freePort()));
  f = await avsFixture({ nodeUrls: ports.map((port) => `http://127.0.0.1:${port}`) });
  // The reference block (latest − 1) must see the landed stakes.
  await f.clients.test.mine({ blocks: 2 });
  dir = mkdtempSync(join(tmpdir(), "palisade-sdk-attestation-"));
  for (const [i, operator] of f.operators.entries()) {
    const store = openSqliteStore(join(dir, `node-${i}.sqlite`));
    stores.push(store);
    nodes.push(
      await startNode({
        client: f.clients.public as PublicClient,
        store: store.slashingProtection,
        secretKey: operator.secretKey,
        domain: { chainId: f.deployment.chainId, serviceManager: f.deployment.avs.serviceManager },
        logger: silent,
        nodeName: `node-${i}`,
        nodeVersion: "0.1.0",
        port: ports[i] ?? 0,
      }),
    );
  }
  aggregatorUrl = (await launchAggregator("aggregator", { deadlineMs: 30_000 })).url;
});

after(async () => {
  for (const aggregator of aggregators) await aggregator.close();
  for (const node of nodes) await node.close();
  for (const store of stores) store.close();
  await f?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("submitTask → waitForCertificate → verifyVerdictOnChain", async () => {
  const opened = await submitTask(aggregatorUrl, {
    engine,
    request: { address: accounts().stakers[0].address },
  });
  assert.match(opened.id, /^0x[0-9a-f]{64}$/);
  assert.ok(["open", "final", "batched", "submitted"].includes(opened.status));
  // The same request at the same block is the same task.
  const again = await getTask(aggregatorUrl, opened.id);
  assert.equal(again.id, opened.id);
  assert.equal(again.referenceBlock, opened.referenceBlock);

  const done = await waitForCertificate(aggregatorUrl, opened.id, { timeoutMs: 20_000, pollMs: 50 });
  assert.equal(done.status, "submitted");
  assert.match(done.batch.txHash, /^0x[0-9a-f]{64}$/);
  assert.deepEqual(done.batch.proof, []); // a batch of one
  assert.deepEqual(done.batch.nonSigners, []);
  assert.equal(done.signers[done.verdict.responseHash]?.length, 4);
  // The verdict's stake is counted when quorum is reached (2/3 by default), not after the last signer.
  assert.ok(done.verdict.signedStake * 3n >= done.verdict.totalStake * 2n);

  const verdict = {
    requestHash: done.id,
    responseHash: done.verdict.responseHash,
    engineVersion: done.engineVersion,
    referenceBlock: done.referenceBlock,
  };
  const serviceManager = f.deployment.avs.serviceManager;
  const client = f.clients.public;
  assert.equal(
    await verifyVerdictOnChain(client, {
      serviceManager,
      batchRoot: done.batch.batchRoot,
      verdict,
      proof: [],
    }),
    true,
  );
  // Another response, or a root never certified, is false (not an error).
  const other = `0x${"ab".repeat(32)}` as Hex;
  assert.equal(
    await verifyVerdictOnChain(client, {
      serviceManager,
      batchRoot: done.batch.batchRoot,
      verdict: { ...verdict, responseHash: other },
      proof: [],
    }),
    false,
  );
  assert.equal(
    await verifyVerdictOnChain(client, { serviceManager, batchRoot: other, verdict, proof: [] }),
    false,
  );
});

test("HTTP failures are named errors carrying the server's code and message", async () => {
  const invalid = await submitTask(aggregatorUrl, { engine, request: { address: "0x12" } }).catch(
    (error: unknown) => error,
  );
  assert.ok(invalid instanceof AggregatorHttpError, String(invalid));
  assert.equal(invalid.status, 400);
  assert.equal(invalid.code, "InvalidInputError");

  const unknownEngine = await submitTask(aggregatorUrl, { engine: "nope@1", request: {} }).catch(
    (error: unknown) => error,
  );
  assert.ok(unknownEngine instanceof AggregatorHttpError);
  assert.equal(unknownEngine.code, "UnknownEngineError");

  const missing = await getTask(aggregatorUrl, `0x${"00".repeat(32)}`).catch((error: unknown) => error);
  assert.ok(missing instanceof AggregatorHttpError);
  assert.equal(missing.status, 404);
  assert.equal(missing.code, "TaskNotFoundError");
  assert.match(missing.shortMessage, /404 TaskNotFoundError: no task 0x0{64}/);

  const down = `http://127.0.0.1:${await freePort()}`;
  await assert.rejects(getTask(down, `0x${"00".repeat(32)}`), AggregatorUnreachableError);
});

test("waitForCertificate: TaskTimeoutError while the task is open, TaskFailedError once it failed", async () => {
  // An aggregator that asks a node nobody runs: no signature arrives, the task fails at its deadline.
  const lonely = await launchAggregator("lonely", {
    deadlineMs: 1_500,
    nodeUrls: [`http://127.0.0.1:${await freePort()}`],
  });
  const opened = await submitTask(lonely.url, {
    engine,
    request: { address: accounts().stakers[1].address },
  });
  const timedOut = await waitForCertificate(lonely.url, opened.id, { timeoutMs: 200, pollMs: 50 }).catch(
    (error: unknown) => error,
  );
  assert.ok(timedOut instanceof TaskTimeoutError, String(timedOut));
  assert.equal(timedOut.lastStatus, "open");

  const failed = await waitForCertificate(lonely.url, opened.id, { timeoutMs: 10_000, pollMs: 50 }).catch(
    (error: unknown) => error,
  );
  assert.ok(failed instanceof TaskFailedError, String(failed));
  assert.match(failed.reason, /quorum not reached/);
});
