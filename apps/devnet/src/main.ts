import { resolve } from "node:path";
import { repoRoot } from "@palisade/testkit";
import { createPublicClient, http } from "viem";
import { ConfigError, parseConfig } from "./config.ts";
import { startDevnet } from "./devnet.ts";
import { createProgress } from "./progress.ts";
import { readSnapshot } from "./snapshot.ts";
import { renderSummary } from "./summary.ts";

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2), process.env, {
    stateDir: resolve(repoRoot, ".palisade/devnet"),
    cwd: process.cwd(),
  });
  const devnet = await startDevnet(config, createProgress(print));
  const client = createPublicClient({ transport: http(devnet.anvil.rpcUrl) });
  const snapshot = await readSnapshot(client, devnet.deployment, {
    anvilPid: devnet.anvil.pid,
    stateDir: config.stateDir,
    deploymentFile: devnet.deploymentFile,
    resumed: devnet.resumed,
  });
  for (const line of renderSummary(snapshot)) print(line);
  print(`ready: ${devnet.anvil.rpcUrl}`);

  // anvil does not keep this process alive by itself (see startAnvil); this timer does until a signal.
  const keepAlive = setInterval(() => {}, 1 << 30);
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    print(`${signal}: stopping anvil and saving the chain state…`);
    await devnet.anvil.stop();
    clearInterval(keepAlive);
    print("stopped");
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, (s) => void stop(s));
  void devnet.anvil.exited.then(() => {
    if (stopping) return;
    process.stderr.write("anvil exited unexpectedly; the devnet stops\n");
    process.exit(1);
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
