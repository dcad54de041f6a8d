import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { pino } from "pino";
import { createDashboardServer } from "./server.ts";
import { createStateReader } from "./state.ts";

/** A fake upstream that records what it received and answers JSON. */
interface Upstream {
  url: string;
  requests: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[];
  server: Server;
}

async function upstream(
  answer: (path: string) => { status: number; body: unknown; headers?: Record<string, string> },
): Promise<Upstream> {
  const requests: Upstream["requests"] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    requests.push({
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      body: Buffer.concat(chunks).toString(),
    });
    const { status, body, headers } = answer(request.url ?? "");
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

const deploymentOf = (rpcUrl: string, extra: Record<string, unknown> = {}) => ({
  version: 1,
  chainId: 31337,
  rpcUrl,
  deployer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  deployedAtBlock: 1,
  contracts: {
    strategyManager: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    delegationManager: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    allocationManager: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
    rewardsCoordinator: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
  },
  strategies: {},
  delays: { withdrawalBlocks: 5, allocationBlocks: 2, deallocationBlocks: 5 },
  ...extra,
});

/** A governance section as the SDK's deployment schema wants it (the page reads governance from it). */
const governance = {
  governanceToken: "0x0000000000000000000000000000000000000001",
  governor: "0x0000000000000000000000000000000000000002",
  timelock: "0x0000000000000000000000000000000000000003",
  vetoCommittee: "0x0000000000000000000000000000000000000004",
  revenueDistributor: "0x0000000000000000000000000000000000000005",
  deployedAtBlock: 1,
};

let dir: string;
let staticDir: string;
let rpc: Upstream;
let node: Upstream;
let gateway: Upstream;
let dashboard: Server;
let base: string;
const big = `console.log(${JSON.stringify("x".repeat(5_000))});`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "palisade-dashboard-server-"));
  staticDir = join(dir, "dist");
  mkdirSync(join(staticDir, "assets"), { recursive: true });
  writeFileSync(join(staticDir, "index.html"), "<!doctype html><title>Palisade</title>");
  writeFileSync(join(staticDir, "assets", "index-abc.js"), big);
  rpc = await upstream(() => ({ status: 200, body: { jsonrpc: "2.0", id: 1, result: "0x10" } }));
  node = await upstream((path) => ({
    status: path === "/eigen/node/health" ? 206 : 200,
    body: { status: "partially healthy", reasons: ["the aggregator"] },
  }));
  gateway = await upstream(() => ({
    status: 200,
    body: { report: { verdict: "safe" } },
    headers: { "x-palisade-calls-remaining": "9", "set-cookie": "a=b" },
  }));
  writeFileSync(join(dir, "deployment.json"), JSON.stringify(deploymentOf(rpc.url, { governance })));
  writeFileSync(
    join(dir, "services.json"),
    JSON.stringify({
      services: [
        { name: "node-0", pid: 1, url: node.url },
        { name: "gateway-2", pid: 2, url: `${gateway.url}/` },
      ],
    }),
  );
  dashboard = createDashboardServer({
    readState: createStateReader({
      deploymentFile: join(dir, "deployment.json"),
      servicesFile: join(dir, "services.json"),
    }),
    staticDir,
    logger: pino({ level: "silent" }),
  });
  await new Promise<void>((ready) => dashboard.listen(0, "127.0.0.1", ready));
  base = `http://127.0.0.1:${(dashboard.address() as AddressInfo).port}`;
});

after(async () => {
  for (const server of [dashboard, rpc.server, node.server, gateway.server]) {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  }
  rmSync(dir, { recursive: true, force: true });
});

