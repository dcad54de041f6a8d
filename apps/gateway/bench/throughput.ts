// Throughput of the gateway's REST routes — token auth, rate limiter, input parsing, durable metering
// and the engine — against the same engine behind a bare node:http server, in one run.
// Run: npm run bench:gateway [-- --duration 10 --connections 50 --routes phishing,address --batch 1000 --write]
//
// For each route, two servers are started as child processes (bench/server.ts) and driven by
// autocannon from this process on 127.0.0.1 (keep-alive, N connections, a warm-up then a timed run):
// **bare** — node:http running the engine on the request's input and answering `{ engine, report }`;
// **gateway** — the real gateway (createGatewayServer) with the rate limiter on (at 1,000,000 req/s, so
// it is paid for but never refuses), the route's input parsing, the access guard over a static purchase
// source (one purchase of 1,000,000 calls per route, no chain for purchases), batch access tokens (one
// pre-signed token per `--batch` calls, each request naming its own call in X-Palisade-Call) and
// durable SQLite metering (WAL, synchronous=FULL, group commit) on a temp file. Every request is a
// different call; inputs rotate over a fixed list. After each gateway run the file is opened and its
// recorded calls must equal the 2xx answers (exact metering under load).
// Routes: `phishing` (pure: no chain) and `address` (address-risk@1 reading a local anvil: ~6 RPCs per
// call, so it runs with fewer connections and is bound by anvil).
// --write replaces apps/gateway/bench/results.md with this run's figures.
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { encodeAccessToken, signAccessToken } from "@palisade/crypto";
import { ethPhishingDetectLists } from "@palisade/engines";
import { openMeteringStore } from "@palisade/store";
import { type Anvil, freePort, startAnvil } from "@palisade/testkit";
import autocannon from "autocannon";
import { type Address, keccak256, stringToHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "50" },
    "address-duration": { type: "string", default: "5" },
    "address-connections": { type: "string", default: "10" },
    routes: { type: "string", default: "phishing,address" },
    "max-rate": { type: "string", default: "30000" },
    batch: { type: "string", default: "1000" },
    write: { type: "boolean", default: false },
  },
});
const warmup = Number(values.warmup);
const batchSize = Number(values.batch);
const routeNames = (values.routes ?? "").split(",").filter(Boolean) as RouteName[];
type RouteName = "phishing" | "address";

const chainId = 31_337;
const marketplace: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
// A fixed synthetic consumer key, so runs are comparable (it holds nothing anywhere).
const consumerKey = keccak256(stringToHex("palisade gateway bench consumer"));
const consumer = privateKeyToAccount(consumerKey).address;
const dir = mkdtempSync(join(tmpdir(), "palisade-gateway-bench-"));
const log = (line: string) => process.stderr.write(`${line}\n`);

interface RouteSetup {
  path: string;
  purchaseId: bigint;
  duration: number;
  connections: number;
  /** Query strings the requests rotate over. */
  queries: string[];
}

const blocklisted = ethPhishingDetectLists()
  .find((list) => list.kind === "blocklist")
  ?.entries.slice(0, 3) as string[];
