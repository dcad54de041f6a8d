/**
 * End to end, as real processes: anvil with the AVS and four registered operators (avsFixture), four
 * `apps/node/src/main.ts run` processes (EIP-2335 keystores + password file) and one
 * `apps/aggregator/src/main.ts` process. A task goes in through the SDK, one node is SIGKILLed in the
 * middle of it, the certificate lands without it and verifies on-chain; the killed node restarts on
 * its data dir and refuses to sign a conflicting answer. Every process is killed by PID at the end and
 * none is left behind.
 *
 * Making "mid-task" deterministic: node 0 reads the chain through a gate in this test process (a
 * JSON-RPC pass-through). Armed, the gate holds the engine's state reads (eth_getCode/eth_getBalance),
 * so node 0 has received the task and is computing its answer, with nothing recorded or signed, when
 * it is killed. No production code knows about the gate: to node 0 it is a slow RPC.
 *
 * The processes run the attested security engines too (decision 0005), built from the bundled label
 * lists and the deployment file's `dex` section (the demo DEX, deployed here): an OFAC-listed address,
 * a honeypot token and a blocklisted host are certified and checked with ServiceManager.verifyVerdict.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { serviceManagerAbi } from "@palisade/abis";
import {
  addressBasics,
  bundledLabelsDir,
  createSecurityEngines,
  decodeSecurityResponse,
  engineVersionOf,
  ethPhishingDetectLists,
  flagBit,
  loadLabels,
} from "@palisade/engines";
import {
  type AttestationTask,
  getTask,
  submitTask,
  verifyVerdictOnChain,
  type WaitForCertificateReturnType,
  waitForCertificate,
  writeDeployment,
} from "@palisade/sdk";
import {
  type Anvil,
  type AvsFixture,
  accounts,
  avsFixture,
  createClients,
  type DemoDex,
  deployDemoDex,
  freePort,
  operatorPubkeyHash,
  repoRoot,
  startAnvil,
  writeOperatorKeystores,
} from "@palisade/testkit";
import { type Hex, keccak256, pad, parseEther, stringToHex, toHex } from "viem";

const engine = addressBasics.id;
const nodeScript = join(repoRoot, "apps/node/src/main.ts");
const aggregatorScript = join(repoRoot, "apps/aggregator/src/main.ts");
/** The node killed mid-task (the smallest stake: the other three still hold the 2/3 quorum). */
const VICTIM = 0;

interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exitedAt?: { code: number | null; signal: NodeJS.Signals | null };
}

const procs: Proc[] = [];
/** Every PID this file started (processes and anvils), checked gone at the end. */
const pids = new Map<number, string>();
const timeline: string[] = [];
const t0 = Date.now();
const mark = (event: string) => timeline.push(`${String(Date.now() - t0).padStart(6)} ms  ${event}`);

let f: AvsFixture;
let dex: DemoDex;
let anvilB: Anvil | undefined;
let gate: RpcGate;
let dir: string;
let deploymentFile: string;
let keys: { keystores: string[]; passwordFile: string };
let nodePorts: number[];
let aggregatorUrl: string;
const nodeProcs: (Proc | undefined)[] = [];

/**
 * Starts a script with the repo's tsx as a loader inside ONE node process (`node --import tsx`), not
 * the tsx CLI: the CLI forks a second process, which a SIGKILL of the first would orphan.
 */
function startProcess(name: string, script: string, args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    output.push(...chunk.toString().split("\n").filter(Boolean));
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const proc: Proc = {
    name,
    child,
    pid: child.pid,
    output,
    exited: new Promise((resolveExit) =>
      child.once("exit", (code, signal) => {
        proc.exitedAt = { code, signal };
        resolveExit({ code, signal });
      }),
    ),
  };
  procs.push(proc);
  pids.set(child.pid, name);
  return proc;
}

