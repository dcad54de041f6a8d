import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createClients, repoRoot } from "@palisade/testkit";
import { nodeEndpoints } from "./avs.ts";
import { ConfigError, parseConfig } from "./config.ts";
import { startDevnet } from "./devnet.ts";
import { gatewayEndpoints } from "./marketplace.ts";
import { ensureMonitorDemo } from "./monitor.ts";
import { type RunningServices, startServices, stopServices } from "./processes.ts";
import { createProgress } from "./progress.ts";
import { readSnapshot } from "./snapshot.ts";
import { renderSummary } from "./summary.ts";

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2), process.env, {
    stateDir: resolve(repoRoot, ".palisade/devnet"),
    cwd: process.cwd(),
  });
  const progress = createProgress(print);
  const devnet = await startDevnet(config, progress);
  let services: RunningServices = { services: [], views: [] };
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    print(`${signal}: stopping ${services.services.length} services, then anvil (saving the chain state)…`);
    await stopServices(services.services);
    await devnet.anvil.stop();
    clearInterval(keepAlive);
    print("stopped");
    process.exit(0);
  };
  // Installed before the services start: a Ctrl-C while they come up stops what has started.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, (s) => void stop(s));
  // anvil does not keep this process alive by itself (see startAnvil); this timer does until a signal.
  const keepAlive = setInterval(() => {}, 1 << 30);

  const clients = createClients(devnet.anvil.rpcUrl, { pollingIntervalMs: 200 });
  try {
    const endpoints = await nodeEndpoints(clients, devnet.deployment, progress);
    const gateways = await gatewayEndpoints(
      clients,
      devnet.deployment,
      progress,
      new Set(endpoints.map((endpoint) => endpoint.port)),
    );
    const monitor = await ensureMonitorDemo(
      clients,
      devnet.deployment,
      { stateDir: config.stateDir, resumed: devnet.resumed },
      progress,
    );
    services = await startServices(devnet, endpoints, gateways, config.stateDir, progress, print, monitor);
  } catch (error) {
    await devnet.anvil.stop();
    throw error;
  }
  for (const service of services.services) {
    void service.exited.then((code) => {
      if (!stopping) print(`[${service.name}] exited (code ${code}); it is not restarted`);
    });
  }

  const snapshot = await readSnapshot(clients.public, devnet.deployment, {
    anvilPid: devnet.anvil.pid,
    stateDir: config.stateDir,
    deploymentFile: devnet.deploymentFile,
    resumed: devnet.resumed,
    keys: { keysDir: dirname(devnet.keys.passwordFile), passwordFile: devnet.keys.passwordFile },
  });
  snapshot.services = services.views;
  // Where clients find the services (e.g. packages/sdk/examples/attest.ts): rewritten at every start.
  writeFileSync(
    join(config.stateDir, "services.json"),
    `${JSON.stringify({ services: services.views }, null, 2)}\n`,
  );
  for (const line of renderSummary(snapshot)) print(line);
  print(`ready: ${devnet.anvil.rpcUrl}`);
  void devnet.anvil.exited.then(() => {
    if (stopping) return;
    process.stderr.write("anvil exited unexpectedly; the devnet stops\n");
    void stopServices(services.services).then(() => process.exit(1));
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError && error.help) {
    print(error.message);
    process.exit(0);
  }
  process.stderr.write(`devnet: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
