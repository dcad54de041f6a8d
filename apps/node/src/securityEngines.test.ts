// The operator node with the attested security engines registered (as run.ts does): POST /tasks signs
// their verdicts, and what the engines refuse comes back as a 4xx naming the problem.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { secretKeyFromIkm } from "@palisade/crypto";
import {
  builtInEngines,
  createEngineRegistry,
  decodeSecurityResponse,
  type EngineRegistry,
  flagMask,
  loadSecurityEngines,
} from "@palisade/engines";
import { openSqliteStore, type SqliteStore } from "@palisade/store";
import { type Anvil, accounts, createClients, startAnvil } from "@palisade/testkit";
import { pino } from "pino";
import { type Hex, keccak256, type PublicClient } from "viem";
import { type RunningNode, startNode } from "./node.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON, asserted field by field.
type JsonBody = any;

/** On OFAC's list for every chain (its USDT/USDC rows carry no chain id). */
const SANCTIONED = "0x983a81ca6fb1e441266d2fbcb7d8e530ac2e05a2";

let anvil: Anvil;
let dir: string;
let store: SqliteStore;
let engines: EngineRegistry;
let node: RunningNode;

before(async () => {
  anvil = await startAnvil();
  const clients = createClients(anvil.rpcUrl);
  await clients.test.mine({ blocks: 3 });
  dir = mkdtempSync(join(tmpdir(), "palisade-node-security-"));
  store = openSqliteStore(join(dir, "node.sqlite"));
  engines = createEngineRegistry([
    ...builtInEngines,
    ...(await loadSecurityEngines({ chainId: 31_337 })).engines,
  ]);
  node = await startNode({
    client: clients.public as PublicClient,
    store: store.slashingProtection,
    secretKey: secretKeyFromIkm(new Uint8Array(32).fill(9)),
    domain: { chainId: 31_337, serviceManager: "0x00000000000000000000000000000000000051e5" },
    logger: pino({ level: "silent" }),
    nodeName: "security-node",
    nodeVersion: "0.1.0",
    port: 0,
    engines,
  });
});
after(async () => {
  await node?.close();
  store?.close();
  await anvil?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function postTask(engine: string, request: Record<string, unknown>, referenceBlock = 2) {
  const full = { ...request, referenceBlock };
  const requestHash = engines.get(engine).parseRequest(full).requestHash;
  const response = await fetch(`${node.url}/tasks`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ engine, requestHash, referenceBlock, request: full }),
  });
  return { status: response.status, body: (await response.json()) as JsonBody };
}

test("the node lists the security engines and signs an address-risk@1 verdict: 2, sanctioned", async () => {
  const services = (await (await fetch(`${node.url}/eigen/node/services`)).json()) as JsonBody;
  assert.deepEqual(
    services.services
      .filter((s: { id: string }) => s.id.startsWith("engine:"))
      .map((s: { id: string }) => s.id),
    [
      "engine:address-basics@1",
      "engine:phishing@1",
      "engine:address-risk@1",
      "engine:token-risk@1",
      "engine:tx-firewall@1",
    ],
  );
  const { status, body } = await postTask("address-risk@1", { address: SANCTIONED });
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.responseHash, keccak256(body.response.response as Hex));
  const decoded = decodeSecurityResponse(body.response.response);
  assert.equal(decoded.verdict, 2);
  assert.equal(
    decoded.flags & flagMask("address-risk@1", ["sanctioned"]),
    flagMask("address-risk@1", ["sanctioned"]),
  );
  assert.equal(body.response.report.target, SANCTIONED);
});

/** POST /tasks with a request the node must refuse before it hashes anything (the hash is a dummy). */
async function refused(engine: string, request: Record<string, unknown>) {
  const response = await fetch(`${node.url}/tasks`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      engine,
      requestHash: `0x${"00".repeat(32)}`,
      referenceBlock: 2,
      request: { ...request, referenceBlock: 2 },
    }),
  });
  return { status: response.status, body: (await response.json()) as JsonBody };
}

test("refusals: other lists or chain → 400 naming them; token-risk@1 on an address without code → 422", async () => {
  const lists = await refused("address-risk@1", {
    address: SANCTIONED,
    listsVersion: `0x${"11".repeat(32)}`,
  });
  assert.equal(lists.status, 400);
  assert.equal(lists.body.error.code, "InvalidInputError");
  assert.match(lists.body.error.message, /lists version 0x1{64} differs from this node's 0x[0-9a-f]{64}/);
  assert.equal(lists.body.error.issues[0].path, "listsVersion");

  const chain = await refused("tx-firewall@1", { from: SANCTIONED, chainId: 1 });
  assert.equal(chain.status, 400);
  assert.match(chain.body.error.message, /chain id 1 differs from this node's 31337/);
  assert.equal(chain.body.error.issues[0].path, "chainId");

  const eoa = await postTask("token-risk@1", { token: accounts().stakers[0].address });
  assert.equal(eoa.status, 422, JSON.stringify(eoa.body));
  assert.equal(eoa.body.error.code, "TokenNotAContractError");
});