const setups: Record<RouteName, RouteSetup> = {
  phishing: {
    path: "/v1/phishing",
    purchaseId: 1n,
    duration: Number(values.duration),
    connections: Number(values.connections),
    queries: [
      "https://app.uniswap.org/swap",
      "metamask.io",
      ...blocklisted.map((host) => `https://${host}/connect`),
      "https://metamask-wallet-airdrop.com/claim",
      "https://xn--mtamask-7gg.io/",
      "https://example.org/",
      "opensae.io",
      "https://docs.github.com/en",
    ].map((url) => `url=${encodeURIComponent(url)}`),
  },
  address: {
    path: "/v1/address",
    purchaseId: 2n,
    duration: Number(values["address-duration"]),
    connections: Number(values["address-connections"]),
    queries: [
      "0x0000000000000000000000000000000000000000",
      "0x08723392ed15743cc38513c4925f5e6be5c17243",
      "0x000000000000000000000000000000000000dEaD",
      "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
      "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    ].map((address) => `address=${address}`),
  },
};

interface RunningServer {
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startServer(mode: "bare" | "gateway", route: RouteName, rpcUrl: string, dbPath: string) {
  const port = await freePort();
  const child = fork(
    join(import.meta.dirname, "server.ts"),
    [mode, route, String(port), dbPath, rpcUrl, consumer, String(chainId), marketplace],
    { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${mode} server exited with ${code} before it was ready`)));
    child.on("message", (message: { ready?: boolean }) => {
      if (message.ready) resolve();
    });
  });
  const running: RunningServer = {
    port,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
  return running;
}

/** CPU milliseconds (user + system) of a process, from /proc (Linux; 0 elsewhere). */
function processCpuMs(pid: number): number {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th (clock ticks of 10 ms).
    const fields = (readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Server CPU (its process, threads included) per request, µs. */
  serverCpuPerRequest: number;
}

async function drive(
  server: RunningServer,
  setup: RouteSetup,
  seconds: number,
  next: () => { query: string; headers: Record<string, string> },
): Promise<Measurement> {
  const cpuBefore = processCpuMs(server.child.pid ?? 0);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections: setup.connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: "GET",
        path: setup.path,
        setupRequest: (request) => {
          const { query, headers } = next();
          return { ...request, path: `${setup.path}?${query}`, headers: { ...request.headers, ...headers } };
        },
      },
    ],
  });
  const cpuMs = processCpuMs(server.child.pid ?? 0) - cpuBefore;
  const total = Math.max(1, result.requests.total);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    serverCpuPerRequest: (cpuMs * 1000) / total,
  };
}

const expiry = BigInt(Math.floor(Date.now() / 1000) + 1_800);
async function batchTokens(purchaseId: bigint, calls: number): Promise<string[]> {
  const tokens: string[] = [];
  // Batch j (0-based) covers calls j·batch + 1 … (j + 1)·batch: its token's nonce is its last call.
  for (let end = batchSize; end - batchSize < calls; end += batchSize) {
    const signed = await signAccessToken({
      chainId,
      marketplace,
      privateKey: consumerKey,
      token: { purchaseId, providerId: 1, consumer, expiry, nonce: BigInt(end) },
    });
    tokens.push(`Palisade ${encodeAccessToken(signed)}`);
  }
  return tokens;
}

interface RouteResult {
  route: RouteName;
  setup: RouteSetup;
  bare: Measurement;
  gateway: Measurement;
  recorded: number;
  gatewayOk: number;
  wrapped: boolean;
}

async function runRoute(route: RouteName, rpcUrl: string): Promise<RouteResult> {
  const setup = setups[route];
  const calls = Math.ceil(Number(values["max-rate"]) * (setup.duration + warmup));
  const tokens = await batchTokens(setup.purchaseId, calls);
  const measured: Partial<Record<"bare" | "gateway", Measurement>> = {};
  let gatewayOk = 0;
  let wrapped = false;
  const dbPath = join(dir, `${route}.sqlite`);
  for (const mode of ["bare", "gateway"] as const) {
    let call = 0;
    const next = () => {
      if (call === calls) {
        call = 0;
        wrapped = mode === "gateway";
      }
      const i = call++;
      return {
        query: setup.queries[i % setup.queries.length] as string,
        headers: {
          authorization: tokens[Math.floor(i / batchSize)] as string,
          "x-palisade-call": String(i + 1),
        },
      };
    };
    const server = await startServer(mode, route, rpcUrl, dbPath);
    try {
      log(
        `${route}, ${mode}: warm-up ${warmup} s, run ${setup.duration} s, ${setup.connections} connections`,
      );
      const warm = warmup > 0 ? await drive(server, setup, warmup, next) : undefined;
      const run = await drive(server, setup, setup.duration, next);
      measured[mode] = run;
      if (mode === "gateway") gatewayOk = (warm?.ok ?? 0) + run.ok;
      log(
        `  ${Math.round(run.requestsPerSecond).toLocaleString("en")} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, non-2xx ${run.non2xx}, errors ${run.errors}, server ${run.serverCpuPerRequest.toFixed(0)} µs CPU/req`,
      );
    } finally {
      await server.stop();
    }
  }
  const metering = openMeteringStore(dbPath);
  const recorded = await metering.countCalls(setup.purchaseId);
  await metering.close();
  return {
    route,
    setup,
    bare: measured.bare as Measurement,
    gateway: measured.gateway as Measurement,
    recorded,
    gatewayOk,
    wrapped,
  };
}

const loadBefore = loadavg()[0] ?? 0;
let anvil: Anvil | undefined;
const results: RouteResult[] = [];
try {
  // The address route reads this chain; the phishing route never calls it.
  anvil = await startAnvil();
  for (const route of routeNames) results.push(await runRoute(route, anvil.rpcUrl));
} finally {
  await anvil?.stop();
  rmSync(dir, { recursive: true, force: true });
}
const loadAfter = loadavg()[0] ?? 0;

const modelName =
  readFileSync("/proc/cpuinfo", "utf8")
    .split("\n")
    .find((line) => line.startsWith("model name"))
    ?.split(":")[1]
    ?.trim() ?? "unknown";
const fmt = (n: number) => Math.round(n).toLocaleString("en");
const lines = [
  "| route | server | connections | req/s | p50 ms | p99 ms | non-2xx | errors | server CPU µs/req |",
  "|---|---|---:|---:|---:|---:|---:|---:|---:|",
];
for (const result of results)
  for (const mode of ["bare", "gateway"] as const) {
    const m = result[mode];
    lines.push(
      `| ${result.setup.path} | ${mode === "bare" ? "bare engine (no auth)" : "gateway (token, rate limit, metering)"} | ${result.setup.connections} | ${fmt(m.requestsPerSecond)} | ${m.p50} | ${m.p99} | ${m.non2xx} | ${m.errors} | ${m.serverCpuPerRequest.toFixed(0)} |`,
    );
  }
const verdicts = results.map((result) => {
  const ratio = result.gateway.requestsPerSecond / result.bare.requestsPerSecond;
  // autocannon stops at the deadline with up to `connections` requests in flight per drive: the
  // gateway recorded (and answered) them, autocannon did not count the answer.
  const slack = 2 * result.setup.connections;
  const exact =
    result.recorded >= result.gatewayOk &&
    result.recorded - result.gatewayOk <= slack &&
    result.gateway.non2xx === 0 &&
    !result.wrapped;
  return (
    `- **${result.setup.path}**: gateway / bare = **${(ratio * 100).toFixed(0)} %** ` +
    `(${fmt(result.gateway.requestsPerSecond)} vs ${fmt(result.bare.requestsPerSecond)} req/s); server CPU per request ` +
    `${result.gateway.serverCpuPerRequest.toFixed(0)} µs vs ${result.bare.serverCpuPerRequest.toFixed(0)} µs. Metering: the file ` +
    `holds ${fmt(result.recorded)} calls for ${fmt(result.gatewayOk)} 2xx counted by autocannon (warm-up included; the ` +
    `difference is requests in flight at the deadline): ${exact ? "exact" : "**MISMATCH**"}.`
  );
});
const machine =
  `${availableParallelism()} cores, ${modelName}, node ${process.version}; 1-minute load average ` +
  `${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`;
const report =
  `${lines.join("\n")}\n\n${verdicts.join("\n")}\n\n` +
  `Machine: ${machine}. autocannon keep-alive, ${warmup} s warm-up + the route's duration per server ` +
  `(phishing ${setups.phishing.duration} s, address ${setups.address.duration} s), every request a different ` +
  `call (one pre-signed token per ${fmt(batchSize)} calls, the call number in X-Palisade-Call), inputs rotating ` +
  `over ${setups.phishing.queries.length} URLs / ${setups.address.queries.length} addresses.\n`;
process.stdout.write(report);
if (values.write) {
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(
    join(import.meta.dirname, "results.md"),
    `# Gateway REST throughput — ${date}\n\n` +
      "Produced by `npm run bench:gateway -- --write` (apps/gateway/bench/throughput.ts): one run, two " +
      "servers per route driven by autocannon on 127.0.0.1 from the bench process. **bare engine**: node:http " +
      "running the route's engine on the request's input and answering `{ engine, report }` — no token, no " +
      "metering, no rate limit. **gateway**: the real gateway (`createGatewayServer`): rate limiter (on, at " +
      "1,000,000 req/s so it never refuses), the route's input parsing, the access guard over a **static " +
      "purchase source (no chain for purchases)** with batch tokens (the signature recovered once per token), " +
      "the call recorded durably in SQLite (WAL, `synchronous=FULL`, group commit) before the engine runs, " +
      "then `{ engine, report, call }`. The address route reads a local anvil (address-risk@1: block number, " +
      "chain id, code, first-funder lookups per call).\n\n" +
      report,
  );
  log("wrote apps/gateway/bench/results.md");
}
