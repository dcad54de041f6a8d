import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  attestationDigest,
  buildMerkleTree,
  decodeG1,
  decodeG2,
  secretKeyFromIkm,
  verdictLeaf,
  verify,
} from "@palisade/crypto";
import { addressBasics } from "@palisade/engines";
import { openSqliteStore, type SqliteStore } from "@palisade/store";
import { type Anvil, accounts, createClients, freePort, startAnvil } from "@palisade/testkit";
import { pino } from "pino";
import { createPublicClient, type Hex, hexToBytes, http, type PublicClient } from "viem";
import { type RunningNode, startNode } from "./node.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON, asserted field by field.
type JsonBody = any;

const serviceManager = "0x00000000000000000000000000000000000051e5";
const secretKey = secretKeyFromIkm(new Uint8Array(32).fill(7));
const silent = pino({ level: "silent" });

let anvil: Anvil;
let client: PublicClient;
let dir: string;
let store: SqliteStore;
let node: RunningNode;
let aggregator: Server;
let aggregatorUrl: string;

before(async () => {
  anvil = await startAnvil();
  client = createClients(anvil.rpcUrl).public as PublicClient;
  await createClients(anvil.rpcUrl).test.mine({ blocks: 5 });
  dir = mkdtempSync(join(tmpdir(), "palisade-node-"));
  store = openSqliteStore(join(dir, "node.sqlite"));
  // A stand-in aggregator: the health check only needs something answering HTTP.
  aggregator = createServer((_, response) => response.end("ok"));
  await new Promise<void>((resolveListen) => aggregator.listen(0, "127.0.0.1", resolveListen));
  aggregatorUrl = `http://127.0.0.1:${(aggregator.address() as AddressInfo).port}`;
  node = await startNode({
    client,
    store: store.slashingProtection,
    secretKey,
    domain: { chainId: 31_337, serviceManager },
    logger: silent,
    nodeName: "test-node",
    nodeVersion: "0.1.0",
    aggregatorUrl,
    port: 0,
  });
});
after(async () => {
  await node?.close();
  store?.close();
  await new Promise((resolveClose) => aggregator?.close(resolveClose));
  await anvil?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
  };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const response = await fetch(`${node.url}${path}`, init);
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  return {
    status: response.status,
    json: type.includes("json") ? (JSON.parse(text) as JsonBody) : undefined,
    text,
  };
}

async function signedCount(): Promise<number> {
  const metric = await node.metrics.tasksSigned.get();
  return metric.values.reduce((sum, value) => sum + value.value, 0);
}
async function refusedCount(reason: string): Promise<number> {
  const metric = await node.metrics.tasksRefused.get();
  return metric.values.find((value) => value.labels.reason === reason)?.value ?? 0;
}

function task(address: string, referenceBlock: number) {
  const request = { address, referenceBlock };
  return {
    engine: addressBasics.id,
    requestHash: addressBasics.parseRequest(request).requestHash,
    referenceBlock,
    request,
  };
}

test("GET /eigen/node names the node, the spec version and the node version", async () => {
  const { status, json } = await call("GET", "/eigen/node");
  assert.equal(status, 200);
  assert.deepEqual(json, { node_name: "test-node", spec_version: "v0.0.1", node_version: "0.1.0" });
});

test("GET /eigen/node/health is 200 when the RPC, the store and the aggregator answer", async () => {
  const { status, json } = await call("GET", "/eigen/node/health");
  assert.equal(status, 200);
  assert.deepEqual(json, { status: "healthy", reasons: [] });
});

test("GET /eigen/node/services lists RPC, store, aggregator and engines, all Up", async () => {
  const { status, json } = await call("GET", "/eigen/node/services");
  assert.equal(status, 200);
  const services = json?.services as { id: string; name: string; description: string; status: string }[];
  assert.deepEqual(
    services.map((s) => [s.id, s.status]),
    [
      ["rpc", "Up"],
      ["store", "Up"],
      ["aggregator", "Up"],
      ["engine:address-basics@1", "Up"],
    ],
  );
  for (const service of services) assert.ok(service.name && service.description);
});

