/**
 * Attested alerts end to end, as real processes (decision 0008): anvil with Palisade's AVS and four
 * registered operators, the demo DEX and the attack demo; four `apps/node/src/main.ts run`, the
 * aggregator and the monitor, all with the same `--watch-file` and deployment. Anvil mines every 2 s, so
 * the exploit is seen pending: the monitor opens an urgent `monitor-alert@1` task, the nodes re-run the
 * detectors and the certificate lands on-chain; the monitor logs the attestation record. A forged alert
 * (an id no detector produces) is certified as not reproduced, and one naming another watch digest is
 * refused. Every process is started and killed by its PID.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { serviceManagerAbi } from "@palisade/abis";
import {
  AggregatorHttpError,
  loadDeployment,
  submitTask,
  verifyVerdictOnChain,
  waitForCertificate,
  writeDeployment,
} from "@palisade/sdk";
import {
  type AvsFixture,
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
import {
  decodeAbiParameters,
  getAddress,
  type Hex,
  keccak256,
  parseAbiParameters,
  parseEther,
  stringToHex,
  toHex,
} from "viem";
import { type Alert, parseAlert } from "./alert.ts";
import { MONITOR_ALERT_ENGINE_ID, monitorAlertRequestHash } from "./attested/alertVerdict.ts";
import { type AttestationRecord, parseAttestationRecord } from "./attested/attestationRecord.ts";
import { loadOperatorWatch } from "./attested/loadMonitorAlertEngine.ts";
import {
  attackCalldata,
  deployMonitorDemo,
  type MonitorDemo,
  monitorDemoWatchFile,
} from "./demo/attackDemo.ts";

const nodeScript = join(repoRoot, "apps/node/src/main.ts");
const aggregatorScript = join(repoRoot, "apps/aggregator/src/main.ts");
const monitorScript = join(repoRoot, "apps/monitor/src/main.ts");
/** The marketplace service the watch file maps the vault to. */
const VAULT_SERVICE_ID = 3;
/** AlertVerdict as decision 0008 spells it. */
const alertVerdictStruct = parseAbiParameters(
  "(bytes32 alertId, uint64 chainId, bool reproduced, uint8 alertType, uint8 severity, address protocol, uint64 serviceId, address[] implicatedOperators)",
);

let f: AvsFixture;
let demo: MonitorDemo;
let dir: string;
let deploymentFile: string;
let watchFile: string;
let logFile: string;
let aggregatorUrl: string;
const procs: TsProcess[] = [];
const timeline: string[] = [];
const t0 = Date.now();
const mark = (event: string) => timeline.push(`${String(Date.now() - t0).padStart(6)} ms  ${event}`);

function start(name: string, script: string, args: string[], env: NodeJS.ProcessEnv = {}): TsProcess {
  const proc = startTsProcess(name, script, args, env);
  procs.push(proc);
  return proc;
}

function diagnostics(): string {
  return [
    `timeline:\n${timeline.join("\n")}`,
    ...procs.map((p) => `--- ${p.name} (pid ${p.pid}) ---\n${p.output.slice(-30).join("\n")}`),
  ].join("\n");
}

