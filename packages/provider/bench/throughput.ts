// Throughput of the access guard against the same server without it, in one run.
// Run: npm run bench:provider [-- --duration 10 --connections 50 --setups single,cluster --batch 1000 --write]
//
// Each setup starts servers as child processes — bare node:http answering a small JSON body, and the
// same server behind createAccessGuard with durable SQLite metering (WAL, synchronous=FULL, group
// commit) on a temp file and a static purchase source (no chain: one purchase of 1,000,000 calls) —
// and drives each with autocannon from this process on 127.0.0.1: keep-alive, N connections, a
// warm-up then a timed run, every request a DIFFERENT call (`setupRequest`). The guarded server is
// driven twice, on fresh files: with **batch tokens** (one pre-signed token per `--batch` calls, each
// request naming its own call number in X-Palisade-Call: the signature is recovered once per token)
// and with **a token per call** (a different pre-signed token per request, recovered every time). The
// bare server gets the batch requests' headers, so the client does the same work. Setups: `single`
// (one server process) and `cluster` (node:cluster, one worker per core, guarded workers sharing the
// SQLite file; the bare baseline gets as many workers). After each guarded run the file is opened
// and its recorded calls must equal the 2xx answers (exact metering under load).
// --write replaces packages/provider/bench/results.md with this run's figures.
import { type ChildProcess, execFileSync, fork } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { encodeAccessToken, nativeCrypto, signAccessToken } from "@palisade/crypto";
import { openMeteringStore } from "@palisade/store";
import autocannon from "autocannon";
import { type Address, keccak256, stringToHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "50" },
    setups: { type: "string", default: "single,cluster" },
    "max-rate": { type: "string", default: "25000" },
    batch: { type: "string", default: "1000" },
    write: { type: "boolean", default: false },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const setups = (values.setups ?? "").split(",").filter(Boolean) as ("single" | "cluster")[];
// Calls prepared up front: enough for every request of a guarded server at up to max-rate req/s.
const callCount = Math.ceil(Number(values["max-rate"]) * (duration + warmup));
const batchSize = Number(values.batch);

