import { join } from "node:path";
import { operatorRegistryAbi, serviceManagerAbi } from "@palisade/abis";
import { builtInEngines, createEngineRegistry, loadSecurityEngines } from "@palisade/engines";
import { loadMonitorAlertEngine } from "@palisade/monitor";
import { loadDeployment } from "@palisade/sdk";
import { openSqliteStore } from "@palisade/store";
import { pino } from "pino";
import { createPublicClient, createWalletClient, http, type PublicClient, parseGwei } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { startAggregator } from "./aggregator.ts";
import { parseConfig } from "./config.ts";
import { ChainMismatchError, ConfigError } from "./errors.ts";

/** Validates the configuration, connects, resumes the journal and serves until SIGINT/SIGTERM. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const config = parseConfig(argv, env);
  const logger = pino({ level: config.logLevel, redact: ["submitterKey", "*.submitterKey"] });
  const deployment = await loadDeployment(config.deployment);
  const rpcUrl = config.rpcUrl ?? deployment.rpcUrl;
  const client = createPublicClient({ transport: http(rpcUrl) }) as PublicClient;
  const chainId = await client.getChainId();
  if (chainId !== deployment.chainId) throw new ChainMismatchError(deployment.chainId, chainId);
  const serviceManager = config.serviceManager ?? deployment.avs?.serviceManager;
  if (!serviceManager)
    throw new ConfigError(
      "the deployment file has no avs section: pass --service-manager (or PALISADE_SERVICE_MANAGER)",
    );
  const operatorRegistry =
    deployment.avs && deployment.avs.serviceManager === serviceManager
      ? deployment.avs.operatorRegistry
      : await client.readContract({
          address: serviceManager,
          abi: serviceManagerAbi,
          functionName: "registry",
        });
  // Sanity: the registry names this ServiceManager (a wrong flag fails here, not at the first certificate).
  const back = await client.readContract({
    address: operatorRegistry,
    abi: operatorRegistryAbi,
    functionName: "serviceManager",
  });
  if (back !== serviceManager)
    throw new ConfigError(`the registry ${operatorRegistry} belongs to ${back}, not ${serviceManager}`);
  // The same lists, DEX and chain as the nodes' (apps/node/src/run.ts), or request hashes differ.
  const security = await loadSecurityEngines({
    labelsDir: config.labelsDir,
    chainId: deployment.chainId,
    dex: deployment.dex,
  });
  logger.info(security.logFields, "security engines loaded");
  // monitor-alert@1 with --watch-file: the same watch file and deployment as the nodes' and the monitor's.
  const alerts =
    config.watchFile === undefined
      ? undefined
      : await loadMonitorAlertEngine({ watchFile: config.watchFile, deployment, operatorRegistry });
  if (alerts) logger.info(alerts.logFields, "monitor-alert engine loaded");
  const account = privateKeyToAccount(config.submitterKey.reveal());
  const wallet = createWalletClient({ account, transport: http(rpcUrl) });
  const store = openSqliteStore(join(config.dataDir, "aggregator.sqlite"));
  const aggregator = await startAggregator({
    client,
    wallet,
    store: store.pendingSignatures,
    dataDir: config.dataDir,
    domain: { chainId, serviceManager },
    operatorRegistry,
    fromBlock: deployment.avs?.deployedAtBlock ?? deployment.deployedAtBlock,
    settings: {
      deadlineMs: config.taskDeadlineMs,
      nodeTimeoutMs: config.nodeTimeoutMs,
      confirmations: config.confirmations,
      nodeUrls: config.nodeUrls,
      batchSize: config.batchSize,
      batchIntervalMs: config.batchIntervalMs,
      stragglerGraceMs: config.stragglerGraceMs,
      chainTaskPollMs: config.taskPollMs,
      urgentPriorityFeeWei: parseGwei(String(config.urgentPriorityFeeGwei)),
    },
    logger,
    port: config.port,
    engines: createEngineRegistry([
      ...builtInEngines,
      ...security.engines,
      ...(alerts ? [alerts.engine] : []),
    ]),
  });
  logger.info({ submitter: account.address, dataDir: config.dataDir }, "aggregator ready");
  const stop = async (signal: string) => {
    logger.info({ signal }, "stopping");
    await aggregator.close();
    store.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2), process.env).catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error.help ? 0 : 2);
    }
    process.stderr.write(`palisade-aggregator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