test("POST /tasks signs the verdict; the same task again gives the same signature; it verifies with blst", async () => {
  const { stakers } = accounts();
  const body = task(stakers[0].address, 3);
  const before = await signedCount();
  const first = await call("POST", "/tasks", body);
  assert.equal(first.status, 200, first.text);
  const second = await call("POST", "/tasks", body);
  assert.equal(second.status, 200);
  assert.equal(first.json?.alreadySigned, false);
  assert.equal(second.json?.alreadySigned, true);
  assert.equal(second.json?.signature, first.json?.signature);
  assert.equal(await signedCount(), before + 2);

  const result = first.json as JsonBody;
  assert.equal(hexToBytes(result.signature as Hex).length, 256, "on-chain G2 form");
  assert.equal(hexToBytes(result.publicKey as Hex).length, 128, "on-chain G1 form");
  const expected = await addressBasics.run(client, addressBasics.parseRequest(body.request));
  assert.equal(result.responseHash, expected.responseHash);
  assert.deepEqual(result.response, expected.json);
  // The digest is the ADR 0003 attestation over a batch of one (root = leaf).
  const leaf = verdictLeaf({
    requestHash: body.requestHash,
    responseHash: expected.responseHash,
    engineVersion: addressBasics.engineVersion,
    referenceBlock: 3,
  });
  assert.equal(result.batchRoot, leaf);
  const digest = attestationDigest({ chainId: 31_337, serviceManager, batchRoot: leaf, referenceBlock: 3 });
  assert.equal(result.digest, digest);
  const publicKey = decodeG1(hexToBytes(result.publicKey as Hex));
  const signature = decodeG2(hexToBytes(result.signature as Hex));
  assert.ok(verify(digest, publicKey, signature));
  assert.ok(verify(digest, secretKey.toPublicKey(), signature));

  const recorded = await store.slashingProtection.getSignature(body.requestHash);
  assert.equal(recorded?.responseHash, expected.responseHash);
});

test("a conflicting response for a recorded request is refused with 409 and signs nothing", async () => {
  const { stakers } = accounts();
  const body = task(stakers[1].address, 4);
  // What this node signed earlier (say, before its RPC was swapped for a lying one).
  const earlier = `0x${"ee".repeat(32)}` as Hex;
  await store.slashingProtection.recordSignature({
    requestHash: body.requestHash,
    responseHash: earlier,
    referenceBlock: 4,
    signedAt: 1,
  });
  const signedBefore = await signedCount();
  const refusedBefore = await refusedCount("conflict");
  const { status, json } = await call("POST", "/tasks", body);
  assert.equal(status, 409);
  assert.equal(json?.error.code, "ConflictingSignatureError");
  assert.equal(await signedCount(), signedBefore, "signed counter did not move");
  assert.equal(await refusedCount("conflict"), refusedBefore + 1);
  assert.equal((await store.slashingProtection.getSignature(body.requestHash))?.responseHash, earlier);
});

test("POST /batches signs a batch root only when every verdict is this node's", async () => {
  const { stakers, operators } = accounts();
  const requests = [
    { address: stakers[2].address, referenceBlock: 2 },
    { address: operators[0].address, referenceBlock: 3 },
  ];
  const verdicts = await Promise.all(
    requests.map(async (request) => {
      const parsed = addressBasics.parseRequest(request);
      const result = await addressBasics.run(client, parsed);
      return {
        engine: addressBasics.id,
        request,
        responseHash: result.responseHash,
        requestHash: parsed.requestHash,
      };
    }),
  );
  const leaves = verdicts.map((v) =>
    verdictLeaf({
      requestHash: v.requestHash,
      responseHash: v.responseHash,
      engineVersion: addressBasics.engineVersion,
      referenceBlock: v.request.referenceBlock,
    }),
  );
  const batchRoot = buildMerkleTree(leaves).root;

  const ok = await call("POST", "/batches", { batchRoot, referenceBlock: 5, verdicts });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json?.verdicts, 2);
  const digest = attestationDigest({ chainId: 31_337, serviceManager, batchRoot, referenceBlock: 5 });
  assert.ok(verify(digest, secretKey.toPublicKey(), decodeG2(hexToBytes(ok.json?.signature as Hex))));

  // A verdict with another response: refused (409), nothing signed.
  const signedBefore = await signedCount();
  const lying = verdicts.map((v, i) => (i === 1 ? { ...v, responseHash: `0x${"ab".repeat(32)}` } : v));
  const wrong = await call("POST", "/batches", { batchRoot, referenceBlock: 5, verdicts: lying });
  assert.equal(wrong.status, 409);
  assert.equal(wrong.json?.error.code, "VerdictMismatchError");
  // A root that is not the verdicts' root: 422.
  const badRoot = await call("POST", "/batches", { batchRoot: leaves[0], referenceBlock: 5, verdicts });
  assert.equal(badRoot.status, 422);
  assert.equal(badRoot.json?.error.code, "BatchRootMismatchError");
  assert.equal(await signedCount(), signedBefore);
});

