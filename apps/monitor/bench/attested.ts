import { cpus, totalmem } from "node:os";
import { getTask, loadDeployment } from "@palisade/sdk";
import { accounts } from "@palisade/testkit";
import { type Hex, keccak256, stringToHex } from "viem";
import { MONITOR_ALERT_ENGINE_ID, monitorAlertRequestHash } from "../src/attested/alertVerdict.ts";
import { loadOperatorWatch } from "../src/attested/loadMonitorAlertEngine.ts";
import { attackCalldata } from "../src/demo/attackDemo.ts";
import { startAttestedNetwork } from "../src/testing/attestedNetwork.ts";

const runs = Number(process.argv[2] ?? 10);
const warmup = 1;
if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error("runs: an integer from 1 to 50");

interface Sample {
  sendToAlert: number;
  alertToQuorum: number;
  alertToSent: number;
  mineToRecord: number;
  sameBlock: boolean;
}

const rows: [string, Exclude<keyof Sample, "sameBlock">][] = [
  ["exploit sent → pending alert", "sendToAlert"],
  ["alert → quorum (task final)", "alertToQuorum"],
  ["alert → submitBatch in the mempool", "alertToSent"],
  ["block mined → attestation record", "mineToRecord"],
];

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

// One untouched vault and pair per run: every exploit is a new transaction (a new alert, a new task),
// and none runs against a pair an earlier exploit moved. Nothing is mined until a run mines.
const net = await startAttestedNetwork({ blockSeconds: 0, demos: runs + warmup });
const { f, demos, aggregatorUrl } = net;
try {
  const { watchDigest } = await loadOperatorWatch(net.watchFile, await loadDeployment(net.deploymentFile));
  const log = net.logLines;

  const attacker = f.clients.wallet(accounts().attacker);
  const samples: Sample[] = [];
  for (const [run, demo] of demos.entries()) {
    const request = await attacker.prepareTransactionRequest({
      to: demo.exploit,
      data: attackCalldata(),
      gas: 1_000_000n,
    });
    const serializedTransaction = await attacker.signTransaction(request);
    const sentAt = Date.now();
    const hash = (await attacker.sendRawTransaction({ serializedTransaction })).toLowerCase();
    const alert = await until(`run ${run}: the pending alert`, () =>
      log().alerts.find((a) => a.tx === hash && a.type === "flash-loan-exploit" && a.source === "mempool"),
    );
    const taskId = monitorAlertRequestHash({
      engineVersion: keccak256(stringToHex(MONITOR_ALERT_ENGINE_ID)),
      chainId: f.deployment.chainId,
      alertId: alert.id as Hex,
      txHash: alert.tx as Hex,
      source: "mempool",
      stateBlock: alert.evidence.stateBlock,
      block: 0,
      watchDigest,
    });
    const sent = await until(`run ${run}: submitBatch sent`, async () => {
      const task = await getTask(aggregatorUrl, taskId).catch(() => undefined);
      return task?.batch?.txHash ? { task, at: Date.now() } : undefined;
    });
    // Every urgent certificate of this exploit (three alerts) sent before the block is cut.
    const ids = new Set(
      log()
        .alerts.filter((a) => a.tx === hash && a.source === "mempool")
        .map((a) => a.id),
    );
    await until(`run ${run}: all certificates sent`, async () => {
      const pending = (await f.clients.public.getBlock({ blockTag: "pending" })).transactions.length;
      return pending >= 1 + ids.size ? true : undefined;
    });
    const minedAt = Date.now();
    await f.clients.test.mine({ blocks: 1 });
    const record = await until(`run ${run}: the record`, () =>
      log().records.find((r) => r.alertId === alert.id),
    );
    const receipt = await f.clients.public.getTransactionReceipt({ hash: hash as Hex });
    await until(`run ${run}: every record`, () =>
      [...ids].every((id) => log().records.some((r) => r.alertId === id)) ? true : undefined,
    );
    if (run >= warmup)
      samples.push({
        sendToAlert: alert.detectedAt - sentAt,
        alertToQuorum: (sent.task.verdict?.finalAt ?? Number.NaN) - alert.detectedAt,
        alertToSent: sent.at - alert.detectedAt,
        mineToRecord: record.certifiedAt - minedAt,
        sameBlock: record.submittedBlock === Number(receipt.blockNumber) && record.verdict.reproduced,
      });
  }

  const line = (cells: string[]) =>
    `${(cells[0] ?? "").padEnd(36)} | ${cells
      .slice(1)
      .map((c) => c.padStart(6))
      .join(" | ")}`;
  const out = [
    line(["latency (ms)", "p50", "p99", "mean", "max"]),
    `${"-".repeat(36)}-|-${["", "", "", ""].map(() => "-".repeat(6)).join("-|-")}`,
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
    "",
    `certificate reproduced and in the exploit's block: ${samples.filter((s) => s.sameBlock).length} of ${samples.length}`,
    `${runs} runs (+${warmup} warm-up), node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${new Date().toISOString().slice(0, 10)}`,
  ];
  process.stdout.write(`${out.join("\n")}\n`);
} catch (error) {
  for (const proc of net.procs)
    process.stderr.write(`--- ${proc.name}\n${proc.output.slice(-15).join("\n")}\n`);
  throw error;
} finally {
  await net.stop();
}
