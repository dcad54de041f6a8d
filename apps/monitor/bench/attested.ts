/**
 * Alert → certificate latency of attested alerts (decision 0008), with real processes: anvil (automine off)
 * with Palisade's AVS and four registered operators, the demo DEX and one attack demo per run; four
 * `apps/node/src/main.ts run`, the aggregator (its default batching) and the monitor with
 * `--aggregator-url`, all on one watch file. `tsx apps/monitor/bench/attested.ts [runs]` (default 10, plus
 * one warm-up run).
 *
 * One run: send the demo's pre-signed exploit (it stays pending: nothing is mined), wait for the
 * monitor's pending flash-loan alert, then for its urgent task's `submitBatch` to be sent (the task view's
 * `batch.txHash`), then mine one block and wait for the attestation record. What it tells: how long a
 * chain's block may be for the certificate to land in the exploit's block — alert → `submitBatch` in the
 * mempool — and whether it did (same block).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { getTask, loadDeployment, writeDeployment } from "@palisade/sdk";
import {
  accounts,
  avsFixture,
  deployDemoDex,
  freePort,
  killProcess,
  repoRoot,
  startTsProcess,
  type TsProcess,
  waitHealthy,
  writeOperatorKeystores,
} from "@palisade/testkit";
import { type Hex, keccak256, parseEther, stringToHex, toHex } from "viem";
import { type Alert, parseAlert } from "../src/alert.ts";
import { MONITOR_ALERT_ENGINE_ID, monitorAlertRequestHash } from "../src/attested/alertVerdict.ts";
import { type AttestationRecord, parseAttestationRecord } from "../src/attested/attestationRecord.ts";
import { loadOperatorWatch } from "../src/attested/loadMonitorAlertEngine.ts";
import {
  attackCalldata,
  deployMonitorDemo,
  type MonitorDemo,
  monitorDemoWatchFile,
} from "../src/demo/attackDemo.ts";
import type { WatchFile } from "../src/watch.ts";

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

const procs: TsProcess[] = [];
const nodePorts = await Promise.all([0, 1, 2, 3].map(() => freePort()));
const f = await avsFixture({ nodeUrls: nodePorts.map((port) => `http://127.0.0.1:${port}`) });
const dir = mkdtempSync(join(tmpdir(), "palisade-attested-bench-"));
try {
  await f.clients.test.mine({ blocks: 2 });
  await f.clients.test.setBalance({ address: accounts().submitter.address, value: parseEther("1000") });
  // Each demo wraps 1 100 ether for its lender and vault.
  await f.clients.test.setBalance({ address: accounts().deployer.address, value: parseEther("1000000") });
  // One untouched vault and pair per run: every exploit is a new transaction (a new alert, a new task),
  // and none runs against a pair an earlier exploit moved.
  const demos: MonitorDemo[] = [];
  for (let i = 0; i < runs + warmup; i++)
    demos.push(
      await deployMonitorDemo(f.clients, {
        dex: await deployDemoDex(f.clients),
        deployer: accounts().deployer,
        attacker: accounts().attacker,
      }),
    );
  const files = demos.map(monitorDemoWatchFile);
  const watch: WatchFile = {
    version: 1,
    contracts: files.flatMap((file) => file.contracts ?? []),
    oracles: [...new Map(files.flatMap((file) => file.oracles ?? []).map((o) => [o.address, o])).values()],
    labels: Object.assign({}, ...files.map((file) => file.labels)),
    approvalDrain: { minOwners: 3 },
  };
  const watchFile = join(dir, "watch.json");
  writeFileSync(watchFile, JSON.stringify(watch));
  const deploymentFile = join(dir, "deployment.json");
  await writeDeployment(deploymentFile, f.deployment);
  const { watchDigest } = await loadOperatorWatch(watchFile, await loadDeployment(deploymentFile));
  const logFile = join(dir, "alerts.jsonl");
  const keys = await writeOperatorKeystores(join(dir, "keys"), 4);
  const aggregatorUrl = `http://127.0.0.1:${await freePort()}`;
  const submitterKey = accounts().submitter.getHdKey().privateKey;
  if (!submitterKey) throw new Error("unreachable: an HD account has a private key");

  const aggregator = startTsProcess(
    "aggregator",
    join(repoRoot, "apps/aggregator/src/main.ts"),
    [
      "--deployment",
      deploymentFile,
      "--watch-file",
      watchFile,
      "--data-dir",
      join(dir, "aggregator"),
      "--port",
      new URL(aggregatorUrl).port,
      "--confirmations",
      "1",
      "--task-poll-ms",
      "0",
    ],
    { PALISADE_SUBMITTER_KEY: toHex(submitterKey) },
  );
  procs.push(aggregator);
  const nodes = [0, 1, 2, 3].map((i) =>
    startTsProcess(`node-${i}`, join(repoRoot, "apps/node/src/main.ts"), [
      "run",
      "--deployment",
      deploymentFile,
      "--watch-file",
      watchFile,
      "--bls-keystore",
      keys.keystores[i] as string,
      "--bls-password-file",
      keys.passwordFile,
      "--data-dir",
      join(dir, `node-${i}`),
      "--port",
      String(nodePorts[i]),
      "--aggregator-url",
      aggregatorUrl,
      "--task-poll-ms",
      "0",
      "--log-level",
      "warn",
    ]),
  );
  procs.push(...nodes);
  await Promise.all([
    waitHealthy(aggregator, `${aggregatorUrl}/health`, [200], 120_000),
    ...nodes.map((node, i) =>
      waitHealthy(node, `http://127.0.0.1:${nodePorts[i]}/eigen/node/health`, [200, 206], 120_000),
    ),
  ]);
  await f.clients.test.setAutomine(false);
  const monitor = startTsProcess("monitor", join(repoRoot, "apps/monitor/src/main.ts"), [
    "--deployment",
    deploymentFile,
    "--ws-url",
    f.anvil.rpcUrl.replace("http://", "ws://"),
    "--poll-ms",
    "20",
    "--watch-file",
    watchFile,
    "--aggregator-url",
    aggregatorUrl,
    "--log",
    logFile,
  ]);
  procs.push(monitor);
  await until(
    "monitor ready",
    () => monitor.output.find((line) => line.includes('"msg":"monitor ready"')),
    60_000,
  );

  const log = () => {
    let text = "";
    try {
      text = readFileSync(logFile, "utf8");
    } catch {
      return { alerts: [] as Alert[], records: [] as AttestationRecord[] };
    }
    const lines = text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { schema: string });
    return {
      alerts: lines.filter((l) => l.schema === "palisade.alert/1").map(parseAlert),
      records: lines.filter((l) => l.schema === "palisade.attestation/1").map(parseAttestationRecord),
    };
  };

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
  for (const proc of procs) process.stderr.write(`--- ${proc.name}\n${proc.output.slice(-15).join("\n")}\n`);
  throw error;
} finally {
  for (const proc of procs) await killProcess(proc);
  await f.stop();
  rmSync(dir, { recursive: true, force: true });
}