/** Polls a health URL until it answers one of `ok`; fails at once if the process exits. */
async function waitHealthy(proc: Proc, url: string, ok: readonly number[], timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitedAt)
      throw new Error(`${proc.name} exited (${JSON.stringify(proc.exitedAt)}) before it was ready`);
    const status = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
      async (response) => {
        await response.body?.cancel();
        return response.status;
      },
      () => 0,
    );
    if (ok.includes(status)) return;
    if (Date.now() > until) throw new Error(`${proc.name} not healthy at ${url} within ${timeoutMs} ms`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/** The last lines of every process, appended to a failure so it can be diagnosed from the test log. */
function diagnostics(): string {
  const parts = [`timeline:\n${timeline.join("\n")}`];
  for (const proc of procs)
    parts.push(`--- ${proc.name} (pid ${proc.pid}) ---\n${proc.output.slice(-40).join("\n")}`);
  return parts.join("\n");
}

async function withDiagnostics(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof Error) error.message += `\n\n${diagnostics()}`;
    throw error;
  }
}

interface RpcGate {
  url: string;
  /** Hold the engine's state reads from now on; resolves when the first one is held. */
  arm(): Promise<void>;
  /** Stop holding, and drop what is held (the node that sent it is gone). */
  release(): void;
  close(): Promise<void>;
}

