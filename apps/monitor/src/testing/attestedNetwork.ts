/**
 * Attested alerts as real processes, for the process tests and the benches: anvil with Palisade's AVS
 * and four registered operators, the demo DEX and the attack demo; four `apps/node/src/main.ts run`, the
 * aggregator and the monitor, all with the same `--watch-file` and deployment. With `respond`, a
 * ThreatResponse (owned by the deployer) is deployed, the demo vault opted in by its guardian, and the
 * monitor presents each certified alert to it (`--respond-key-file`). Every process is started and
 * killed by its PID.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serviceManagerAbi, threatResponseAbi } from "@palisade/abis";
import { writeDeployment } from "@palisade/sdk";
import {
  type AvsFixture,
  accounts,
  avsFixture,
  bytecodeOf,
  deployDemoDex,
  freePort,
  killProcess,
  repoRoot,
  sendAndWait,
  startTsProcess,
  type TsProcess,
  waitHealthy,
  writeOperatorKeystores,
} from "@palisade/testkit";
import { type Address, encodeDeployData, encodeFunctionData, parseAbi, parseEther, toHex } from "viem";
import { type Alert, parseAlert } from "../alert.ts";
import { type AttestationRecord, parseAttestationRecord } from "../attested/attestationRecord.ts";
import { deployMonitorDemo, type MonitorDemo, monitorDemoWatchFile } from "../demo/attackDemo.ts";

const nodeScript = join(repoRoot, "apps/node/src/main.ts");
const aggregatorScript = join(repoRoot, "apps/aggregator/src/main.ts");
const monitorScript = join(repoRoot, "apps/monitor/src/main.ts");

/** How long the demo vault may be paused (its own cap), and the policy's pause. */
export const VAULT_MAX_PAUSE_SECONDS = 3_600;

export interface AttestedNetworkOptions {
  /** Seconds between blocks once everything runs (anvil interval mining); 0: no mining (the bench mines). */
  blockSeconds: number;
  /** Map the vault to this marketplace service id in the watch file. */
  vaultServiceId?: number;
  /** Deploy a ThreatResponse, opt the vault in and start the monitor with a responder key. */
  respond?: boolean;
  /** Extra monitor flags. */
  monitorArgs?: string[];
  /**
   * Attack demos to deploy, each with its own DEX (default 1): a bench runs each exploit against a vault
   * and a pair no earlier run touched. All are watched (one watch file) and, with `respond`, opted in.
   */
  demos?: number;
}

export interface AttestedNetwork {
  f: AvsFixture;
  /** The first of `demos`. */
  demo: MonitorDemo;
  demos: MonitorDemo[];
  dir: string;
  deploymentFile: string;
  watchFile: string;
  logFile: string;
  aggregatorUrl: string;
  nodes: TsProcess[];
  aggregator: TsProcess;
  monitor: TsProcess;
  procs: TsProcess[];
  /** The ThreatResponse, with `respond`. */
  threatResponse?: Address;
  /** The JSONL log's lines: alerts and attestation records, told apart by `schema`. */
  logLines(): { alerts: Alert[]; records: AttestationRecord[] };
  /** A `"msg":"…"` line's JSON from a process's output. */
  logged(proc: TsProcess, msg: string): Record<string, unknown> | undefined;
  /** Polls `probe` every 20 ms; fails early when a process exited. */
  until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  mark(event: string): void;
  /** Runs `body`, appending the timeline and each process's last lines to a failure's message. */
  withDiagnostics(body: () => Promise<void>): Promise<void>;
  timeline: string[];
  stop(): Promise<void>;
}

/** Waits until the chain moves to a new block (so what is sent next waits a whole interval). */
export async function nextBlock(f: AvsFixture): Promise<bigint> {
  const start = await f.clients.public.getBlockNumber({ cacheTime: 0 });
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = await f.clients.public.getBlockNumber({ cacheTime: 0 });
    if (now !== start) return now;
  }
}