async function withDiagnostics(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof Error) error.message += `\n\n${diagnostics()}`;
    throw error;
  }
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    const dead = procs.find((p) => p.exitedAt);
    if (dead) throw new Error(`${dead.name} exited (${JSON.stringify(dead.exitedAt)}) before ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The JSONL log's lines: alerts and attestation records, told apart by `schema`. */
function logLines(): { alerts: Alert[]; records: AttestationRecord[] } {
  let text = "";
  try {
    text = readFileSync(logFile, "utf8");
  } catch {
    return { alerts: [], records: [] };
  }
  const lines = text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { schema: string });
  return {
    alerts: lines.filter((l) => l.schema === "palisade.alert/1").map(parseAlert),
    records: lines.filter((l) => l.schema === "palisade.attestation/1").map(parseAttestationRecord),
  };
}

/** A `"msg":"…"` line's JSON from a process's output. */
function logged(proc: TsProcess, msg: string): Record<string, unknown> | undefined {
  const line = proc.output.find((l) => l.includes(`"msg":"${msg}"`));
  return line === undefined ? undefined : (JSON.parse(line) as Record<string, unknown>);
}

const verifyOnChain = (record: AttestationRecord) =>
  verifyVerdictOnChain(f.clients.public, {
    serviceManager: f.deployment.avs.serviceManager,
    batchRoot: record.attestation.batchRoot as Hex,
    verdict: {
      requestHash: record.attestation.requestHash as Hex,
      responseHash: keccak256(record.attestation.response as Hex),
      engineVersion: keccak256(stringToHex(MONITOR_ALERT_ENGINE_ID)),
      referenceBlock: record.attestation.referenceBlock,
    },
    proof: record.attestation.proof as Hex[],
  });

let nodes: TsProcess[];
let aggregator: TsProcess;
let monitor: TsProcess;
/** The exploit's pending alert and its attestation record. */
let alert: Alert;

before(async () => {
  mark("before: avsFixture");
  const nodePorts = await Promise.all([0, 1, 2, 3].map(() => freePort()));
  f = await avsFixture({ nodeUrls: nodePorts.map((port) => `http://127.0.0.1:${port}`) });
  await f.clients.test.mine({ blocks: 2 });
  await f.clients.test.setBalance({ address: accounts().submitter.address, value: parseEther("100") });
  const dex = await deployDemoDex(f.clients);
  demo = await deployMonitorDemo(f.clients, {
    dex,
    deployer: accounts().deployer,
    attacker: accounts().attacker,
    guardian: accounts().pauser.address,
  });
  dir = mkdtempSync(join(tmpdir(), "palisade-attested-"));
  deploymentFile = join(dir, "deployment.json");
  await writeDeployment(deploymentFile, f.deployment);
  const file = monitorDemoWatchFile(demo);
  watchFile = join(dir, "watch.json");
  writeFileSync(
    watchFile,
    JSON.stringify({
      ...file,
      contracts: (file.contracts ?? []).map((entry) =>
        entry.address === demo.vault ? { ...entry, serviceId: VAULT_SERVICE_ID } : entry,
      ),
    }),
  );
  logFile = join(dir, "alerts.jsonl");
  const keys = await writeOperatorKeystores(join(dir, "keys"), 4);
  aggregatorUrl = `http://127.0.0.1:${await freePort()}`;
  const submitterKey = accounts().submitter.getHdKey().privateKey;
  assert.ok(submitterKey);
  mark("before: starting 4 nodes and the aggregator");
  await withDiagnostics(async () => {
    // The aggregator's batching as shipped (2 s interval, 1 s straggler grace): the monitor's urgent
    // tasks must not wait for them.
    aggregator = start(
      "aggregator",
      aggregatorScript,
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
    nodes = [0, 1, 2, 3].map((i) =>
      start(`node-${i}`, nodeScript, [
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
      ]),
    );
    await Promise.all([
      waitHealthy(aggregator, `${aggregatorUrl}/health`, [200]),
      ...nodes.map((node, i) =>
        waitHealthy(node, `http://127.0.0.1:${nodePorts[i]}/eigen/node/health`, [200, 206]),
      ),
    ]);
    mark("before: nodes and aggregator healthy");
    // From here on a block every 2 s: a transaction stays pending long enough to be seen there.
    await f.clients.test.setAutomine(false);
    await f.clients.test.setIntervalMining({ interval: 2 });
    monitor = start("monitor", monitorScript, [
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
    await until("monitor ready", () => logged(monitor, "monitor ready"));
    mark("before: monitor ready");
  });
});

after(async () => {
  for (const proc of procs) await killProcess(proc);
  await f?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("every party loads the same watch: one digest, logged at start by the nodes, the aggregator and the monitor", async () => {
  await withDiagnostics(async () => {
    const { watchDigest } = await loadOperatorWatch(watchFile, await loadDeployment(deploymentFile));
    const digests = [...nodes, aggregator].map((p) => logged(p, "monitor-alert engine loaded")?.watchDigest);
    assert.deepEqual(digests, [watchDigest, watchDigest, watchDigest, watchDigest, watchDigest]);
    assert.equal(logged(monitor, "monitor ready")?.watchDigest, watchDigest);
  });
});

test("the demo exploit, pending: certified on-chain as a reproduced critical flash-loan exploit of the vault", async () => {
  await withDiagnostics(async () => {
    // Right after a block, so the exploit waits ~2 s in the mempool.
    const startBlock = await f.clients.public.getBlockNumber({ cacheTime: 0 });
    for (let now = startBlock; now === startBlock; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      now = await f.clients.public.getBlockNumber({ cacheTime: 0 });
    }
    const hash = await f.clients.wallet(accounts().attacker).sendTransaction({
      to: demo.exploit,
      data: attackCalldata(),
      gas: 1_000_000n,
    });
    mark(`exploit sent (${hash.slice(0, 10)}…)`);
    alert = await until("the pending alert", () =>
      logLines().alerts.find(
        (a) => a.tx === hash && a.type === "flash-loan-exploit" && a.source === "mempool",
      ),
    );
    mark(`pending alert ${alert.id.slice(0, 10)}…`);
    const record = await until(
      "the attestation record",
      () => logLines().records.find((r) => r.alertId === alert.id),
      60_000,
    );
    mark(
      `attestation record: submitBatch ${record.submitTx.slice(0, 10)}… in block ${record.submittedBlock}`,
    );

    assert.equal(record.source, "mempool", "the pending detection is the one attested");
    assert.equal(record.tx, hash);
    assert.equal(record.attestation.referenceBlock, alert.evidence.stateBlock);
    assert.deepEqual(record.attestation.proof, [], "urgent: a batch of its own");
    // The task is the question decision 0008 defines, computed here from the alert and the watch.
    const { watchDigest } = await loadOperatorWatch(watchFile, await loadDeployment(deploymentFile));
    assert.equal(
      record.attestation.requestHash,
      monitorAlertRequestHash({
        engineVersion: keccak256(stringToHex(MONITOR_ALERT_ENGINE_ID)),
        chainId: f.deployment.chainId,
        alertId: alert.id as Hex,
        txHash: alert.tx as Hex,
        source: "mempool",
        stateBlock: alert.evidence.stateBlock,
        block: 0,
        watchDigest,
      }),
    );
    assert.equal(await verifyOnChain(record), true, "ServiceManager.verifyVerdict");
    const [verdict] = decodeAbiParameters(alertVerdictStruct, record.attestation.response as Hex);
    assert.deepEqual(verdict, {
      alertId: alert.id,
      chainId: BigInt(f.deployment.chainId),
      reproduced: true,
      alertType: 1, // flash-loan-exploit
      severity: 4, // critical
      protocol: getAddress(demo.vault),
      serviceId: BigInt(VAULT_SERVICE_ID),
      implicatedOperators: [],
    });
    const batch = await f.clients.public.readContract({
      address: f.deployment.avs.serviceManager,
      abi: serviceManagerAbi,
      functionName: "getBatch",
      args: [record.attestation.batchRoot as Hex],
    });
    assert.equal(batch.verdictCount, 1);
    assert.equal(batch.signedStake, batch.totalStake, "all four operators signed");
    const receipt = await f.clients.public.getTransactionReceipt({ hash });
    process.stdout.write(
      `# alert → certificate on-chain: ${record.latencyMs} ms (alert at stateBlock ${alert.evidence.stateBlock}, ` +
        `exploit mined in ${receipt.blockNumber}, submitBatch in ${record.submittedBlock})\n`,
    );

    // The mined detection of the same attack (same id) is not attested again.
    await until("the mined alert", () =>
      logLines().alerts.find((a) => a.id === alert.id && a.source === "block"),
    );
    assert.equal(logLines().records.filter((r) => r.alertId === alert.id).length, 1);
  });
});

test("a forged alert (an id no detector produces) is certified as not reproduced, never as reproduced", async () => {
  await withDiagnostics(async () => {
    assert.ok(alert, "needs the previous test's alert");
    const { watchDigest } = await loadOperatorWatch(watchFile, await loadDeployment(deploymentFile));
    const forged = { ...alert, id: keccak256(stringToHex("an attack that never happened")) };
    const task = await submitTask(aggregatorUrl, {
      engine: MONITOR_ALERT_ENGINE_ID,
      request: { alert: forged, watchDigest },
      urgent: true,
    });
    const done = await waitForCertificate(aggregatorUrl, task.id, { timeoutMs: 30_000, pollMs: 20 });
    const response = (
      done.responses.find((r) => r.responseHash === done.verdict.responseHash)?.response as {
        response: Hex;
      }
    )?.response;
    assert.ok(response);
    assert.equal(done.responses.length, 1, "every node gave the same answer");
    const [verdict] = decodeAbiParameters(alertVerdictStruct, response);
    assert.equal(verdict.reproduced, false);
    assert.deepEqual(verdict, {
      alertId: forged.id,
      chainId: BigInt(f.deployment.chainId),
      reproduced: false,
      alertType: 0,
      severity: 0,
      protocol: "0x0000000000000000000000000000000000000000",
      serviceId: 0n,
      implicatedOperators: [],
    });
    assert.equal(
      await verifyVerdictOnChain(f.clients.public, {
        serviceManager: f.deployment.avs.serviceManager,
        batchRoot: done.batch.batchRoot,
        verdict: {
          requestHash: done.id,
          responseHash: done.verdict.responseHash,
          engineVersion: done.engineVersion,
          referenceBlock: done.referenceBlock,
        },
        proof: done.batch.proof,
      }),
      true,
    );
    mark("forged alert certified as not reproduced");

    // Another watch digest: refused by the aggregator before any node is asked.
    await assert.rejects(
      submitTask(aggregatorUrl, {
        engine: MONITOR_ALERT_ENGINE_ID,
        request: { alert, watchDigest: keccak256(stringToHex("another watch")) },
      }),
      (error: unknown) =>
        error instanceof AggregatorHttpError &&
        error.status === 400 &&
        error.code === "WatchDigestMismatchError" &&
        error.shortMessage.includes(watchDigest),
    );
  });
});

test("every process is stopped by its PID", async () => {
  for (const proc of procs) await killProcess(proc);
  for (const proc of procs)
    assert.throws(() => process.kill(proc.pid, 0), { code: "ESRCH" }, `${proc.name} still runs`);
  process.stdout.write(`# attested-alert timeline\n${timeline.map((line) => `# ${line}`).join("\n")}\n`);
});
