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
import { after, before, test } from "node:test";
import { serviceManagerAbi } from "@palisade/abis";
import {
  AggregatorHttpError,
  loadDeployment,
  submitTask,
  verifyVerdictOnChain,
  waitForCertificate,
} from "@palisade/sdk";
import { accounts, killProcess, type TsProcess } from "@palisade/testkit";
import { decodeAbiParameters, getAddress, type Hex, keccak256, parseAbiParameters, stringToHex } from "viem";
import type { Alert } from "./alert.ts";
import { MONITOR_ALERT_ENGINE_ID, monitorAlertRequestHash } from "./attested/alertVerdict.ts";
import type { AttestationRecord } from "./attested/attestationRecord.ts";
import { loadOperatorWatch } from "./attested/loadMonitorAlertEngine.ts";
import { attackCalldata } from "./demo/attackDemo.ts";
import { type AttestedNetwork, startAttestedNetwork } from "./testing/attestedNetwork.ts";

/** The marketplace service the watch file maps the vault to. */
const VAULT_SERVICE_ID = 3;
/** AlertVerdict as decision 0008 spells it. */
const alertVerdictStruct = parseAbiParameters(
  "(bytes32 alertId, uint64 chainId, bool reproduced, uint8 alertType, uint8 severity, address protocol, uint64 serviceId, address[] implicatedOperators)",
);

let net: AttestedNetwork;
let f: AttestedNetwork["f"];
let demo: AttestedNetwork["demo"];
let deploymentFile: string;
let watchFile: string;
let aggregatorUrl: string;
let nodes: TsProcess[];
let aggregator: TsProcess;
let monitor: TsProcess;
let procs: TsProcess[];
const withDiagnostics = (body: () => Promise<void>) => net.withDiagnostics(body);
const logLines = () => net.logLines();
const logged = (proc: TsProcess, msg: string) => net.logged(proc, msg);
const until = <T>(what: string, probe: () => T | undefined, timeoutMs?: number) =>
  net.until(what, probe, timeoutMs);
const mark = (event: string) => net.mark(event);
/** The exploit's pending alert and its attestation record. */
let alert: Alert;

before(async () => {
  // A block every 2 s: a transaction stays pending long enough to be seen there.
  net = await startAttestedNetwork({ blockSeconds: 2, vaultServiceId: VAULT_SERVICE_ID });
  ({ f, demo, deploymentFile, watchFile, aggregatorUrl, nodes, aggregator, monitor, procs } = net);
});

after(async () => {
  await net?.stop();
});

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
  process.stdout.write(`# attested-alert timeline\n${net.timeline.map((line) => `# ${line}`).join("\n")}\n`);
});
