// The attack demo on the running devnet: `npm run attack -w apps/devnet [-- --state-dir <dir>]`.
// The attacker's contract flash-borrows 90 WETH, pumps CLEAN on the CLEAN/WETH pair the demo vault
// prices its collateral by, borrows everything the vault holds and repays the loan, in one transaction
// (apps/monitor/README.md, "Demo contracts"). The vault is topped up to 100 WETH first, so the attack
// can be run again. Then it prints the alerts the devnet's monitor wrote for the transaction.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { attackCalldata, monitorDemoAbis } from "@palisade/monitor";
import { loadDeployment } from "@palisade/sdk";
import { accounts, createClients, repoRoot, sendAndWait } from "@palisade/testkit";
import { encodeFunctionData, formatEther, parseEther } from "viem";
import { getBlockNumber, readContract, waitForTransactionReceipt } from "viem/actions";
import { monitorFiles, readMonitorDemo } from "./monitor.ts";

const usage = `Usage: npm run attack -w apps/devnet [-- --state-dir <dir>]

Runs the monitor demo's flash-loan exploit against the demo lending vault of the running devnet
(\`npm start\`), then prints the alerts its attack monitor wrote for it.

  --state-dir <dir>   the devnet's state dir (env PALISADE_STATE_DIR, default .palisade/devnet)
  --help              this text`;

/** What the demo vault is funded with (deployMonitorDemo's default): the attack drains ~98 % of it. */
const VAULT_WETH = parseEther("100");
/** How long to wait for the monitor's alerts of the transaction (pending ones come first). */
const ALERT_WAIT_MS = 20_000;
/** Gas for the attack, given rather than estimated: a pause between estimate and send must not stop the send. */
const ATTACK_GAS = 1_000_000n;

const print = (line: string) => process.stdout.write(`${line}\n`);

interface LoggedAlert {
  schema: "palisade.alert/1";
  id: string;
  type: string;
  severity: string;
  source: string;
  block: number | null;
  tx: string;
  title: string;
}

/** The monitor's attestation record of an alert, with its threat response (apps/monitor README). */
interface LoggedResponse {
  schema: "palisade.attestation/1";
  alertId: string;
  tx: string;
  threatResponse?: { tx: string; block: number; status: string; actions: number };
}