const chainId = 31_337;
const marketplace: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const providerId = 1;
// A fixed synthetic consumer key, so runs are comparable (it holds nothing anywhere).
const consumerKey = keccak256(stringToHex("palisade bench consumer"));
const consumer = privateKeyToAccount(consumerKey).address;
const dir = mkdtempSync(join(tmpdir(), "palisade-bench-"));
const log = (line: string) => process.stderr.write(`${line}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface Stats {
  commits: number;
  calls: number;
  replays: number;
  busyRetries: number;
  largestBatch: number;
}

interface RunningServer {
  port: number;
  child: ChildProcess;
  stats(): Promise<Stats>;
  stop(): Promise<void>;
}

async function startServer(
  mode: "bare" | "guarded",
  workers: number,
  dbPath: string,
): Promise<RunningServer> {
  const port = await freePort();
  const child = fork(
    join(import.meta.dirname, "server.ts"),
    [mode, String(workers), String(port), dbPath, consumer, String(providerId), String(chainId), marketplace],
    { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${mode} server exited with ${code} before it was ready`)));
    child.on("message", (message: { ready?: boolean }) => {
      if (message.ready) resolve();
    });
  });
  return {
    port,
    child,
    stats: () =>
      new Promise((resolve) => {
        const onMessage = (message: { stats?: Stats }) => {
          if (!message.stats) return;
          child.off("message", onMessage);
          resolve(message.stats);
        };
        child.on("message", onMessage);
        child.send({ stats: true });
      }),
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** CPU milliseconds (user + system) of a process and its children, from /proc (Linux; 0 elsewhere). */
function processTreeCpuMs(pid: number): number {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th (clock ticks of 10 ms).
    const fields = (readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
    const own = (Number(fields[11]) + Number(fields[12])) * 10;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    return own + children.reduce((sum, child) => sum + processTreeCpuMs(Number(child)), 0);
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
  timeouts: number;
  /** Server CPU (all its processes and threads) per request, µs. */
  serverCpuPerRequest: number;
  /** autocannon's CPU (this process) per request, µs. */
  clientCpuPerRequest: number;
  /** CPU cores the server used on average during the run. */
  serverCores: number;
}

/** Drives the server for `seconds`, each request with the next call's headers. */
async function drive(
  server: RunningServer,
  seconds: number,
  nextHeaders: () => Record<string, string>,
): Promise<Measurement> {
  const serverCpuBefore = processTreeCpuMs(server.child.pid ?? 0);
  const clientCpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: "GET",
        path: "/v1/check",
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, ...nextHeaders() },
        }),
      },
    ],
  });
  const serverCpuMs = processTreeCpuMs(server.child.pid ?? 0) - serverCpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const total = Math.max(1, result.requests.total);
  return {
    serverCpuPerRequest: (serverCpuMs * 1000) / total,
    clientCpuPerRequest: (clientCpu.user + clientCpu.system) / total,
    serverCores: serverCpuMs / 1000 / seconds,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

const expiry = BigInt(Math.floor(Date.now() / 1000) + 1_800);
async function sign(nonce: number): Promise<string> {
  const signed = await signAccessToken({
    chainId,
    marketplace,
    privateKey: consumerKey,
    token: { purchaseId: 1n, providerId, consumer, expiry, nonce: BigInt(nonce) },
  });
  return `Palisade ${encodeAccessToken(signed)}`;
}
const signStart = performance.now();
log(`signing ${callCount.toLocaleString("en")} tokens, a token per call (nonces 1 … ${callCount}) …`);
const perCallTokens: string[] = new Array(callCount);
for (let i = 0; i < callCount; i++) perCallTokens[i] = await sign(i + 1);
// Batch j (0-based) covers calls j·batch + 1 … (j + 1)·batch: its token's nonce is its last call.
const batchTokens: string[] = [];
for (let end = batchSize; end - batchSize < callCount; end += batchSize) batchTokens.push(await sign(end));
log(
  `signed in ${((performance.now() - signStart) / 1000).toFixed(1)} s (+ ${batchTokens.length} batch tokens of ${batchSize} calls)`,
);

type Variant = "bare" | "batch" | "perCall";
const variants: readonly Variant[] = ["bare", "batch", "perCall"];
const label: Record<Variant, string> = {
  bare: "bare",
  batch: `guarded, batch tokens (${batchSize.toLocaleString("en")} calls each)`,
  perCall: "guarded, a token per call",
};

/**
 * The headers of call i (0-based) of a variant; past the prepared calls it wraps (replays: 409s,
 * flagged as an invalid run). The bare server gets the batch variant's headers and ignores them.
 */
function headersOf(variant: Variant, i: number): Record<string, string> {
  if (variant === "perCall") return { authorization: perCallTokens[i] as string };
  return {
    authorization: batchTokens[Math.floor(i / batchSize)] as string,
    "x-palisade-call": String(i + 1),
  };
}

/** What a guarded run left: the writer's counters and the file's contents. */
interface Metered {
  stats: Stats;
  /** 2xx answers, warm-up included. */
  ok: number;
  /** Calls in the SQLite file afterwards. */
  recorded: number;
  /** The usage proof's nonce: the calls the highest recorded token authorises. */
  proofNonce: bigint;
}

interface SetupResult {
  setup: "single" | "cluster";
  workers: number;
  measured: Record<Variant, Measurement>;
  metered: Record<Exclude<Variant, "bare">, Metered>;
}

async function runSetup(setup: "single" | "cluster"): Promise<SetupResult> {
  const workers = setup === "single" ? 1 : availableParallelism();
  const measured: Partial<Record<Variant, Measurement>> = {};
  const metered: Partial<Record<Exclude<Variant, "bare">, Metered>> = {};
  for (const variant of variants) {
    // Calls in order, a different one per request; a fresh file per guarded variant.
    let next = 0;
    let wrapped = false;
    const nextHeaders = () => {
      if (next === callCount) {
        next = 0;
        wrapped = true;
      }
      return headersOf(variant, next++);
    };
    const dbPath = join(dir, `${setup}-${variant}.sqlite`);
    const server = await startServer(variant === "bare" ? "bare" : "guarded", workers, dbPath);
    let stats: Stats | undefined;
    let ok = 0;
    try {
      log(
        `${setup} (${workers} worker${workers > 1 ? "s" : ""}), ${label[variant]}: warm-up ${warmup} s, run ${duration} s`,
      );
      const warm = warmup > 0 ? await drive(server, warmup, nextHeaders) : undefined;
      const run = await drive(server, duration, nextHeaders);
      measured[variant] = run;
      if (variant !== "bare") {
        if (wrapped) log("  ran out of prepared calls: raise --max-rate (the run is invalid)");
        stats = await server.stats();
        ok = (warm?.ok ?? 0) + run.ok;
      }
      log(
        `  ${Math.round(run.requestsPerSecond).toLocaleString("en")} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, non-2xx ${run.non2xx}, errors ${run.errors}, server ${run.serverCpuPerRequest.toFixed(0)} µs CPU/req on ${run.serverCores.toFixed(2)} cores, autocannon ${run.clientCpuPerRequest.toFixed(0)} µs CPU/req`,
      );
    } finally {
      await server.stop();
    }
    if (variant === "bare") continue;
    // Exact metering: the file holds exactly the calls answered 2xx (warm-up included).
    const metering = openMeteringStore(dbPath);
    const recorded = await metering.countCalls(1n);
    const proofNonce = (await metering.highestCall(1n))?.nonce ?? 0n;
    await metering.close();
    metered[variant] = { stats: stats as Stats, ok, recorded, proofNonce };
  }
  return {
    setup,
    workers,
    measured: measured as Record<Variant, Measurement>,
    metered: metered as Record<Exclude<Variant, "bare">, Metered>,
  };
}

const loadBefore = loadavg()[0] ?? 0;
const runs: SetupResult[] = [];
try {
  for (const setup of setups) runs.push(await runSetup(setup));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const modelName = (() => {
  try {
    const line = execFileSync("lscpu", { encoding: "utf8" })
      .split("\n")
      .find((l) => l.startsWith("Model name:"));
    return line?.slice("Model name:".length).trim() ?? cpus()[0]?.model ?? "unknown";
  } catch {
    return cpus()[0]?.model ?? "unknown";
  }
})();
const native = nativeCrypto();
const fmt = (n: number) => Math.round(n).toLocaleString("en");
const lines: string[] = [];
lines.push(
  "| setup | server | req/s | p50 ms | p99 ms | non-2xx | errors | server CPU µs/req | server cores used | autocannon CPU µs/req |",
  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
);
for (const run of runs) {
  for (const variant of variants) {
    const m = run.measured[variant];
    lines.push(
      `| ${run.setup} (${run.workers} worker${run.workers > 1 ? "s" : ""}) | ${label[variant]} | ${fmt(m.requestsPerSecond)} | ${m.p50} | ${m.p99} | ${m.non2xx} | ${m.errors + m.timeouts} | ${m.serverCpuPerRequest.toFixed(0)} | ${m.serverCores.toFixed(2)} | ${m.clientCpuPerRequest.toFixed(0)} |`,
    );
  }
}
/**
 * Requests per second the machine could sustain if nothing else ran and every core were busy with
 * the server and autocannon (autocannon itself on at most one core). Meaningful when the server has
 * a worker per core; a single process is also bound by its one event loop.
 */
function ceiling(m: Measurement): number {
  const cores = availableParallelism();
  return Math.min(
    (cores * 1e6) / (m.serverCpuPerRequest + m.clientCpuPerRequest),
    1e6 / m.clientCpuPerRequest,
  );
}

const pct = (ratio: number) => `${(ratio * 100).toFixed(0)} %`;
/** One guarded variant's sentence: its ratio to bare, the goals, and the metering check. */
function verdict(run: SetupResult, variant: Exclude<Variant, "bare">): string {
  const m = run.measured[variant];
  const { stats, ok, recorded, proofNonce } = run.metered[variant];
  const ratio = m.requestsPerSecond / run.measured.bare.requestsPerSecond;
  const perCommit = stats.calls / Math.max(1, stats.commits);
  // autocannon stops at the deadline with up to `connections` requests in flight per drive: the
  // server recorded (and answered) them, autocannon did not count the answer. (The server's counters
  // are read just after the deadline, so they may miss those too.)
  const exact = recorded >= ok && recorded - ok <= 2 * connections && m.non2xx === 0;
  // Requests are numbered in order, so the highest batch token is at most one batch past the calls.
  const proof =
    variant === "batch"
      ? ` The usage proof is the token with nonce ${fmt(Number(proofNonce))}: ${fmt(Number(proofNonce) - recorded)} ` +
        `calls authorised beyond those served (at most one batch, ${fmt(batchSize)}).`
      : "";
  return (
    `  - ${label[variant]}: guarded / bare = **${pct(ratio)}** (goal ≥ 50 %: ${ratio >= 0.5 ? "met" : "**not met**"}); ` +
    `**${fmt(m.requestsPerSecond)} req/s** (goal ≥ 10,000: ${m.requestsPerSecond >= 10_000 ? "met" : "**not met**"}); ` +
    `server CPU ${m.serverCpuPerRequest.toFixed(0)} µs per request. Metering: ${fmt(stats.calls)} calls in ` +
    `${fmt(stats.commits)} commits (≈ ${perCommit.toFixed(1)} calls per fsync, largest batch ${stats.largestBatch}, ` +
    `${fmt(stats.busyRetries)} lock retries between workers); the file holds ${fmt(recorded)} calls for ${fmt(ok)} 2xx ` +
    `counted by autocannon (warm-up included; the difference is requests in flight at the deadline): ` +
    `${exact ? "exact" : "**MISMATCH**"}.${proof}`
  );
}

const verdicts = runs.map((run) => {
  const { bare, batch } = run.measured;
  return (
    `- **${run.setup}** (bare ${fmt(bare.requestsPerSecond)} req/s, server CPU ${bare.serverCpuPerRequest.toFixed(0)} µs per request):\n` +
    `${verdict(run, "batch")}\n${verdict(run, "perCall")}\n` +
    `  Server CPU per request, bare / guarded: ≈ ${pct(bare.serverCpuPerRequest / batch.serverCpuPerRequest)} ` +
    `with batch tokens, ≈ ${pct(bare.serverCpuPerRequest / run.measured.perCall.serverCpuPerRequest)} with a ` +
    `token per call — the most guarded/bare can be where the server's CPU is the bottleneck (here bare is ` +
    `bound by autocannon instead, so the measured ratio may exceed it).` +
    (run.workers >= availableParallelism()
      ? ` With autocannon on the same ${availableParallelism()} cores the ceiling is ≈ ${fmt(ceiling(batch))} req/s ` +
        `guarded with batch tokens, ≈ ${fmt(ceiling(run.measured.perCall))} with a token per call, ≈ ` +
        `${fmt(ceiling(bare))} bare.`
      : "")
  );
});
const loadAfter = loadavg()[0] ?? 0;
const machine =
  `${availableParallelism()} cores (\`nproc\`), ${modelName}, node ${process.version}; keccak ` +
  `${native.keccakSponge ? "native sponge" : native.keccak ? "native" : "JavaScript"}, secp256k1 ` +
  `${native.secp256k1 ? "native" : "JavaScript"}; 1-minute load average ${loadBefore.toFixed(2)} before, ` +
  `${loadAfter.toFixed(2)} after (other work on the machine takes CPU from both servers and autocannon)`;
const report =
  `${lines.join("\n")}\n\n${verdicts.join("\n")}\n\n` +
  `Machine: ${machine}. autocannon ${connections} connections, keep-alive, ${warmup} s warm-up + ${duration} s ` +
  `per server, a different call per request (batch tokens: one pre-signed token per ${fmt(batchSize)} calls, the ` +
  `call number in X-Palisade-Call; a token per call: a different pre-signed token per request); server CPU ` +
  `counts every process and thread of the server (cluster primary, workers, the metering writer thread, the ` +
  `kernel time of its fsyncs).\n`;
process.stdout.write(report);
if (values.write) {
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(
    join(import.meta.dirname, "results.md"),
    `# Provider guard throughput — ${date}\n\n` +
      `Produced by \`npm run bench:provider -- --write\` (packages/provider/bench/throughput.ts): one run, ` +
      `the three servers of each setup (bare, guarded with batch tokens, guarded with a token per call) driven by autocannon on 127.0.0.1 from the bench process. **bare**: node:http ` +
      `answering a small JSON body. **guarded**: the same server behind \`createAccessGuard\` — token decoded, ` +
      `signature recovered (libsecp256k1; with batch tokens once per token, then from the signer cache), ` +
      `purchase checked against a **static purchase source (no chain)** holding one purchase of 1,000,000 calls, ` +
      `the call recorded durably with its token in SQLite (WAL, \`synchronous=FULL\`, group commit on a writer ` +
      `thread) before the answer. **single**: one server process; **cluster**: ` +
      `node:cluster with one worker per core, guarded workers sharing one SQLite file (bare gets as many workers).\n\n` +
      report,
  );
  log("wrote packages/provider/bench/results.md");
}
