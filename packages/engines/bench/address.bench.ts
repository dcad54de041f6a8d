// Address-risk engine: label lookups per second (in memory) and full-check latency on anvil.
// Not part of the test suite. Run: node_modules/.bin/tsx packages/engines/bench/address.bench.ts
// With PALISADE_LABELS_DIR set (e.g. ../shared/data), the lookups also run over the full lists.
// Bounded: about 30 s in all (lookups ≈ 5 s, checks stop at 20 s or their count, whichever first).
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { accounts, createClients, startAnvil } from "@palisade/testkit";
import { type Address, createPublicClient, type Hex, http, type PublicClient, parseEther } from "viem";
import { createAddressRiskEngine } from "../src/addressRisk/createAddressRiskEngine.ts";
import { proxySlots } from "../src/addressRisk/proxy.ts";
import {
  createdAddress,
  eip1967ProxyRuntime,
  initCode,
  minimalProxyRuntime,
  returns42Runtime,
  storeSlots,
} from "../src/addressRisk/testContracts.ts";
import type { LabelIndex } from "../src/labels/labelIndex.ts";
import { bundledLabelsDir, loadLabels } from "../src/labels/loadLabels.ts";
import { parseLabelCsv } from "../src/labels/parseLabelCsv.ts";

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function listedAddresses(files: readonly string[]): Promise<string[]> {
  const { readFile } = await import("node:fs/promises");
  const addresses: string[] = [];
  for (const file of files)
    for (const row of parseLabelCsv(await readFile(file, "utf8"), file)) addresses.push(row.address);
  return addresses;
}

/** Lookups per second over `queries` (half listed, half random), median of 5 timed passes. */
function lookupsPerSecond(
  labels: LabelIndex,
  queries: readonly string[],
  chainId: number | undefined,
): number {
  let sink = 0;
  const pass = () => {
    const start = performance.now();
    for (const query of queries) sink += labels.lookup(query, chainId).length;
    return performance.now() - start;
  };
  pass(); // warm-up
  const times = Array.from({ length: 5 }, pass).sort((a, b) => a - b);
  if (sink < 0) throw new Error("unreachable");
  return queries.length / ((times[2] as number) / 1000);
}

async function benchLookups(name: string, paths: string | string[]): Promise<string[]> {
  const start = performance.now();
  const labels = await loadLabels(paths);
  const loadMs = performance.now() - start;
  const listed = await listedAddresses(labels.files);
  const queries: string[] = [];
  for (let i = 0; i < 500_000; i++) {
    const pick = listed[(i * 7919) % listed.length] as string;
    // Mixed case for half the listed ones: lookups normalise case themselves.
    queries.push(
      i % 2 === 0
        ? i % 4 === 0
          ? pick.toUpperCase().replace("0X", "0x")
          : pick
        : `0x${randomBytes(20).toString("hex")}`,
    );
  }
  const rows = [
    `| ${name} | ${labels.addressCount.toLocaleString("en")} | ${loadMs.toFixed(0)} | ${Math.round(lookupsPerSecond(labels, queries, 1)).toLocaleString("en")} | ${Math.round(lookupsPerSecond(labels, queries, undefined)).toLocaleString("en")} |`,
  ];
  return rows;
}

async function benchChecks(): Promise<string[]> {
  const anvil = await startAnvil();
  try {
    const clients = createClients(anvil.rpcUrl);
    const client = clients.public as PublicClient;
    const { deployer, stakers } = accounts();
    const deploy = async (data: Hex): Promise<Address> =>
      createdAddress(client, await clients.wallet(deployer).sendTransaction({ data }));
    const implementation = await deploy(initCode(returns42Runtime));
    const proxy = await deploy(
      initCode(eip1967ProxyRuntime, storeSlots([[proxySlots.eip1967Implementation, implementation]])),
    );
    const clone = await deploy(initCode(minimalProxyRuntime(implementation)));
    const funded = `0x${randomBytes(20).toString("hex")}` as Address;
    await clients
      .wallet(stakers[0])
      .sendTransaction({ to: funded, value: parseEther("1") })
      .then((hash) => client.waitForTransactionReceipt({ hash }));
    // Some depth, so the code-age search has work: ~1,030 blocks → 11 probes. (anvil_mine slows down
    // more than linearly: 1,024 blocks take about 1 s here, 4,096 about 13 s.)
    await clients.test.mine({ blocks: 1_024 });

    const engine = createAddressRiskEngine({ labels: await loadLabels(bundledLabelsDir) });
    const noOtterscan = createPublicClient({
      chain: clients.chain,
      transport: http(anvil.rpcUrl, { methods: { exclude: ["ots_getContractCreator"] } }),
    }) as PublicClient;
    const targets: {
      name: string;
      client: PublicClient;
      params: { address: string; chainId?: number; counterparty?: string };
    }[] = [
      {
        name: "listed EOA (OFAC, chain 1)",
        client,
        params: { address: "0x098b716b8aaf21512996dc57eb0615e2383e2f96", chainId: 1 },
      },
      {
        name: "funded EOA + counterparty",
        client,
        params: { address: funded, counterparty: stakers[1].address },
      },
      { name: "EIP-1967 proxy", client, params: { address: proxy } },
      { name: "EIP-1167 clone", client, params: { address: clone } },
      {
        name: "EIP-1167 clone, no ots (bisection + trace_block)",
        client: noOtterscan,
        params: { address: clone },
      },
    ];
    const perTarget = 200;
    const deadline = performance.now() + 20_000;
    const rows: string[] = [];
    const all: number[] = [];
    for (const { name, client: using, params } of targets) {
      for (let i = 0; i < 10; i++) await engine.check(using, params); // warm-up
      const times: number[] = [];
      while (times.length < perTarget && performance.now() < deadline) {
        const start = performance.now();
        await engine.check(using, params);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      rows.push(
        `| ${name} | ${times.length} | ${percentile(times, 50).toFixed(2)} | ${percentile(times, 99).toFixed(2)} |`,
      );
    }
    all.sort((a, b) => a - b);
    rows.push(
      `| all of the above | ${all.length} | ${percentile(all, 50).toFixed(2)} | ${percentile(all, 99).toFixed(2)} |`,
    );
    return rows;
  } finally {
    await anvil.stop();
  }
}

async function main(): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, load average ${loadavg()[0]?.toFixed(2)}`,
  );
  out("");
  out("| lists | addresses | load ms | lookups/s (chainId 1) | lookups/s (all chains) |");
  out("|---|---:|---:|---:|---:|");
  for (const row of await benchLookups("committed (MIT)", bundledLabelsDir)) out(row);
  const shared = process.env.PALISADE_LABELS_DIR;
  if (shared)
    for (const row of await benchLookups("committed + PALISADE_LABELS_DIR", [bundledLabelsDir, shared]))
      out(row);
  out("");
  out("| full check on anvil | checks | p50 ms | p99 ms |");
  out("|---|---:|---:|---:|");
  for (const row of await benchChecks()) out(row);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