export async function startAttestedNetwork(options: AttestedNetworkOptions): Promise<AttestedNetwork> {
  const procs: TsProcess[] = [];
  const timeline: string[] = [];
  const t0 = Date.now();
  const mark = (event: string) => timeline.push(`${String(Date.now() - t0).padStart(6)} ms  ${event}`);
  const start = (name: string, script: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
    const proc = startTsProcess(name, script, args, env);
    procs.push(proc);
    return proc;
  };
  const diagnostics = () =>
    [
      `timeline:\n${timeline.join("\n")}`,
      ...procs.map((p) => `--- ${p.name} (pid ${p.pid}) ---\n${p.output.slice(-30).join("\n")}`),
    ].join("\n");
  const withDiagnostics = async (body: () => Promise<void>) => {
    try {
      await body();
    } catch (error) {
      if (error instanceof Error) error.message += `\n\n${diagnostics()}`;
      throw error;
    }
  };
  const until = async <T>(
    what: string,
    probe: () => T | undefined | Promise<T | undefined>,
    timeoutMs = 30_000,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      const dead = procs.find((p) => p.exitedAt);
      if (dead) throw new Error(`${dead.name} exited (${JSON.stringify(dead.exitedAt)}) before ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const logged = (proc: TsProcess, msg: string) => {
    const line = proc.output.find((l) => l.includes(`"msg":"${msg}"`));
    return line === undefined ? undefined : (JSON.parse(line) as Record<string, unknown>);
  };

  mark("avsFixture");
  const nodePorts = await Promise.all([0, 1, 2, 3].map(() => freePort()));
  const f = await avsFixture({ nodeUrls: nodePorts.map((port) => `http://127.0.0.1:${port}`) });
  const named = accounts();
  const dir = mkdtempSync(join(tmpdir(), "palisade-attested-"));
  const logFile = join(dir, "alerts.jsonl");
  const logLines = () => {
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
  };
  const stop = async () => {
    for (const proc of procs) await killProcess(proc);
    await f.stop();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await f.clients.test.mine({ blocks: 2 });
    await f.clients.test.setBalance({ address: named.submitter.address, value: parseEther("100") });
    const demoCount = options.demos ?? 1;
    // Each demo wraps 1 100 ether for its lender and vault.
    if (demoCount > 1)
      await f.clients.test.setBalance({ address: named.deployer.address, value: parseEther("1000000") });
    const demos: MonitorDemo[] = [];
    for (let i = 0; i < demoCount; i++)
      demos.push(
        await deployMonitorDemo(f.clients, {
          dex: await deployDemoDex(f.clients),
          deployer: named.deployer,
          attacker: named.attacker,
        }),
      );
    const demo = demos[0] as MonitorDemo;
    let threatResponse: Address | undefined;
    let responderKeyFile: string | undefined;
    if (options.respond) {
      threatResponse = await deployThreatResponse(f);
      for (const each of demos)
        await sendAndWait(
          f.clients.wallet(named.deployer),
          {
            to: each.vault,
            data: encodeFunctionData({
              abi: parseAbi(["function setThreatResponse(address threatResponse, uint32 maxPause)"]),
              functionName: "setThreatResponse",
              args: [threatResponse, VAULT_MAX_PAUSE_SECONDS],
            }),
          },
          "DemoLendingVault.setThreatResponse",
        );
      await f.clients.test.setBalance({ address: named.responder.address, value: parseEther("10") });
      const key = named.responder.getHdKey().privateKey;
      if (!key) throw new Error("unreachable: an HD account has a private key");
      responderKeyFile = join(dir, "responder.key");
      writeFileSync(responderKeyFile, `${toHex(key)}\n`, { mode: 0o600 });
      mark(`ThreatResponse ${threatResponse}; the vault opted in`);
    }
    const deploymentFile = join(dir, "deployment.json");
    await writeDeployment(deploymentFile, f.deployment);
    const files = demos.map(monitorDemoWatchFile);
    const vaults = new Set<string>(demos.map((each) => each.vault));
    const watchFile = join(dir, "watch.json");
    writeFileSync(
      watchFile,
      JSON.stringify({
        ...files[0],
        contracts: files
          .flatMap((file) => file.contracts ?? [])
          .map((entry) =>
            vaults.has(entry.address) && options.vaultServiceId !== undefined
              ? { ...entry, serviceId: options.vaultServiceId }
              : entry,
          ),
        oracles: [
          ...new Map(files.flatMap((file) => file.oracles ?? []).map((o) => [o.address, o])).values(),
        ],
        labels: Object.assign({}, ...files.map((file) => file.labels)),
      }),
    );
    const keys = await writeOperatorKeystores(join(dir, "keys"), 4);
    const aggregatorUrl = `http://127.0.0.1:${await freePort()}`;
    const submitterKey = named.submitter.getHdKey().privateKey;
    if (!submitterKey) throw new Error("unreachable: an HD account has a private key");
    mark("starting 4 nodes and the aggregator");
    let nodes: TsProcess[] = [];
    let aggregator: TsProcess | undefined;
    let monitor: TsProcess | undefined;
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
      mark("nodes and aggregator healthy");
      await f.clients.test.setAutomine(false);
      // From here on a block every `blockSeconds`: a transaction stays pending long enough to be seen.
      if (options.blockSeconds > 0)
        await f.clients.test.setIntervalMining({ interval: options.blockSeconds });
      const started = start("monitor", monitorScript, [
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
        ...(threatResponse && responderKeyFile
          ? ["--respond-key-file", responderKeyFile, "--threat-response", threatResponse]
          : []),
        ...(options.monitorArgs ?? []),
      ]);
      monitor = started;
      await until("monitor ready", () => logged(started, "monitor ready"));
      mark("monitor ready");
    });
    if (!aggregator || !monitor) throw new Error("unreachable: the processes started");
    return {
      f,
      demo,
      demos,
      dir,
      deploymentFile,
      watchFile,
      logFile,
      aggregatorUrl,
      nodes,
      aggregator,
      monitor,
      procs,
      ...(threatResponse ? { threatResponse } : {}),
      logLines,
      logged,
      until,
      mark,
      withDiagnostics,
      timeline,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A ThreatResponse owned by the deployer, acting on high and critical alerts at most 300 blocks old;
 * pauses of an hour; the threshold floor at the ServiceManager's own threshold.
 */
async function deployThreatResponse(f: AvsFixture): Promise<Address> {
  const serviceManager = f.deployment.avs.serviceManager;
  const threshold = await f.clients.public.readContract({
    address: serviceManager,
    abi: serviceManagerAbi,
    functionName: "quorumThresholdBps",
  });
  const receipt = await sendAndWait(
    f.clients.wallet(accounts().deployer),
    {
      data: encodeDeployData({
        abi: threatResponseAbi,
        bytecode: bytecodeOf("ThreatResponse"),
        args: [
          accounts().deployer.address,
          serviceManager,
          {
            maxAlertAge: 300,
            minSeverity: 3,
            pauseSeconds: VAULT_MAX_PAUSE_SECONDS,
            servicePauseSeconds: VAULT_MAX_PAUSE_SECONDS,
            freezeSeconds: VAULT_MAX_PAUSE_SECONDS,
            thresholdSeconds: VAULT_MAX_PAUSE_SECONDS,
            thresholdFloorBps: threshold,
          },
        ],
      }),
    },
    "deploy ThreatResponse",
  );
  if (!receipt.contractAddress) throw new Error("deploy ThreatResponse: no contract address");
  return receipt.contractAddress;
}