test("bad requests get clear 4xx errors", async () => {
  const { stakers } = accounts();
  const good = task(stakers[0].address, 3);
  const cases: [string, unknown, number, string, Record<string, string>?][] = [
    ["not json", "{", 400, "InvalidJson"],
    ["missing fields", { engine: "address-basics@1" }, 400, "InvalidInputError"],
    ["extra field", { ...good, extra: true }, 400, "InvalidInputError"],
    ["bad address", { ...good, request: { address: "0x1", referenceBlock: 3 } }, 400, "InvalidInputError"],
    ["unknown engine", { ...good, engine: "nope@1" }, 400, "UnknownEngineError"],
    ["hash mismatch", { ...good, requestHash: `0x${"00".repeat(32)}` }, 422, "RequestHashMismatchError"],
    ["block mismatch", { ...good, referenceBlock: 2 }, 400, "InvalidInputError"],
    ["future block", task(stakers[0].address, 1_000_000), 422, "ReferenceBlockNotReachedError"],
    [
      "wrong content type",
      JSON.stringify(good),
      415,
      "UnsupportedMediaType",
      { "content-type": "text/plain" },
    ],
  ];
  for (const [name, body, status, code, headers] of cases) {
    const response = await call("POST", "/tasks", body, headers);
    assert.equal(response.status, status, `${name}: ${response.text}`);
    assert.equal(response.json?.error.code, code, name);
    assert.ok(response.json?.error.message, name);
  }
  const missing = await call("POST", "/tasks", { engine: "address-basics@1" });
  assert.ok(((missing.json?.error.issues ?? []) as unknown[]).length >= 2, "every issue is listed");
  assert.equal((await call("GET", "/nowhere")).status, 404);
  const wrongMethod = await call("GET", "/tasks");
  assert.equal(wrongMethod.status, 405);
});

test("GET /metrics exposes eigen_performance_score, task counters and the signing latency histogram", async () => {
  const { status, text } = await call("GET", "/metrics");
  assert.equal(status, 200);
  assert.match(text, /^eigen_performance_score 100$/m);
  assert.match(text, /^palisade_node_tasks_signed_total\{engine="address-basics@1",kind="task"\} \d+$/m);
  assert.match(text, /^palisade_node_tasks_refused_total\{reason="conflict"\} 1$/m);
  assert.match(text, /^palisade_node_signing_latency_seconds_bucket\{le="0.1",kind="task"\} \d+$/m);
});

test("health is 206 when the aggregator is unreachable and 503 when the RPC is", async () => {
  const closedPort = await freePort();
  const partial = await startNode({
    client,
    store: store.slashingProtection,
    secretKey,
    domain: { chainId: 31_337, serviceManager },
    logger: silent,
    nodeName: "partial",
    nodeVersion: "0.1.0",
    aggregatorUrl: `http://127.0.0.1:${closedPort}`,
    port: 0,
  });
  const deadRpc = createPublicClient({
    transport: http(`http://127.0.0.1:${closedPort}`, { retryCount: 0 }),
  }) as PublicClient;
  const unhealthy = await startNode({
    client: deadRpc,
    store: store.slashingProtection,
    secretKey,
    domain: { chainId: 31_337, serviceManager },
    logger: silent,
    nodeName: "unhealthy",
    nodeVersion: "0.1.0",
    port: 0,
  });
  try {
    const partialHealth = await fetch(`${partial.url}/eigen/node/health`);
    assert.equal(partialHealth.status, 206);
    const partialBody = (await partialHealth.json()) as { status: string; reasons: string[] };
    assert.equal(partialBody.status, "partially healthy");
    assert.match(partialBody.reasons[0] ?? "", /^aggregator: /);
    assert.match(await (await fetch(`${partial.url}/metrics`)).text(), /^eigen_performance_score 50$/m);

    const deadHealth = await fetch(`${unhealthy.url}/eigen/node/health`);
    assert.equal(deadHealth.status, 503);
    assert.match(((await deadHealth.json()) as { reasons: string[] }).reasons[0] ?? "", /^rpc: /);
    const services = (await (await fetch(`${unhealthy.url}/eigen/node/services`)).json()) as {
      services: { id: string; status: string }[];
    };
    assert.deepEqual(
      services.services.map((s) => [s.id, s.status]),
      [
        ["rpc", "Down"],
        ["store", "Up"],
        ["engine:address-basics@1", "Down"],
      ],
    );
    assert.match(await (await fetch(`${unhealthy.url}/metrics`)).text(), /^eigen_performance_score 0$/m);
  } finally {
    await partial.close();
    await unhealthy.close();
  }
});
