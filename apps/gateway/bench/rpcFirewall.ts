// What the JSON-RPC firewall adds to eth_sendRawTransaction, against the node alone, in one run.
// Run: npx tsx apps/gateway/bench/rpcFirewall.ts [--n 200] [--warmup 20] [--write]
//
// A fresh anvil (automine) with a MockLST; the firewall mounted on a node:http server in this process
// (default policy, no label lists, debug_traceCall), forwarding to the anvil and simulating on it.
// One sender signs every transaction up front, nonces in sending order; the sends then alternate
// direct → firewall → direct … one at a time, so both paths see the same chain, the same load and
// the same growing history. Each send is timed from the POST to the parsed answer (fetch, keep-alive,
// on 127.0.0.1). Two workloads: ETH transfers and ERC20 transfers (the ERC20 one simulates a call with
// a log and reads a token balance). Then the same for eth_blockNumber, which the firewall forwards
// unscreened: its proxy cost alone. The firewall's screening time (decode, recover the sender,
// simulate, judge) comes from its onDecision hook.
// --write replaces apps/gateway/bench/rpc-firewall-results.md with this run's figures.
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createTxFirewall } from "@palisade/engines";
import { accounts, createClients, deployMockLst, repoRoot, startAnvil } from "@palisade/testkit";
import { pino } from "pino";
import { encodeFunctionData, erc20Abi, type Hex, parseAbi, parseEther, parseGwei } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createRpcFirewall } from "../src/rpcFirewall/index.ts";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "200" },
    warmup: { type: "string", default: "20" },
    write: { type: "boolean", default: false },
  },
});
// Bounded: every transaction stays in anvil's history and the run must stay short.
const n = Math.min(Math.max(Number(values.n), 10), 2_000);
const warmup = Math.min(Math.max(Number(values.warmup), 0), 200);
const log = (line: string) => process.stderr.write(`${line}\n`);
const GOAL_P50_MS = 25;

const loadBefore = loadavg()[0] ?? 0;
const anvil = await startAnvil();
const clients = createClients(anvil.rpcUrl);
const { deployer } = accounts();
const token = await deployMockLst(
  clients.wallet(deployer),
  { name: "Bench Token", symbol: "BENCH" },
  deployer.address,
);
const sender = privateKeyToAccount(generatePrivateKey());
await clients.test.setBalance({ address: sender.address, value: parseEther("1000000") });
const mintHash = await clients.wallet(deployer).writeContract({
  address: token,
  abi: parseAbi(["function mint(address to, uint256 amount)"]),
  functionName: "mint",
  args: [sender.address, parseEther("1000000")],
});
await clients.public.waitForTransactionReceipt({ hash: mintHash });