/** The log's alerts and attestation records about `tx` (lines are told apart by `schema`). */
function loggedOf(log: string, tx: string): { alerts: LoggedAlert[]; responses: LoggedResponse[] } {
  if (!existsSync(log)) return { alerts: [], responses: [] };
  const lines = readFileSync(log, "utf8")
    .split("\n")
    .filter((line) => line.includes(tx))
    .map((line) => JSON.parse(line) as LoggedAlert | LoggedResponse)
    .filter((line) => line.tx === tx);
  return {
    alerts: lines.filter((line): line is LoggedAlert => line.schema === "palisade.alert/1"),
    responses: lines.filter(
      (line): line is LoggedResponse =>
        line.schema === "palisade.attestation/1" && line.threatResponse !== undefined,
    ),
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { "state-dir": { type: "string" }, help: { type: "boolean" } },
    strict: true,
  });
  if (values.help) {
    print(usage);
    return 0;
  }
  // npm runs workspace scripts in the workspace's folder; a relative --state-dir means the caller's.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const stateDir = resolve(
    cwd,
    values["state-dir"] ?? process.env.PALISADE_STATE_DIR ?? join(repoRoot, ".palisade/devnet"),
  );
  const files = monitorFiles(stateDir);
  const demo = readMonitorDemo(files);
  const deploymentFile = join(stateDir, "deployment.json");
  if (!demo || !existsSync(deploymentFile)) {
    process.stderr.write(`no attack demo in ${stateDir}: start the devnet first (npm start)\n`);
    return 1;
  }
  const deployment = await loadDeployment(deploymentFile);
  const clients = createClients(deployment.rpcUrl, { pollingIntervalMs: 100 });
  const named = accounts();
  const deployer = clients.wallet(named.deployer);
  const liquidity = () =>
    readContract(clients.public, {
      address: demo.vault,
      abi: monitorDemoAbis.vault,
      functionName: "availableLiquidity",
    });

  const before = await liquidity();
  let funded = before;
  if (before < VAULT_WETH) {
    const topUp = VAULT_WETH - before;
    const call = (to: `0x${string}`, data: `0x${string}`, what: string) =>
      sendAndWait(deployer, { to, data }, what);
    const wrap = await deployer.sendTransaction({
      to: demo.weth,
      data: encodeFunctionData({ abi: monitorDemoAbis.weth, functionName: "deposit" }),
      value: topUp,
    });
    await waitForTransactionReceipt(clients.public, { hash: wrap, pollingInterval: 100 });
    await call(
      demo.weth,
      encodeFunctionData({ abi: monitorDemoAbis.weth, functionName: "approve", args: [demo.vault, topUp] }),
      "approve the vault",
    );
    await call(
      demo.vault,
      encodeFunctionData({ abi: monitorDemoAbis.vault, functionName: "supply", args: [topUp] }),
      "supply the vault",
    );
    funded = VAULT_WETH;
    print(`vault topped up with ${formatEther(topUp)} WETH to ${formatEther(VAULT_WETH)} WETH`);
  }

  // Sent right after a block: it waits a whole interval in the mempool, as a transaction sent at a random
  // moment waits half of one on average — the window the monitor, the operators and the threat response
  // have to land the pause first (measured by `npm run bench:front-run`).
  const seen = await getBlockNumber(clients.public, { cacheTime: 0 });
  while ((await getBlockNumber(clients.public, { cacheTime: 0 })) === seen)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const hash = await clients.wallet(named.attacker).sendTransaction({
    to: demo.exploit,
    data: attackCalldata(),
    gas: ATTACK_GAS,
  });
  print(`attack sent: ${hash} (attacker ${named.attacker.address} → exploit ${demo.exploit})`);
  const receipt = await waitForTransactionReceipt(clients.public, { hash, pollingInterval: 100 });
  const reverted = receipt.status !== "success";
  if (reverted) {
    print(
      `the attack reverted in block ${receipt.blockNumber}: the vault kept ${formatEther(await liquidity())} WETH`,
    );
  } else {
    print(
      `mined in block ${receipt.blockNumber}: the vault (${demo.vault}) went from ${formatEther(funded)} to ${formatEther(await liquidity())} WETH`,
    );
  }

  const tx = hash.toLowerCase();
  const deadline = Date.now() + ALERT_WAIT_MS;
  let logged = loggedOf(files.logFile, tx);
  // The mined detection comes last (a reverted attack has none: its threat response does).
  const responding = deployment.governance?.threatResponse !== undefined;
  const done = () =>
    (reverted || logged.alerts.some((alert) => alert.source === "block")) &&
    (!responding || logged.responses.length > 0);
  while (!done() && Date.now() < deadline) {
    await new Promise((wait) => setTimeout(wait, 200));
    logged = loggedOf(files.logFile, tx);
  }
  const { alerts, responses } = logged;
  if (alerts.length === 0) {
    print(
      `no alert for it in ${files.logFile}: is the monitor running (the devnet summary lists it under Services)?`,
    );
    return 0;
  }
  print(`alerts in ${files.logFile}:`);
  for (const alert of alerts)
    print(
      `  ${alert.severity.padEnd(8)} ${alert.type.padEnd(18)} ${alert.source === "mempool" ? "pending" : `block ${alert.block}`.padEnd(7)}  ${alert.id.slice(0, 10)}…  ${alert.title}`,
    );
  for (const response of responses) {
    const r = response.threatResponse;
    if (r)
      print(
        `threat response to ${response.alertId.slice(0, 10)}…: ${r.tx} in block ${r.block}, ${r.status}${r.actions & 1 ? ", the vault paused" : ""}`,
      );
  }
  print(`watch them: tail -f ${files.logFile}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`attack: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