/** A JSON-RPC pass-through to `target` that can hold eth_getCode/eth_getBalance (see the file comment). */
async function startRpcGate(target: string): Promise<RpcGate> {
  let armed: (() => void) | undefined;
  const held: ServerResponse[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const calls = [JSON.parse(body)].flat() as { method?: string }[];
      if (armed && calls.some((call) => call.method === "eth_getCode" || call.method === "eth_getBalance")) {
        held.push(response);
        armed();
        return;
      }
      fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body })
        .then(async (upstream) => {
          response.writeHead(upstream.status, { "content-type": "application/json" });
          response.end(await upstream.text());
        })
        .catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, "127.0.0.1", () => resolveListen()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arm: () =>
      new Promise<void>((resolveHeld) => {
        armed = resolveHeld;
      }),
    release() {
      armed = undefined;
      for (const response of held.splice(0)) response.destroy();
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

async function startNodeProcess(i: number, rpcUrl?: string): Promise<Proc> {
  const port = nodePorts[i];
  const keystore = keys.keystores[i];
  assert.ok(port !== undefined && keystore);
  const proc = startProcess(`node-${i}`, nodeScript, [
    "run",
    "--deployment",
    deploymentFile,
    "--bls-keystore",
    keystore,
    "--bls-password-file",
    keys.passwordFile,
    "--service-manager",
    f.deployment.avs.serviceManager,
    "--data-dir",
    join(dir, `node-${i}`),
    "--port",
    String(port),
    "--aggregator-url",
    aggregatorUrl,
    "--name",
    `e2e-node-${i}`,
    ...(rpcUrl ? ["--rpc-url", rpcUrl] : []),
  ]);
  nodeProcs[i] = proc;
  // 206: healthy but the aggregator is not up yet (nodes and aggregator start together).
  await waitHealthy(proc, `http://127.0.0.1:${port}/eigen/node/health`, [200, 206]);
  return proc;
}

function submitterKey(): string {
  const key = accounts().submitter.getHdKey().privateKey;
  if (!key) throw new Error("unreachable: an HD account has a private key");
  return toHex(key);
}

const verdictOf = (task: AttestationTask & { verdict: NonNullable<AttestationTask["verdict"]> }) => ({
  requestHash: task.id,
  responseHash: task.verdict.responseHash,
  engineVersion: task.engineVersion,
  referenceBlock: task.referenceBlock,
});

const postToNode = (i: number, body: unknown) =>
  fetch(`http://127.0.0.1:${nodePorts[i]}/tasks`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

/** Task A: every node signs it (so each has it in its slashing protection before anything is killed). */
let taskA: WaitForCertificateReturnType;
/** Task B: node 0 is killed in the middle of it. */
let taskB: WaitForCertificateReturnType;

before(async () => {
  mark("before: avsFixture");
  nodePorts = await Promise.all([0, 1, 2, 3].map(() => freePort()));
  f = await avsFixture({ nodeUrls: nodePorts.map((port) => `http://127.0.0.1:${port}`) });
  pids.set(f.anvil.pid, "anvil");
  // The reference block (latest − 1) must see the landed stakes; the submitter pays for submitBatch.
  await f.clients.test.mine({ blocks: 2 });
  await f.clients.test.setBalance({ address: accounts().submitter.address, value: parseEther("100") });
  // The demo DEX in the deployment file: the processes' token-risk@1 trades through it.
  dex = await deployDemoDex(f.clients);
  dir = mkdtempSync(join(tmpdir(), "palisade-e2e-"));
  deploymentFile = join(dir, "deployment.json");
  await writeDeployment(deploymentFile, {
    ...f.deployment,
    dex: {
      factory: dex.factory,
      router: dex.router,
      weth: dex.weth,
      tokens: Object.fromEntries(
        Object.entries(dex.tokens).map(([name, token]) => [
          name,
          { symbol: token.symbol, address: token.address, pair: token.pair, behaviour: token.behaviour },
        ]),
      ),
    },
  });
  keys = await writeOperatorKeystores(join(dir, "keys"), 4);
  gate = await startRpcGate(f.anvil.rpcUrl);
  aggregatorUrl = `http://127.0.0.1:${await freePort()}`;
  mark("before: spawning 4 nodes + the aggregator");
  await withDiagnostics(async () => {
    const aggregator = startProcess(
      "aggregator",
      aggregatorScript,
      [
        "--deployment",
        deploymentFile,
        "--data-dir",
        join(dir, "aggregator"),
        "--port",
        new URL(aggregatorUrl).port,
        "--confirmations",
        "1",
        "--batch-size",
        "1",
        "--batch-interval-ms",
        "50",
        "--task-deadline-ms",
        "20000",
        "--node-timeout-ms",
        "5000",
      ],
      { PALISADE_SUBMITTER_KEY: submitterKey() },
    );
    await Promise.all([
      waitHealthy(aggregator, `${aggregatorUrl}/health`, [200]),
      ...[0, 1, 2, 3].map((i) => startNodeProcess(i, i === VICTIM ? gate.url : undefined)),
    ]);
  });
  mark("before: all five processes healthy");
});

async function killAll(): Promise<void> {
  for (const proc of procs) if (!proc.exitedAt) process.kill(proc.pid, "SIGKILL");
  await Promise.all(procs.map((proc) => proc.exited));
}

after(async () => {
  // Safety net: the last test stops everything and asserts it; this runs even when a test failed.
  await killAll();
  await gate?.close();
  await anvilB?.stop();
  await f?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a task submitted through the SDK gets a certificate signed by all four node processes", async () => {
  await withDiagnostics(async () => {
    const opened = await submitTask(aggregatorUrl, {
      engine,
      request: { address: accounts().stakers[0].address },
    });
    mark(`task A submitted (${opened.id.slice(0, 10)}…)`);
    taskA = await waitForCertificate(aggregatorUrl, opened.id, { timeoutMs: 15_000, pollMs: 50 });
    mark(`task A submitted on-chain in ${taskA.batch.txHash.slice(0, 10)}…`);
    // Every node answered (the fourth may land after the verdict was final: it still counts as signer).
    assert.equal(taskA.signers[taskA.verdict.responseHash]?.length, 4);
    assert.deepEqual(taskA.batch.nonSigners, []);
    assert.equal(
      await verifyVerdictOnChain(f.clients.public, {
        serviceManager: f.deployment.avs.serviceManager,
        batchRoot: taskA.batch.batchRoot,
        verdict: verdictOf(taskA),
        proof: taskA.batch.proof,
      }),
      true,
    );
  });
});

/** On OFAC's list for every chain (its USDT/USDC rows carry no chain id), so on anvil's too. */
const SANCTIONED = "0x983a81ca6fb1e441266d2fbcb7d8e530ac2e05a2";

test("attested security verdicts: an OFAC-listed address, a honeypot token and a phishing host are certified, verdict 2 on-chain", async () => {
  await withDiagnostics(async () => {
    const blocked = ethPhishingDetectLists()[0]?.entries.find((entry) => /^[a-z0-9.-]+$/.test(entry));
    assert.ok(blocked);
    const asks = [
      {
        engine: "address-risk@1",
        request: { address: SANCTIONED },
        subject: pad(SANCTIONED),
        field: "sanctioned",
      },
      {
        engine: "token-risk@1",
        request: { token: dex.tokens.honeypot.address },
        subject: pad(dex.tokens.honeypot.address.toLowerCase() as Hex),
        field: "is_honeypot",
      },
      {
        engine: "phishing@1",
        request: { target: `https://${blocked}/claim` },
        subject: keccak256(stringToHex(blocked)),
        field: "blocklisted",
      },
    ];
    const opened = await Promise.all(
      asks.map(({ engine: id, request }) => submitTask(aggregatorUrl, { engine: id, request })),
    );
    mark(`security tasks submitted: ${asks.map((ask) => ask.engine).join(", ")}`);
    const done = await Promise.all(
      opened.map((task) => waitForCertificate(aggregatorUrl, task.id, { timeoutMs: 20_000, pollMs: 50 })),
    );
    mark("security tasks submitted on-chain");
    // What a client with the same lists and deployment computes: the same request hashes.
    const mine = createSecurityEngines({
      labels: await loadLabels(bundledLabelsDir),
      dex: { factory: dex.factory, weth: dex.weth },
      chainId: f.deployment.chainId,
    });
    for (const [i, ask] of asks.entries()) {
      const task = done[i];
      assert.ok(task);
      assert.equal(task.engineVersion, engineVersionOf(ask.engine));
      const engine = mine.find((candidate) => candidate.id === ask.engine);
      assert.equal(
        engine?.parseRequest({ ...ask.request, referenceBlock: task.referenceBlock }).requestHash,
        task.id,
      );
      assert.equal(
        await verifyVerdictOnChain(f.clients.public, {
          serviceManager: f.deployment.avs.serviceManager,
          batchRoot: task.batch.batchRoot,
          verdict: verdictOf(task),
          proof: task.batch.proof,
        }),
        true,
        ask.engine,
      );
      const winning = task.responses.find((r) => r.responseHash === task.verdict.responseHash)?.response as
        | { report: { verdict: string; flags: string[] }; response: Hex }
        | undefined;
      assert.ok(winning, ask.engine);
      assert.equal(keccak256(winning.response), task.verdict.responseHash);
      const decoded = decodeSecurityResponse(winning.response);
      assert.equal(decoded.verdict, 2, ask.engine);
      assert.equal(decoded.subject, ask.subject, ask.engine);
      assert.equal(
        (decoded.flags >> BigInt(flagBit(ask.engine, ask.field))) & 1n,
        1n,
        `${ask.engine} ${ask.field}`,
      );
      assert.ok(winning.report.flags.includes(ask.field));
      assert.equal(task.responses.length, 1, `${ask.engine}: every node gave the same bytes`);
    }
    // Every node has answered before the next test arms the gate (a straggler is not mid-task B).
    for (const task of done) {
      const until = Date.now() + 10_000;
      while ((await getTask(aggregatorUrl, task.id)).signers[task.verdict.responseHash]?.length !== 4) {
        assert.ok(Date.now() < until, `task ${task.id}: not every node answered`);
        await new Promise((resolveWait) => setTimeout(resolveWait, 50));
      }
    }
  });
});

test("a node SIGKILLed mid-task: the certificate lands without it and verifies on-chain", async () => {
  await withDiagnostics(async () => {
    const victim = nodeProcs[VICTIM];
    const operator = f.operators[VICTIM];
    assert.ok(victim && operator);
    const held = gate.arm();
    const opened = await submitTask(aggregatorUrl, {
      engine,
      request: { address: accounts().stakers[1].address },
    });
    mark(`task B submitted (${opened.id.slice(0, 10)}…)`);
    // node-0 has the task and is reading the chain for its answer: nothing recorded, nothing signed.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      held,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("node-0 never read the chain")), 10_000);
      }),
    ]).finally(() => clearTimeout(timer));
    mark("node-0 is mid-task (its engine read is held at the gate)");
    process.kill(victim.pid, "SIGKILL");
    const { signal } = await victim.exited;
    assert.equal(signal, "SIGKILL");
    gate.release();
    mark(`node-0 SIGKILLed (pid ${victim.pid})`);

    const done = await waitForCertificate(aggregatorUrl, opened.id, { timeoutMs: 15_000, pollMs: 50 });
    taskB = done;
    mark(`task B submitted on-chain in ${done.batch.txHash.slice(0, 10)}…`);
    assert.deepEqual(done.batch.nonSigners, [operator.address]);
    const signers = done.signers[done.verdict.responseHash] ?? [];
    assert.equal(signers.length, 3);
    assert.ok(!signers.some((signer) => signer.pubkeyHash === operator.pubkeyHash));
    assert.ok(
      !Object.values(done.signers)
        .flat()
        .some((s) => s.pubkeyHash === operator.pubkeyHash),
    );

    assert.equal(
      await verifyVerdictOnChain(f.clients.public, {
        serviceManager: f.deployment.avs.serviceManager,
        batchRoot: done.batch.batchRoot,
        verdict: verdictOf(done),
        proof: done.batch.proof,
      }),
      true,
    );
    const [batch, thresholdBps] = await Promise.all([
      f.clients.public.readContract({
        address: f.deployment.avs.serviceManager,
        abi: serviceManagerAbi,
        functionName: "getBatch",
        args: [done.batch.batchRoot],
      }),
      f.clients.public.readContract({
        address: f.deployment.avs.serviceManager,
        abi: serviceManagerAbi,
        functionName: "quorumThresholdBps",
      }),
    ]);
    assert.equal(batch.verdictCount, 1);
    assert.equal(batch.referenceBlock, done.referenceBlock);
    assert.ok(batch.signedStake < batch.totalStake, "the killed operator's stake is not in the certificate");
    assert.ok(
      batch.signedStake * 10_000n >= BigInt(thresholdBps) * batch.totalStake,
      `signed ${batch.signedStake} of ${batch.totalStake}, threshold ${thresholdBps} bps`,
    );
    assert.equal(batch.totalStake - batch.signedStake, operator.stake);
  });
});