const screeningMs: number[] = [];
const rpc = createRpcFirewall({
  upstreamUrl: anvil.rpcUrl,
  firewall: createTxFirewall(),
  client: clients.public,
  logger: pino({ level: "silent" }),
  onDecision: (decision) => {
    if (decision.outcome !== "forwarded") throw new Error(`unexpected decision ${JSON.stringify(decision)}`);
    screeningMs.push(decision.screeningMs);
  },
});
const server = createServer((request, response) => void rpc.handleRequest(request, response));
await new Promise<void>((resolveListen) => server.listen(0, "127.0.0.1", () => resolveListen()));
const firewallUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rpc`;

let nonce = await clients.public.getTransactionCount({ address: sender.address });
const recipient = "0x0000000000000000000000000000000000f00d01";

async function sign(kind: "eth" | "erc20"): Promise<Hex> {
  return sender.signTransaction({
    chainId: clients.chain.id,
    type: "eip1559",
    nonce: nonce++,
    to: kind === "eth" ? recipient : token,
    value: kind === "eth" ? 1n : 0n,
    data:
      kind === "eth"
        ? "0x"
        : encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [recipient, 1n] }),
    gas: kind === "eth" ? 21_000n : 60_000n,
    maxFeePerGas: parseGwei("50"),
    maxPriorityFeePerGas: parseGwei("1"),
  });
}

let requestId = 0;
/** One JSON-RPC call: milliseconds from the POST to the parsed answer; throws on an error answer. */
async function timed(url: string, method: string, params: unknown[]): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: ++requestId, method, params }),
  });
  const answer = (await response.json()) as { error?: unknown };
  const elapsed = performance.now() - started;
  if (answer.error !== undefined) throw new Error(`${method} via ${url}: ${JSON.stringify(answer.error)}`);
  return elapsed;
}

interface Series {
  direct: number[];
  firewall: number[];
}

/** `count` calls per path, alternating, after `warm` uncounted ones per path. */
async function alternate(
  count: number,
  warm: number,
  call: (url: string) => Promise<number>,
): Promise<Series> {
  const series: Series = { direct: [], firewall: [] };
  for (let i = 0; i < warm + count; i++) {
    // Which path goes first flips every round, so neither always follows the other.
    const order = i % 2 === 0 ? (["direct", "firewall"] as const) : (["firewall", "direct"] as const);
    for (const path of order) {
      const ms = await call(path === "direct" ? anvil.rpcUrl : firewallUrl);
      if (i >= warm) series[path].push(ms);
    }
  }
  return series;
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
const ms = (value: number) => value.toFixed(2);

const workloads: { name: string; series: Series; screening: number[] }[] = [];
for (const kind of ["eth", "erc20"] as const) {
  log(`${kind} transfers: ${warmup} + ${n} per path …`);
  screeningMs.length = 0;
  const series = await alternate(n, warmup, async (url) =>
    timed(url, "eth_sendRawTransaction", [await sign(kind)]),
  );
  workloads.push({
    name: kind === "eth" ? "ETH transfer" : "ERC20 transfer",
    series,
    screening: screeningMs.slice(warmup),
  });
}
log(`eth_blockNumber: ${warmup} + ${n} per path …`);
const forwarding = await alternate(n, warmup, (url) => timed(url, "eth_blockNumber", []));
const blocks = Number(await clients.public.getBlockNumber({ cacheTime: 0 }));

await rpc.close();
server.closeAllConnections();
await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
await anvil.stop();
const loadAfter = loadavg()[0] ?? 0;

const rows: string[] = [];
const summary: string[] = [];
for (const { name, series, screening } of workloads) {
  const added50 = percentile(series.firewall, 50) - percentile(series.direct, 50);
  const added99 = percentile(series.firewall, 99) - percentile(series.direct, 99);
  rows.push(
    `| eth_sendRawTransaction, ${name} | ${ms(percentile(series.direct, 50))} | ${ms(percentile(series.direct, 99))} | ${ms(percentile(series.firewall, 50))} | ${ms(percentile(series.firewall, 99))} | **${ms(added50)}** | ${ms(added99)} | ${ms(percentile(screening, 50))} | ${ms(percentile(screening, 99))} |`,
  );
  summary.push(
    `${name}: added p50 ${ms(added50)} ms (goal < ${GOAL_P50_MS} ms: ${added50 < GOAL_P50_MS ? "met" : "NOT met"}), screening p50 ${ms(percentile(screening, 50))} ms`,
  );
}
rows.push(
  `| eth_blockNumber (forwarded, not screened) | ${ms(percentile(forwarding.direct, 50))} | ${ms(percentile(forwarding.direct, 99))} | ${ms(percentile(forwarding.firewall, 50))} | ${ms(percentile(forwarding.firewall, 99))} | **${ms(percentile(forwarding.firewall, 50) - percentile(forwarding.direct, 50))}** | ${ms(percentile(forwarding.firewall, 99) - percentile(forwarding.direct, 99))} | – | – |`,
);

const cpu =
  readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model ?? "?";
const table = [
  "| call | direct p50 ms | direct p99 ms | firewall p50 ms | firewall p99 ms | added p50 ms | added p99 ms | screening p50 ms | screening p99 ms |",
  "| ---- | ------------: | ------------: | --------------: | --------------: | -----------: | -----------: | ---------------: | ---------------: |",
  ...rows,
].join("\n");
const machine = `${cpus().length} cores, ${cpu}, node ${process.version}, anvil 1.7.1 (automine); 1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`;
const date = new Date().toISOString().slice(0, 10);

process.stdout.write(
  `\n${table}\n\n${summary.join("\n")}\n${machine}; ${n} calls per path per row (after ${warmup} warm-up), chain at block ${blocks}\n`,
);

if (values.write) {
  const path = join(repoRoot, "apps/gateway/bench/rpc-firewall-results.md");
  const previous = readFileSync(path, { encoding: "utf8", flag: "a+" });
  const notes = previous.includes("\n## Reading these figures")
    ? previous.slice(previous.indexOf("\n## Reading these figures"))
    : "";
  writeFileSync(
    path,
    `# JSON-RPC firewall latency — ${date}

Produced by \`npx tsx apps/gateway/bench/rpcFirewall.ts --n ${n} --write\` (apps/gateway/bench/rpcFirewall.ts): one run on a fresh anvil, ${n} calls per path per row after ${warmup} uncounted warm-up calls, direct and through-the-firewall sends alternating one at a time (pre-signed EIP-1559 transactions of one sender, nonces in sending order). **direct**: POST to anvil. **firewall**: POST to \`createRpcFirewall\` mounted on node:http in the bench process (default policy, no label lists), which decodes the transaction, recovers the sender, simulates it with debug_traceCall at the latest block, judges it and forwards it to the same anvil. Round trip = POST to parsed answer (fetch, keep-alive, 127.0.0.1). **screening** = decode + recover + simulate + judge, from the firewall's onDecision hook. Percentiles nearest-rank.

${table}

- ${summary.join("\n- ")}
- Goal: the firewall adds < ${GOAL_P50_MS} ms at p50 to eth_sendRawTransaction.

Machine: ${machine}. The chain reached block ${blocks} during the run.
${notes}`,
  );
  log(`wrote ${path}`);
}
