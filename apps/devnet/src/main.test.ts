import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { mockLstAbi, threatResponseAbi } from "@palisade/abis";
import { type Deployment, depositIntoStrategy, getStakerPosition, loadDeployment } from "@palisade/sdk";
import {
  accounts,
  createClients,
  freePort,
  isPortBusy,
  repoRoot,
  seedDeposit,
  sendAndWait,
} from "@palisade/testkit";
import { type Address, encodeFunctionData, parseEther } from "viem";

const main = resolve(import.meta.dirname, "main.ts");
const stateDir = mkdtempSync(join(tmpdir(), "palisade-devnet-"));
after(() => rmSync(stateDir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function spawnDevnet(args: string[]): Run {
  const child = spawn(process.execPath, ["--import", "tsx", main, ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return { child, output: () => output, exited };
}

async function waitFor(run: Run, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(run.output())) {
    if (run.child.exitCode !== null) assert.fail(`devnet exited early:\n${run.output()}`);
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${pattern}:\n${run.output()}`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

const anvilPid = (run: Run): number => Number(/anvil pid\s+(\d+)/.exec(run.output())?.[1]);
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Seeded: 10/20/30 tokens of each of 3 LSTs, 50/30/20 % allocated, so U = 3 × 17 = 51 value units;
 * the devnet's config (π = 8, α = 1/3, γ = 0.2) gives α·U = 17 and (1+γ)·π = 9.6. The resumed run
 * shows U = 51.5 after the extra rETH deposit (half of 1 rETH allocated).
 */
const economicSecurityLine =
  /^ {2}economic security +U = 51\.[05] +α·U = 17\.\d+ +\(1\+γ\)·π = 9\.6 +secure: yes$/m;

/** The pids of the services in the summary's Services section (`  node-0  http://…  pid 123`). */
const servicePids = (run: Run): number[] =>
  [...run.output().matchAll(/^ {2}(?:node-\d|aggregator|dashboard|monitor) +http:\/\/\S+ +pid (\d+)$/gm)].map(
    (m) => Number(m[1]),
  );

/** SIGINT the devnet; every process it reported (anvil, nodes, aggregator) is gone once it exits. */
async function interrupt(run: Run): Promise<void> {
  const pid = anvilPid(run);
  assert.ok(pid > 0 && isAlive(pid), "anvil runs while the devnet is up");
  const services = servicePids(run);
  for (const child of services) assert.ok(isAlive(child), `service ${child} runs while the devnet is up`);
  run.child.kill("SIGINT");
  assert.equal(await run.exited, 0, run.output());
  assert.equal(isAlive(pid), false, "anvil exited with the devnet");
  for (const child of services)
    assert.equal(isAlive(child), false, `service ${child} exited with the devnet`);
}

test("deploys, stops on SIGINT with its anvil, then resumes the same chain", async () => {
  const port = await freePort();
  const args = ["--port", String(port), "--state-dir", stateDir];
  const deploymentFile = join(stateDir, "deployment.json");
  const { stakers } = accounts();
  const staker = stakers[0];

  // First run: fresh deployment.
  const first = spawnDevnet(args);
  let deployment: Deployment;
  let attackTx: string | undefined;
  try {
    await waitFor(first, /^ready: /m);
    const output = first.output();
    assert.match(output, /^Palisade devnet: freshly deployed and seeded$/m);
    assert.ok(output.includes(deploymentFile), "prints where the deployment file is");
    // Every deploy and seed step is timed, so a first start never looks hung.
    assert.match(output, /^\[deploy\] deployed StrategyManager at 0x\w{4}…\w{4} … \d+\.\d s$/m);
    assert.match(output, /^\[seed\] .+ … \d+\.\d s$/m);
    assert.match(output, /^\[config\] economic-security config declared for operator set 0 … \d+\.\d s$/m);
    assert.match(output, economicSecurityLine);
    assert.match(output, /Ctrl-C/);
    // The AVS: four operators registered with BLS keys, stakes landed, nodes running on their URLs.
    assert.match(output, /^\[avs\] AVS wiring verified/m);
    assert.match(output, /^ {2}quorum threshold +6667 bps/m);
    assert.match(output, /^ {2}total stake +150\.0 /m);
    assert.equal(output.match(/^ {6}pubkeyHash 0x[0-9a-f]{64}$/gm)?.length, 4);
    assert.equal(servicePids(first).length >= 4, true, "four nodes (and maybe the aggregator) reported");
    for (const [, url] of output.matchAll(/^ {2}node-\d +(http:\/\/\S+) +pid \d+$/gm)) {
      const response = await fetch(`${url}/eigen/node`);
      assert.equal(response.status, 200, `${url} answers`);
    }
    deployment = await loadDeployment(deploymentFile);
    assert.ok(deployment.avs, "the deployment file has the AVS section");

    // The attested path end to end, as the README shows it: the SDK example submits a task to the
    // devnet's aggregator, the four nodes sign, the certificate lands and the verdict is proven.
    const tsx = join(repoRoot, "node_modules", ".bin", "tsx");
    const attest = await promisify(execFile)(
      tsx,
      [join(repoRoot, "packages/sdk/examples/attest.ts"), stateDir],
      {
        cwd: repoRoot,
        timeout: 90_000,
      },
    );
    assert.match(attest.stdout, /^certificate in 0x[0-9a-f]{64}: signed stake [\d.]+ of 150$/m);
    assert.match(attest.stdout, /verified on-chain: true$/m);
    assert.equal(deployment.rpcUrl, `http://127.0.0.1:${port}`);

    // The marketplace: two providers seeded, their gateways up; the consumer example buys and calls.
    assert.ok(deployment.marketplace, "the deployment file has the marketplace section");
    assert.match(output, /^ {4}service 1 +address-risk +0\.01 PAL\/call +\/v1\/address$/m);
    assert.match(output, /^ {4}service 2 +address-risk +0\.008 PAL\/call +\/v1\/address$/m);
    assert.match(output, /^ {4}#1 .+ → provider 1 \/v1\/address: 100 calls, 0 claimed$/m);
    assert.match(output, /^ {4}#4 .+ → provider 1 \/v1\/transaction: 100 calls, 0 claimed$/m);
    assert.equal(output.match(/^ {2}gateway-\d +http:\/\/\S+ +pid \d+$/gm)?.length, 2);
    // The dashboard: its API answers with this deployment (its pages are tested in apps/dashboard).
    const dashboardUrl = /^ {2}dashboard +(http:\/\/\S+) +pid \d+$/m.exec(output)?.[1];
    assert.ok(dashboardUrl, "the summary lists the dashboard");
    const config = (await (await fetch(`${dashboardUrl}/api/config`)).json()) as { chainId: number };
    assert.equal(config.chainId, deployment.chainId);
    // The demo DEX for the token risk engine: six tokens with their behaviour.
    assert.match(output, /^DEX \(Uniswap V2/m);
    assert.equal(
      output.match(/^ {2}(CLEAN|TAX|HONEY|PRIV|COOL|RECLAIM) +0x[0-9a-fA-F]{40} {2}\S/gm)?.length,
      6,
    );
    assert.ok(deployment.dex?.tokens.honeypot, "the deployment file has the dex section");
    const buy = await promisify(execFile)(
      tsx,
      [join(repoRoot, "packages/sdk/examples/buy-and-call.ts"), stateDir],
      { cwd: repoRoot, timeout: 60_000 },
    );
    assert.match(buy.stdout, /^service 2 of provider 2 at 0\.008 PAL\/call$/m);
    assert.match(buy.stdout, /^call 1: address-risk@1 verdict safe at block \d+, flags \[\]; 9 calls left$/m);
    assert.match(buy.stdout, /^call 2: address-risk@1 verdict safe at block \d+, flags \[\]; 8 calls left$/m);

    // The security engines: every route of the reference provider with the seeded purchases, an
    // attested verdict proven on-chain, and a wallet behind the JSON-RPC firewall.
    assert.match(output, /^ {2}wallet RPC +http:\/\/127\.0\.0\.1:\d+\/rpc /m);
    // A try-it command per route of the reference provider, with consumer 0's purchases.
    for (const [purchase, argument] of [
      [1, "--query address=0x"],
      [2, "--query token=0x"],
      [3, "--query url=https:"],
      [4, "--body '"],
    ] as const)
      assert.ok(
        output.includes(`npx palisade consumer call --purchase ${purchase} --account consumer0 ${argument}`),
        `a try-it line for purchase ${purchase}`,
      );
    const checks = await promisify(execFile)(
      tsx,
      [join(repoRoot, "packages/sdk/examples/security-checks.ts"), stateDir],
      { cwd: repoRoot, timeout: 120_000 },
    );
    assert.match(checks.stdout, /^\/v1\/address: address-risk@1 malicious \[.*sanctioned.*\]$/m);
    assert.match(checks.stdout, /^\/v1\/token: token-risk@1 malicious \[.*is_honeypot.*\]$/m);
    assert.match(checks.stdout, /^\/v1\/phishing: phishing@1 malicious \[.+\]$/m);
    assert.match(checks.stdout, /^\/v1\/transaction: tx-firewall@1 block \[.*unlimited_approval.*\]$/m);
    assert.match(
      checks.stdout,
      /^attested: address-risk@1 malicious \[.*sanctioned.*\] at block \d+, verified on-chain: true$/m,
    );
    assert.match(checks.stdout, /^firewall blocked: Palisade firewall blocked this transaction: .+$/m);
    assert.match(checks.stdout, /^firewall passed: a 0\.01 ETH transfer, success in block \d+$/m);

    // The attack monitor: listed with its log and the gateway it posts to; the demo attack
    // (`npm run attack -w apps/devnet`) is alerted in the log and at the gateway's /v1/alerts.
    const monitorUrl = /^ {2}monitor +(http:\/\/\S+) +pid \d+$/m.exec(output)?.[1];
    assert.ok(monitorUrl, "the summary lists the monitor");
    const alertLog = join(stateDir, "monitor", "alerts.jsonl");
    assert.ok(output.includes(`watch alerts: tail -f ${alertLog}`), "the summary says how to watch alerts");
    const alertsUrl = /^ +alerts API: +(http:\/\/\S+\/v1\/alerts) /m.exec(output)?.[1];
    assert.ok(alertsUrl, "the summary names the gateway's /v1/alerts");
    const attack = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", join(repoRoot, "apps/devnet/src/attack.ts"), "--state-dir", stateDir],
      { cwd: repoRoot, timeout: 90_000 },
    );
    attackTx = /^attack sent: (0x[0-9a-f]{64}) /m.exec(attack.stdout)?.[1];
    assert.ok(attackTx, attack.stdout);
    // The monitor sees the attack pending; the operators certify the alert and the monitor presents it to
    // the ThreatResponse, which pauses the vault: in the attack's own block when the pipeline beats the
    // next block (then the attack reverts; apps/monitor's frontRun test checks that order), else a block
    // later. Either way the vault ends paused by a certified alert, and the gateway holds the alerts.
    const reverted = /^the attack reverted in block \d+: the vault kept 100 WETH$/m.test(attack.stdout);
    if (!reverted)
      assert.match(
        attack.stdout,
        /^mined in block \d+: the vault \(0x[0-9a-fA-F]{40}\) went from 100 to \d/m,
      );
    assert.match(attack.stdout, /^ {2}critical flash-loan-exploit +pending /m);
    assert.match(
      attack.stdout,
      /^threat response to 0x[0-9a-f]{8}…: 0x[0-9a-f]{64} in block \d+, success, the vault paused$/m,
    );
    const demo = JSON.parse(readFileSync(join(stateDir, "monitor", "demo.json"), "utf8")) as {
      vault: Address;
    };
    const threatResponse = deployment.governance?.threatResponse;
    assert.ok(threatResponse, "the deployment names the ThreatResponse");
    assert.equal(
      await createClients(deployment.rpcUrl).public.readContract({
        address: threatResponse,
        abi: threatResponseAbi,
        functionName: "isPaused",
        args: [demo.vault],
      }),
      true,
      "the vault is paused by the certified alert",
    );
    const logged = readFileSync(alertLog, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { schema: string; tx: string; type: string; source: string })
      .filter((line) => line.schema === "palisade.alert/1" && line.tx === attackTx);
    assert.ok(logged.some((alert) => alert.type === "flash-loan-exploit" && alert.source === "mempool"));
    // The gateway's copy arrives by the monitor's HTTP sink: wait for it.
    const atGateway = async () =>
      (
        (await (await fetch(`${alertsUrl}?type=flash-loan-exploit`)).json()) as {
          alerts: { status: string; alert: { tx: string } }[];
        }
      ).alerts.find((entry) => entry.alert.tx === attackTx);
    const expected = reverted ? "pending" : "mined";
    const deadline = Date.now() + 30_000;
    while ((await atGateway())?.status !== expected && Date.now() < deadline)
      await new Promise((wait) => setTimeout(wait, 100));
    assert.equal((await atGateway())?.status, expected, `the gateway holds the alert, seen ${expected}`);
    assert.equal(((await (await fetch(`${monitorUrl}/health`)).json()) as { status: string }).status, "ok");

    // Change state after the seed, on interval mining: one more rETH deposit.
    const clients = createClients(deployment.rpcUrl, { pollingIntervalMs: 100 });
    const rETH = deployment.strategies.rETH;
    assert.ok(rETH);
    const mint = encodeFunctionData({
      abi: mockLstAbi,
      functionName: "mint",
      args: [staker.address, parseEther("1")],
    });
    await sendAndWait(clients.wallet(accounts().deployer), { to: rETH.token, data: mint }, "mint");
    await depositIntoStrategy(clients.wallet(staker), {
      contracts: deployment.contracts,
      strategy: rETH.strategy,
      amount: parseEther("1"),
    });
  } finally {
    if (first.child.exitCode === null) await interrupt(first);
  }
  assert.equal(await isPortBusy(port), false);

  // Second run on the same directory: resumed, nothing redeployed, state kept.
  const second = spawnDevnet(args);
  try {
    await waitFor(second, /^ready: /m);
    const output = second.output();
    assert.match(output, /^Palisade devnet: resumed from saved state$/m);
    assert.doesNotMatch(
      output,
      // ([market] may report a provider's endpoint moved off a port that is now taken.)
      /^\[(deploy|seed|config|avs)\]|^\[market\] (deploy|provider \d+ ")/m,
      "nothing deployed, seeded or configured again",
    );
    assert.equal(servicePids(second).length >= 4, true, "the nodes run again on resume");
    // The attack demo is kept (not deployed again), the monitor runs again.
    assert.match(output, /^\[demo\] attack demo found in /m);
    assert.doesNotMatch(output, /^\[demo\] deploying/m);
    assert.match(output, /^ {2}monitor +http:\/\/\S+ +pid \d+$/m);
    const alertsAgain = /^ +alerts API: +(http:\/\/\S+\/v1\/alerts) /m.exec(output)?.[1];
    const kept = (await (await fetch(`${alertsAgain}?limit=100`)).json()) as {
      alerts: { alert: { tx: string } }[];
    };
    assert.ok(
      kept.alerts.some((entry) => entry.alert.tx === attackTx),
      "the gateway kept the attack's alerts across the restart",
    );
    // The extra 1 rETH deposited to staker 0 (operator 0) shows in the summary, in tokens.
    assert.match(output, /^ {4}rETH +11\.0 rETH +50\.0 % +5\.5 rETH +none$/m);
    assert.match(output, economicSecurityLine);
    const resumed = await loadDeployment(deploymentFile);
    assert.deepEqual(resumed.contracts, deployment.contracts);
    assert.deepEqual(resumed.strategies, deployment.strategies);
    assert.deepEqual(resumed.avs, deployment.avs);
    const clients = createClients(resumed.rpcUrl);
    const position = (symbol: string) => {
      const entry = resumed.strategies[symbol];
      assert.ok(entry);
      return getStakerPosition(clients.public, {
        contracts: resumed.contracts,
        staker: staker.address,
        strategy: entry.strategy,
      });
    };
    assert.equal((await position("stETH")).withdrawableShares, seedDeposit(0));
    assert.equal((await position("rETH")).withdrawableShares, seedDeposit(0) + parseEther("1"));
  } finally {
    if (second.child.exitCode === null) await interrupt(second);
  }
});

test("a busy port is a clear error naming the port and the flag", async () => {
  const port = await freePort();
  const blocker = createServer();
  await new Promise<void>((ready) => blocker.listen(port, "127.0.0.1", ready));
  try {
    const run = spawnDevnet(["--port", String(port), "--state-dir", join(stateDir, "busy")]);
    assert.equal(await run.exited, 1);
    assert.match(run.output(), new RegExp(`port ${port} .*already in use.*--port`, "s"));
  } finally {
    blocker.close();
  }
});