const rpcCall = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/rpc`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

test("GET /api/config: the deployment, proxy paths for the services, the devnet's named accounts", async () => {
  const response = await fetch(`${base}/api/config`);
  assert.equal(response.status, 200);
  const config = (await response.json()) as Record<string, unknown> & {
    deployment: { governance?: unknown };
    nodes: { proxy: string; url: string }[];
    gateways: { providerId: number; proxy: string; url: string }[];
    devAccounts: { name: string; index: number; address: string }[];
  };
  assert.equal(config.chainId, 31337);
  assert.deepEqual(
    config.nodes.map((entry) => entry.proxy),
    ["/api/nodes/0"],
  );
  assert.deepEqual(
    config.gateways.map((entry) => [entry.providerId, entry.proxy, entry.url]),
    [[2, "/api/gateways/2", gateway.url]],
  );
  assert.equal(config.aggregator, undefined);
  assert.equal(config.monitor, undefined);
  assert.deepEqual(config.deployment.governance, governance);
  const consumer0 = config.devAccounts.find((account) => account.name === "consumer0");
  assert.deepEqual(
    [consumer0?.index, consumer0?.address],
    [14, "0xdF3e18d64BC6A983f673Ab319CCaE4f1a57C7097"],
  );
});

test("POST /rpc forwards reads and signed transactions, refuses node signing and node control", async () => {
  const forwarded = await rpcCall({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber" });
  assert.equal(forwarded.status, 200);
  assert.deepEqual(await forwarded.json(), { jsonrpc: "2.0", id: 1, result: "0x10" });
  assert.equal(JSON.parse(rpc.requests.at(-1)?.body ?? "{}").method, "eth_blockNumber");
  const batch = await rpcCall([
    { jsonrpc: "2.0", id: 1, method: "eth_call", params: [] },
    { jsonrpc: "2.0", id: 2, method: "eth_sendRawTransaction", params: ["0x"] },
  ]);
  assert.equal(batch.status, 200);
  const seen = rpc.requests.length;
  for (const method of [
    "eth_sendTransaction",
    "eth_signTypedData_v4",
    "anvil_setBalance",
    "evm_mine",
    "debug_traceCall",
  ]) {
    const refused = await rpcCall([
      { jsonrpc: "2.0", id: 1, method: "eth_blockNumber" },
      { jsonrpc: "2.0", id: 2, method },
    ]);
    assert.equal(refused.status, 403, method);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, "method_not_forwarded");
  }
  assert.equal(rpc.requests.length, seen, "nothing refused reached the node");
  assert.equal(
    (await fetch(`${base}/rpc`, { method: "POST", body: "{}" })).status,
    415,
    "text/plain is refused",
  );
  assert.equal((await fetch(`${base}/rpc`)).status, 405);
  assert.equal(
    (
      await fetch(`${base}/rpc`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{",
      })
    ).status,
    400,
  );
});

test("a request from another site never reaches the chain or a service", async () => {
  const seen = rpc.requests.length;
  const foreign = await rpcCall(
    { jsonrpc: "2.0", id: 1, method: "eth_blockNumber" },
    { origin: "https://evil.example" },
  );
  assert.equal(foreign.status, 403);
  assert.equal(((await foreign.json()) as { error: { code: string } }).error.code, "cross_site");
  const crossSite = await rpcCall(
    { jsonrpc: "2.0", id: 1, method: "eth_blockNumber" },
    { "sec-fetch-site": "cross-site" },
  );
  assert.equal(crossSite.status, 403);
  const sameOrigin = await rpcCall(
    { jsonrpc: "2.0", id: 1, method: "eth_blockNumber" },
    { origin: base, "sec-fetch-site": "same-origin" },
  );
  assert.equal(sameOrigin.status, 200);
  assert.equal(rpc.requests.length, seen + 1);
});

test("service proxies: node GET, gateway POST with the access token; unknown services are a 404 that says what to run", async () => {
  const health = await fetch(`${base}/api/nodes/0/eigen/node/health`);
  assert.equal(health.status, 206, "the node's status passes through");
  assert.deepEqual(await health.json(), { status: "partially healthy", reasons: ["the aggregator"] });
  assert.equal(
    (await fetch(`${base}/api/nodes/0/tasks`, { method: "POST" })).status,
    405,
    "node writes are not proxied",
  );

  const call = await fetch(`${base}/api/gateways/2/v1/transaction?x=1`, {
    method: "POST",
    headers: {
      authorization: "Palisade abc",
      "content-type": "application/json",
      cookie: "secret=1",
      "x-palisade-call": "3",
    },
    body: JSON.stringify({ from: "0x1" }),
  });
  assert.equal(call.status, 200);
  assert.equal(call.headers.get("x-palisade-calls-remaining"), "9");
  assert.equal(call.headers.get("set-cookie"), null, "only the headers the page reads come back");
  const received = gateway.requests.at(-1);
  assert.equal(received?.url, "/v1/transaction?x=1");
  assert.equal(received?.headers.authorization, "Palisade abc");
  assert.equal(received?.headers["x-palisade-call"], "3");
  assert.equal(received?.headers.cookie, undefined, "the browser's cookies stay here");
  assert.equal(received?.body, '{"from":"0x1"}');

  for (const path of ["/api/gateways/9/v1/usage/1", "/api/aggregator/health", "/api/nodes/3/eigen/node"]) {
    const missing = await fetch(`${base}${path}`);
    assert.equal(missing.status, 404, path);
    const body = (await missing.json()) as { error: { code: string; details: string } };
    assert.equal(body.error.code, "unknown_service");
    assert.match(body.error.details, /npm start/);
  }
  assert.equal((await fetch(`${base}/api/nope`)).status, 404);
});

test("a service that does not answer is a 502 naming it", async () => {
  const dead = await upstream(() => ({ status: 200, body: {} }));
  dead.server.closeAllConnections();
  await new Promise((closed) => dead.server.close(closed));
  writeFileSync(
    join(dir, "services.json"),
    JSON.stringify({ services: [{ name: "aggregator", url: dead.url }] }),
  );
  utimesSync(join(dir, "services.json"), new Date(), new Date(Date.now() + 5_000));
  const response = await fetch(`${base}/api/aggregator/health`);
  assert.equal(response.status, 502);
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  assert.deepEqual([error.code, error.message], ["upstream_unavailable", "aggregator did not answer"]);
  const config = (await (await fetch(`${base}/api/config`)).json()) as {
    nodes: unknown[];
    aggregator: { proxy: string };
  };
  assert.deepEqual(config.nodes, [], "services.json is read again when it changes");
  assert.equal(config.aggregator.proxy, "/api/aggregator");
});

test("static files: gzip, long caching for hashed assets, ETag revalidation, no path escape", async () => {
  const index = await fetch(`${base}/`);
  assert.equal(index.status, 200);
  assert.equal(index.headers.get("cache-control"), "no-cache");
  assert.match(index.headers.get("content-security-policy") ?? "", /connect-src 'self'/);
  const etag = index.headers.get("etag") ?? "";
  assert.equal((await fetch(`${base}/`, { headers: { "if-none-match": etag } })).status, 304);

  const asset = await fetch(`${base}/assets/index-abc.js`, { headers: { "accept-encoding": "gzip" } });
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get("cache-control") ?? "", /immutable/);
  assert.equal(await asset.text(), big, "fetch decodes the gzip it asked for");
  // Over a raw socket the compressed bytes are what is sent.
  const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((done, fail) => {
    import("node:http").then(({ get }) =>
      get(`${base}/assets/index-abc.js`, { headers: { "accept-encoding": "gzip" } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          done({ encoding: response.headers["content-encoding"], body: Buffer.concat(chunks) }),
        );
      }).on("error", fail),
    );
  });
  assert.equal(raw.encoding, "gzip");
  assert.ok(raw.body.length < big.length / 10);
  assert.equal(gunzipSync(raw.body).toString(), big);

  assert.equal((await fetch(`${base}/assets/missing.js`)).status, 404);
  assert.equal((await fetch(`${base}/..%2f..%2fdeployment.json`)).status, 404);
  assert.equal((await fetch(`${base}/`, { method: "DELETE" })).status, 405);
});

test("missing pages and a missing deployment are 503s that say what to run", async () => {
  const empty = mkdtempSync(join(tmpdir(), "palisade-dashboard-empty-"));
  const server = createDashboardServer({
    readState: createStateReader({
      deploymentFile: join(empty, "deployment.json"),
      servicesFile: join(empty, "services.json"),
    }),
    staticDir: join(empty, "dist"),
    logger: pino({ level: "silent" }),
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const page = await fetch(`${url}/`);
    assert.equal(page.status, 503);
    assert.match(((await page.json()) as { error: { details: string } }).error.details, /npm run build/);
    const config = await fetch(`${url}/api/config`);
    assert.equal(config.status, 503);
    const body = (await config.json()) as { error: { code: string; details: string } };
    assert.equal(body.error.code, "deployment_unavailable");
    assert.match(body.error.details, /npm start/);
  } finally {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
    rmSync(empty, { recursive: true, force: true });
  }
});

test("alerts: GET /api/alerts forwards the query; /api/alerts/stream relays events as they come, with Last-Event-ID", async () => {
  const seen: { url: string; lastEventId: string | undefined }[] = [];
  let streamResponse: import("node:http").ServerResponse | undefined;
  let upstreamClosed = false;
  const alerts = createServer((request, response) => {
    seen.push({
      url: request.url ?? "",
      lastEventId: request.headers["last-event-id"] as string | undefined,
    });
    if (request.url?.startsWith("/v1/alerts/stream")) {
      response.writeHead(200, { "content-type": "text/event-stream; charset=utf-8" });
      response.write('id: 7\nevent: alert\ndata: {"seq":7}\n\n');
      streamResponse = response;
      response.once("close", () => {
        upstreamClosed = true;
      });
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ alerts: [], nextBefore: null }));
  });
  await new Promise<void>((ready) => alerts.listen(0, "127.0.0.1", ready));
  const alertsUrl = `http://127.0.0.1:${(alerts.address() as AddressInfo).port}/v1/alerts`;
  writeFileSync(
    join(dir, "services.json"),
    JSON.stringify({
      services: [{ name: "monitor", url: node.url, alerts: { log: "/tmp/alerts.jsonl", url: alertsUrl } }],
    }),
  );
  utimesSync(join(dir, "services.json"), new Date(), new Date(Date.now() + 10_000));
  try {
    const config = (await (await fetch(`${base}/api/config`)).json()) as { alerts: Record<string, unknown> };
    assert.deepEqual(config.alerts, { url: alertsUrl, proxy: "/api/alerts", log: "/tmp/alerts.jsonl" });
    const list = await fetch(`${base}/api/alerts?limit=5&severity=critical`);
    assert.equal(list.status, 200);
    assert.deepEqual(await list.json(), { alerts: [], nextBefore: null });
    assert.equal(seen.at(-1)?.url, "/v1/alerts?limit=5&severity=critical");

    const abort = new AbortController();
    const stream = await fetch(`${base}/api/alerts/stream?type=large-outflow`, {
      headers: { "last-event-id": "6" },
      signal: abort.signal,
    });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get("content-type") ?? "", /^text\/event-stream/);
    assert.deepEqual(seen.at(-1), { url: "/v1/alerts/stream?type=large-outflow", lastEventId: "6" });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    // The first event arrives while the upstream keeps the stream open: relayed, not buffered.
    while (!text.includes("\n\n")) text += decoder.decode((await reader.read()).value);
    assert.equal(text, 'id: 7\nevent: alert\ndata: {"seq":7}\n\n');
    streamResponse?.write('event: mined\ndata: {"seq":7}\n\n');
    text = "";
    while (!text.includes("\n\n")) text += decoder.decode((await reader.read()).value);
    assert.equal(text, 'event: mined\ndata: {"seq":7}\n\n');
    // The browser leaving closes the upstream request too.
    abort.abort();
    await reader.cancel().catch(() => {});
    for (let i = 0; i < 100 && !upstreamClosed; i++) await new Promise((wait) => setTimeout(wait, 20));
    assert.equal(upstreamClosed, true);

    writeFileSync(join(dir, "services.json"), JSON.stringify({ services: [] }));
    utimesSync(join(dir, "services.json"), new Date(), new Date(Date.now() + 15_000));
    const missing = await fetch(`${base}/api/alerts`);
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { error: { details: string } }).error.details, /npm start/);
  } finally {
    alerts.closeAllConnections();
    await new Promise((closed) => alerts.close(closed));
  }
});
