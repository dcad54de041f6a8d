import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deployMonitorDemo, type MonitorDemo, monitorDemoWatchFile } from "@palisade/monitor";
import type { Deployment } from "@palisade/sdk";
import { accounts, type Clients, sendAndWait } from "@palisade/testkit";
import { type Address, encodeFunctionData, parseAbi, parseEther } from "viem";
import { getBalance, getCode, readContract, setAutomine, setIntervalMining } from "viem/actions";
import { DevnetError } from "./errors.ts";
import type { Progress } from "./progress.ts";

/** Where the devnet keeps the attack monitor's files, under the state dir. */
export interface MonitorFiles {
  dir: string;
  /** The demo contracts' addresses (MonitorDemo as JSON): `npm run attack -w apps/devnet` reads it. */
  demoFile: string;
  /** The monitor's watch file (`monitorDemoWatchFile`); kept on resume, so it may be edited. */
  watchFile: string;
  /** The monitor's JSONL log: one alert per line (`tail -f`). */
  logFile: string;
  /**
   * The secret provider 1's gateway takes alerts with (`--alerts-token-file`) and the monitor sends
   * (`--gateway-token-file`): random, written once (mode 0600), kept on resume.
   */
  tokenFile: string;
}

export function monitorFiles(stateDir: string): MonitorFiles {
  const dir = join(stateDir, "monitor");
  return {
    dir,
    demoFile: join(dir, "demo.json"),
    watchFile: join(dir, "watch.json"),
    logFile: join(dir, "alerts.jsonl"),
    tokenFile: join(dir, "gateway-alerts.token"),
  };
}

/** The demo recorded in `demoFile`, if the file exists. */
export function readMonitorDemo(files: MonitorFiles): MonitorDemo | undefined {
  if (!existsSync(files.demoFile)) return undefined;
  return JSON.parse(readFileSync(files.demoFile, "utf8")) as MonitorDemo;
}

export interface DevnetMonitor {
  files: MonitorFiles;
  demo: MonitorDemo;
  /** False when a resumed chain already held the demo. */
  deployed: boolean;
}

/**
 * The attack monitor's demo on the devnet (apps/monitor `deployMonitorDemo`: a flash lender, a lending
 * vault priced by the CLEAN/WETH pair's spot price, the attacker's exploit contract, an upgradeable box,
 * a price feed, an approval drainer) and the monitor's files. On a fresh chain it deploys the demo (on
 * automine: ~15 transactions, then back to one block per second) and writes its addresses and the
 * watch file; on a resumed chain whose vault still has code it keeps both (the watch file may have been
 * edited). Writes the gateway's alerts secret when missing. With the deployment's ThreatResponse, the
 * vault's guardian (the deployer) opts the vault in (it can then be paused by a certified alert for at
 * most VAULT_MAX_PAUSE_SECONDS) and the responder account, which presents certified alerts, is funded.
 */
export async function ensureMonitorDemo(
  clients: Clients,
  deployment: Deployment,
  options: { stateDir: string; resumed: boolean },
  progress: Progress,
): Promise<DevnetMonitor> {
  const files = monitorFiles(options.stateDir);
  mkdirSync(files.dir, { recursive: true });
  if (!existsSync(files.tokenFile))
    writeFileSync(files.tokenFile, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });

  const saved = options.resumed ? readMonitorDemo(files) : undefined;
  if (saved !== undefined && (await hasCode(clients, saved.vault))) {
    if (!existsSync(files.watchFile)) writeWatchFile(files, saved);
    progress.step("demo", `attack demo found in ${files.demoFile}`);
    await ensureThreatResponseOptIn(clients, deployment, saved, progress);
    return { files, demo: saved, deployed: false };
  }
  const dex = deployment.dex;
  const clean = dex?.tokens.clean;
  if (!dex || !clean)
    throw new DevnetError(
      "the attack demo needs the demo DEX's CLEAN/WETH pair (the deployment's dex section)",
    );
  progress.note(
    "demo",
    "deploying the attack demo (flash lender, lending vault, exploit, box, feed, drainer)",
  );
  const named = accounts();
  await setAutomine(clients.test, true);
  let demo: MonitorDemo;
  try {
    demo = await deployMonitorDemo(clients, {
      dex: { weth: dex.weth, tokens: { clean: { address: clean.address, pair: clean.pair } } },
      deployer: named.deployer,
      attacker: named.attacker,
    });
  } finally {
    await setIntervalMining(clients.test, { interval: 1 });
  }
  writeFileSync(files.demoFile, `${JSON.stringify(demo, null, 2)}\n`);
  writeWatchFile(files, demo);
  progress.step("demo", `vault ${demo.vault}, exploit ${demo.exploit}; watch file ${files.watchFile}`);
  await ensureThreatResponseOptIn(clients, deployment, demo, progress);
  return { files, demo, deployed: true };
}

/** The longest pause of the demo vault a certified alert may impose (the vault's own cap). */
export const VAULT_MAX_PAUSE_SECONDS = 3_600;

const vaultThreatAbi = parseAbi([
  "function threatResponse() view returns (address)",
  "function setThreatResponse(address threatResponse, uint32 maxPause)",
]);

/** Opts the vault in to the deployment's ThreatResponse (once) and funds the responder account. */
async function ensureThreatResponseOptIn(
  clients: Clients,
  deployment: Deployment,
  demo: MonitorDemo,
  progress: Progress,
): Promise<void> {
  const threatResponse = deployment.governance?.threatResponse;
  if (threatResponse === undefined) return;
  const named = accounts();
  if ((await getBalance(clients.public, { address: named.responder.address })) < parseEther("1"))
    await clients.test.setBalance({ address: named.responder.address, value: parseEther("10") });
  const current = await readContract(clients.public, {
    address: demo.vault,
    abi: vaultThreatAbi,
    functionName: "threatResponse",
  });
  if (current.toLowerCase() === threatResponse.toLowerCase()) return;
  await setAutomine(clients.test, true);
  try {
    await sendAndWait(
      clients.wallet(named.deployer),
      {
        to: demo.vault,
        data: encodeFunctionData({
          abi: vaultThreatAbi,
          functionName: "setThreatResponse",
          args: [threatResponse, VAULT_MAX_PAUSE_SECONDS],
        }),
      },
      "DemoLendingVault.setThreatResponse",
    );
  } finally {
    await setIntervalMining(clients.test, { interval: 1 });
  }
  progress.step("demo", `the vault opted in to the ThreatResponse ${threatResponse} (pauses ≤ 1 h)`);
}

function writeWatchFile(files: MonitorFiles, demo: MonitorDemo): void {
  writeFileSync(files.watchFile, `${JSON.stringify(monitorDemoWatchFile(demo), null, 2)}\n`);
}

async function hasCode(clients: Clients, address: Address): Promise<boolean> {
  const code = await getCode(clients.public, { address });
  return code !== undefined && code !== "0x";
}
