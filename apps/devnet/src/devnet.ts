import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Deployment, loadDeployment, writeDeployment } from "@palisade/sdk";
import {
  type Anvil,
  AnvilPortInUseError,
  createClients,
  deployCore,
  isPortBusy,
  type OperatorKeystoreFiles,
  seedDevnet,
  startAnvil,
  testDelays,
} from "@palisade/testkit";
import { getChainId, getCode, setIntervalMining } from "viem/actions";
import { ensureAvs, ensureKeystores } from "./avs.ts";
import type { DevnetConfig } from "./config.ts";
import { ensureSecurityConfig } from "./economicSecurity.ts";
import { DevnetError } from "./errors.ts";
import { ensureGovernance, keepClockMonotonic } from "./governance.ts";
import { ensureDex, ensureMarketplace } from "./marketplace.ts";
import type { Progress } from "./progress.ts";

export { DevnetError };

export interface RunningDevnet {
  anvil: Anvil;
  deployment: Deployment;
  deploymentFile: string;
  resumed: boolean;
  /** The operators' EIP-2335 keystores and their password file (devnet only: public test keys). */
  keys: OperatorKeystoreFiles;
}

const portBusy = (port: number) =>
  new DevnetError(
    `port ${port} on 127.0.0.1 is already in use (another devnet or node?). ` +
      "Choose another with --port <port> or PALISADE_PORT.",
  );

/** Seconds between periodic state dumps: a crash (SIGKILL, power loss) loses at most this much. */
const stateIntervalSeconds = 2;

/**
 * Starts anvil on the state directory and resumes the deployment found there, or deploys and
 * seeds a fresh one; deploys the Palisade AVS with four registered operators when the deployment
 * has none (fresh, or a state dir from before the AVS); writes the operators' keystores when
 * missing; declares an economic-security config for the seeded set when it has none; puts it all
 * under governance when the deployment has no governance section (the Timelock's delay moves the
 * chain's clock an hour ahead; on resume the clock never goes back). Leaves anvil interval-mining
 * one block per second.
 */
export async function startDevnet(config: DevnetConfig, progress: Progress): Promise<RunningDevnet> {
  const stateFile = join(config.stateDir, "anvil-state.json");
  const deploymentFile = join(config.stateDir, "deployment.json");
  await mkdir(config.stateDir, { recursive: true });
  if (await isPortBusy(config.port)) throw portBusy(config.port);

  const canResume = existsSync(stateFile) && existsSync(deploymentFile);
  progress.note(
    "anvil",
    canResume ? `loading chain state from ${stateFile}` : `starting a fresh chain (state: ${stateFile})`,
  );
  let anvil: Anvil;
  try {
    anvil = await startAnvil({ port: config.port, stateFile, stateIntervalSeconds, ownProcessGroup: true });
  } catch (error) {
    if (error instanceof AnvilPortInUseError) throw portBusy(config.port);
    throw error;
  }
  progress.step("anvil", `listening on ${anvil.rpcUrl} (pid ${anvil.pid})`);

  try {
    const clients = createClients(anvil.rpcUrl);
    let deployment = canResume ? await loadDeployment(deploymentFile) : undefined;
    if (deployment) {
      const chainId = await getChainId(clients.public);
      const code = await getCode(clients.public, { address: deployment.contracts.delegationManager });
      if (chainId !== deployment.chainId || !code || code === "0x") {
        progress.note(
          "resume",
          "the saved state does not hold the deployment in deployment.json: deploying again",
        );
        deployment = undefined;
      }
    }
    const resumed = deployment !== undefined;
    if (deployment) {
      const moved = await keepClockMonotonic(clients);
      if (moved > 0)
        progress.step(
          "resume",
          `the saved chain's clock is ${moved} s ahead of wall time: it goes on from there, never back`,
        );
      // The port may differ from the last run.
      deployment = await writeDeployment(deploymentFile, { ...deployment, rpcUrl: anvil.rpcUrl });
      progress.step("resume", `deployment found in ${deploymentFile}`);
    } else {
      progress.note("deploy", "deploying the core contracts and the mock LSTs");
      const deployed = await deployCore(clients, {
        ...testDelays,
        onStep: (line) => progress.step("deploy", line),
      });
      progress.note("seed", "seeding operators, stakers, the operator set and rewards");
      const seeded = await seedDevnet(clients, deployed, { onStep: (line) => progress.step("seed", line) });
      deployment = await writeDeployment(deploymentFile, seeded.deployment);
      progress.step("seed", `wrote ${deploymentFile}`);
    }
    if (!deployment.avs) {
      deployment = await writeDeployment(deploymentFile, await ensureAvs(clients, deployment, progress));
      progress.step("avs", `wrote the AVS section to ${deploymentFile}`);
    }
    if (!deployment.marketplace) {
      deployment = await writeDeployment(
        deploymentFile,
        await ensureMarketplace(clients, deployment, progress),
      );
      progress.step("market", `wrote the marketplace section to ${deploymentFile}`);
    }
    if (!deployment.dex) {
      deployment = await writeDeployment(deploymentFile, await ensureDex(clients, deployment, progress));
      progress.step("dex", `wrote the dex section to ${deploymentFile}`);
    }
    if (!deployment.governance) {
      deployment = await writeDeployment(
        deploymentFile,
        await ensureGovernance(clients, deployment, progress),
      );
      progress.step("gov", `wrote the governance section to ${deploymentFile}`);
    }
    const keys = await ensureKeystores(config.stateDir);
    if (await ensureSecurityConfig(clients, deployment)) {
      progress.step(
        "config",
        `economic-security config declared for operator set ${deployment.operatorSet?.id}`,
      );
    }
    // Deploy and seed ran on automine; from now on blocks come every second so delays pass in wall time.
    await setIntervalMining(clients.test, { interval: 1 });
    return { anvil, deployment, deploymentFile, resumed, keys };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
