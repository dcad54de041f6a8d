/**
 * The front-run protection demo, repeated (issue 6, decision 0008): real processes (anvil interval
 * mining, four nodes, the aggregator, the monitor with a responder), the demo vault opted in to a
 * ThreatResponse. One run: right after a block, the attacker sends the flash-loan exploit at the default
 * fee; the monitor alerts while it is pending, the operators certify the alert (an urgent task), the
 * monitor presents it to the ThreatResponse. Recorded per run: exploit sent → pending alert (detection),
 * alert → response sent, alert → pause included (its receipt seen), and whether the pause landed in the
 * exploit's block before it (the exploit reverted, the vault kept its WETH). Each run attacks a demo
 * (vault, lender, DEX) of its own; one first run warms the processes up and is not counted.
 *
 *   npm run bench:front-run -- [runs=10] [blockSeconds=2] [--write]
 */
import { appendFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { accounts, repoRoot } from "@palisade/testkit";
import { type Hex, parseAbi } from "viem";
import { attackCalldata } from "../src/demo/attackDemo.ts";
import { nextBlock, startAttestedNetwork } from "../src/testing/attestedNetwork.ts";

const args = process.argv.slice(2).filter((arg) => arg !== "--write");
const write = process.argv.includes("--write");
const runs = Number(args[0] ?? 10);
const blockSeconds = Number(args[1] ?? 2);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error("runs: an integer from 1 to 50");
if (!Number.isInteger(blockSeconds) || blockSeconds < 1 || blockSeconds > 12)
  throw new Error("blockSeconds: an integer from 1 to 12");

interface Sample {
  detection: number;
  alertToResponseSent: number;
  alertToPauseIncluded: number;
  frontRun: boolean;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const erc20 = parseAbi(["function balanceOf(address owner) view returns (uint256)"]);
const warmup = 1;
const net = await startAttestedNetwork({ blockSeconds, respond: true, demos: runs + warmup });
const samples: Sample[] = [];
try {
  const { f } = net;
  for (let index = 0; index < runs + warmup; index++) {
    const run = index - warmup;
    const demo = net.demos[index];
    if (!demo) throw new Error("unreachable: a demo per run");
    const vaultWeth = () =>
      f.clients.public.readContract({
        address: demo.weth,
        abi: erc20,
        functionName: "balanceOf",
        args: [demo.vault],
      });
    const initial = await vaultWeth();
    await nextBlock(f);
    const sentAt = Date.now();
    const exploitTx = await f.clients.wallet(accounts().attacker).sendTransaction({
      to: demo.exploit,
      data: attackCalldata(),
      gas: 1_000_000n,
    });
    const alert = await net.until("the pending alert", () =>
      net
        .logLines()
        .alerts.find((a) => a.tx === exploitTx && a.type === "flash-loan-exploit" && a.source === "mempool"),
    );
    const record = await net.until(
      "the response",
      () => net.logLines().records.find((r) => r.alertId === alert.id && r.threatResponse !== undefined),
      60_000,
    );
    const response = record.threatResponse;
    if (!response) throw new Error("unreachable: found with a response");
    const sentLine = net.monitor.output
      .map((line) => (line.includes('"msg":"threat response sent"') ? JSON.parse(line) : undefined))
      .find((line) => line?.alert === alert.id) as { time: number } | undefined;
    const exploit = await f.clients.public.getTransactionReceipt({ hash: exploitTx });
    const pause = await f.clients.public.getTransactionReceipt({ hash: response.tx as Hex });
    const frontRun =
      exploit.status === "reverted" &&
      pause.blockNumber === exploit.blockNumber &&
      pause.transactionIndex < exploit.transactionIndex &&
      (await vaultWeth()) === initial;
    const toSent = sentLine ? sentLine.time - alert.detectedAt : Number.NaN;
    process.stdout.write(
      `${run < 0 ? "warm-up" : `run ${run + 1}/${runs}`}: detection ${alert.detectedAt - sentAt} ms, ` +
        `response sent +${toSent} ms, pause included +${response.latencyMs} ms, front-run ${frontRun ? "yes" : "NO"}\n`,
    );
    if (run >= 0)
      samples.push({
        detection: alert.detectedAt - sentAt,
        alertToResponseSent: toSent,
        alertToPauseIncluded: response.latencyMs,
        frontRun,
      });
    // Let the exploit's other alerts (outflow, oracle) be answered before the next run.
    await nextBlock(f);
  }
} finally {
  await net.stop();
}

const row = (name: string, key: Exclude<keyof Sample, "frontRun">) => {
  const values = samples.map((s) => s[key]).filter((v) => Number.isFinite(v));
  return `| ${name} | ${percentile(values, 50)} ms | ${percentile(values, 99)} ms |`;
};
const fronted = samples.filter((s) => s.frontRun).length;
const report = [
  `### Front-run protection, ${new Date().toISOString().slice(0, 10)} (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, blocks every ${blockSeconds} s, ${samples.length} runs)`,
  "",
  "| step | p50 | p99 |",
  "|---|---|---|",
  row("exploit sent → pending alert (detection)", "detection"),
  row("alert → ThreatResponse.respond sent", "alertToResponseSent"),
  row("alert → pause included (receipt seen)", "alertToPauseIncluded"),
  "",
  `Paused in the exploit's own block, before it (exploit reverted, vault intact): **${fronted} of ${samples.length}** runs.`,
  "",
].join("\n");
process.stdout.write(`\n${report}`);
if (write) appendFileSync(join(repoRoot, "apps/monitor/bench/results.md"), `\n${report}`);
