/**
 * Detection latency of the monitor on a fresh anvil: how long from the moment a pending transaction
 * (mempool) or a new block (block) reaches the monitor to the flash-loan alert, and from the client's
 * eth_sendRawTransaction / anvil_mine to the alert. `npm run bench:monitor` (or
 * `tsx apps/monitor/bench/latency.ts [runs]`, default 30 per configuration).
 *
 * One run: snapshot the chain, start the monitor in-process, send the (pre-signed) exploit with automine
 * off → mempool alert, mine one block → block alert, stop the monitor, revert the snapshot (so every
 * run attacks the same untouched vault). Two warm-up runs per configuration are not counted. Latencies
 * come from the monitor's own clock: `arrivedAt` (hash or head first reported) → `detectedAt`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { accounts, createClients, deployDemoDex, startAnvil } from "@palisade/testkit";
import { pino } from "pino";
import type { Hex } from "viem";
import type { Alert } from "../src/alert.ts";
import type { MonitorConfig } from "../src/config.ts";
import { attackCalldata, deployMonitorDemo, monitorDemoWatchFile } from "../src/demo/attackDemo.ts";
import type { AlertTiming } from "../src/emitter.ts";
import { runMonitor } from "../src/run.ts";

const runs = Number(process.argv[2] ?? 30);
const warmup = 2;
if (!Number.isInteger(runs) || runs < 1 || runs > 500) throw new Error("runs: an integer from 1 to 500");

interface Sample {
  mempool: number;
  sendToArrival: number;
  sendToMempoolAlert: number;
  block: number;
  mineToBlockAlert: number;
}

const rows: [string, keyof Sample][] = [
  ["mempool: hash reported → alert", "mempool"],
  ["mempool: eth_sendRawTransaction → hash", "sendToArrival"],
  ["mempool: eth_sendRawTransaction → alert", "sendToMempoolAlert"],
  ["block: head reported → alert", "block"],
  ["block: anvil_mine → alert", "mineToBlockAlert"],
];

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function table(title: string, samples: readonly Sample[]): string {
  const line = (cells: string[]) =>
    `${(cells[0] ?? "").padEnd(40)} | ${cells
      .slice(1)
      .map((c) => c.padStart(6))
      .join(" | ")}`;
  return [
    title,
    line(["latency (ms)", "p50", "p99", "mean", "max"]),
    `${"-".repeat(40)}-|-${["", "", "", ""].map(() => "-".repeat(6)).join("-|-")}`,
    ...rows.map(([label, key]) => {
      const values = samples.map((sample) => sample[key]);
      const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
      return line([
        label,
        String(percentile(values, 50)),
        String(percentile(values, 99)),
        mean.toFixed(1),
        String(Math.max(...values)),
      ]);
    }),
  ].join("\n");
}

const anvil = await startAnvil();
try {
  const clients = createClients(anvil.rpcUrl);
  const dex = await deployDemoDex(clients);
  const named = accounts();
  const demo = await deployMonitorDemo(clients, { dex, deployer: named.deployer, attacker: named.attacker });
  const watchFile = join(mkdtempSync(join(tmpdir(), "monitor-bench-")), "watch.json");
  writeFileSync(watchFile, JSON.stringify(monitorDemoWatchFile(demo)));
  const attacker = clients.wallet(named.attacker);
  await clients.test.setAutomine(false);

  const configurations: { title: string; config: MonitorConfig }[] = [20, 250].map((pollMs) => ({
    title: `--ws-url + --poll-ms ${pollMs}${pollMs === 250 ? " (the default poll)" : " (the devnet's)"}`,
    config: {
      rpcUrl: anvil.rpcUrl,
      wsUrl: anvil.rpcUrl.replace("http://", "ws://"),
      watch: [],
      watchFile,
      webhooks: [],
      pollMs,
      mempool: true,
      logLevel: "silent",
    },
  }));

  const out: string[] = [];
  for (const { title, config } of configurations) {
    const samples: Sample[] = [];
    for (let run = 0; run < runs + warmup; run++) {
      const snapshot = await clients.test.snapshot();
      const waiting = new Map<string, (value: { alert: Alert; timing: AlertTiming }) => void>();
      const next = (source: Alert["source"]) =>
        new Promise<{ alert: Alert; timing: AlertTiming }>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`run ${run}: no ${source} alert within 10 s`)),
            10_000,
          );
          waiting.set(source, (value) => {
            clearTimeout(timer);
            resolve(value);
          });
        });
      const monitor = await runMonitor(config, pino({ level: "silent" }), {
        onAlert: (alert, timing) => {
          if (alert.type === "flash-loan-exploit") waiting.get(alert.source)?.({ alert, timing });
        },
      });
      try {
        const pending = next("mempool");
        // Signed first: the clock starts at eth_sendRawTransaction, not at viem's nonce and fee reads.
        const request = await attacker.prepareTransactionRequest({
          to: demo.exploit,
          data: attackCalldata(),
          gas: 1_000_000n,
        });
        const serializedTransaction = await attacker.signTransaction(request);
        const sentAt = Date.now();
        const hash: Hex = await attacker.sendRawTransaction({ serializedTransaction });
        const early = await pending;
        if (early.alert.tx !== hash.toLowerCase())
          throw new Error(`run ${run}: alert for another transaction`);
        const mined = next("block");
        const minedAt = Date.now();
        await clients.test.mine({ blocks: 1 });
        const late = await mined;
        if (run >= warmup)
          samples.push({
            mempool: early.alert.detectedAt - early.timing.arrivedAt,
            sendToArrival: early.timing.arrivedAt - sentAt,
            sendToMempoolAlert: early.alert.detectedAt - sentAt,
            block: late.alert.detectedAt - late.timing.arrivedAt,
            mineToBlockAlert: late.alert.detectedAt - minedAt,
          });
      } finally {
        await monitor.stop();
        await clients.test.revert({ id: snapshot });
      }
    }
    out.push(table(title, samples), "");
  }
  out.push(
    `${runs} runs per configuration (+${warmup} warm-up), node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${new Date().toISOString().slice(0, 10)}`,
  );
  process.stdout.write(`${out.join("\n")}\n`);
} finally {
  await anvil.stop();
}