test("the killed node restarted on its data dir refuses a conflicting answer (409) and signs the rest", async () => {
  await withDiagnostics(async () => {
    assert.ok(taskA && taskB, "needs the tasks of the first two tests");
    // Chain B: another RPC telling a different story about staker 0 at task A's reference block.
    anvilB = await startAnvil();
    pids.set(anvilB.pid, "anvil B");
    const chainB = createClients(anvilB.rpcUrl);
    await chainB.test.setBalance({ address: accounts().stakers[0].address, value: parseEther("1") });
    await chainB.test.mine({ blocks: taskB.referenceBlock + 2 });
    mark("anvil B up, staker 0's balance differs there");

    const restarted = await startNodeProcess(VICTIM, anvilB.rpcUrl);
    mark(`node-0 restarted (pid ${restarted.pid}), same data dir, RPC = anvil B`);
    const conflicting = await postToNode(VICTIM, {
      engine,
      requestHash: taskA.id,
      referenceBlock: taskA.referenceBlock,
      request: taskA.request,
    });
    const body = (await conflicting.json()) as { error?: { code: string } };
    assert.equal(conflicting.status, 409, JSON.stringify(body));
    assert.equal(body.error?.code, "ConflictingSignatureError");
    mark("conflicting POST /tasks → 409 ConflictingSignatureError");

    // Task B was never recorded by node-0 (killed before it answered): not a conflict, it signs.
    const fresh = await postToNode(VICTIM, {
      engine,
      requestHash: taskB.id,
      referenceBlock: taskB.referenceBlock,
      request: taskB.request,
    });
    const signed = (await fresh.json()) as { pubkeyHash?: string; signature?: string };
    assert.equal(fresh.status, 200, JSON.stringify(signed));
    assert.equal(signed.pubkeyHash, operatorPubkeyHash(VICTIM));
    assert.match(signed.signature ?? "", /^0x[0-9a-f]{512}$/);
    mark("non-conflicting POST /tasks → 200 signed");
  });
});

test("every process is killed by PID and none is left behind", async () => {
  await killAll();
  await gate.close();
  await anvilB?.stop();
  await f.stop();
  mark("all processes stopped");
  for (const [pid, name] of pids)
    assert.throws(() => process.kill(pid, 0), { code: "ESRCH" }, `${name} (pid ${pid}) is still running`);
  // Nothing else runs from this test's directory (e.g. a grandchild a wrapper forked).
  if (existsSync("/proc")) {
    const stragglers = readdirSync("/proc")
      .filter((entry) => /^\d+$/.test(entry))
      .filter((entry) => {
        try {
          return readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(dir);
        } catch {
          return false; // exited while we looked
        }
      });
    assert.deepEqual(
      stragglers,
      [],
      "processes still running with the test's directory on their command line",
    );
  }
  process.stdout.write(`# e2e timeline\n${timeline.map((line) => `# ${line}`).join("\n")}\n`);
});
