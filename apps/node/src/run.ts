import { readFileSync } from "node:fs";
import { join } from "node:path";
import { serviceManagerAbi } from "@palisade/abis";
import { builtInEngines, createEngineRegistry, type Engine, loadSecurityEngines } from "@palisade/engines";
import { loadMonitorAlertEngine } from "@palisade/monitor";
import { type Deployment, loadDeployment } from "@palisade/sdk";
import { openSqliteStore } from "@palisade/store";
import { type Logger, pino } from "pino";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  http,
  type PublicClient,
  webSocket,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { avsAddressesOf } from "./avs/avsContracts.ts";
import { registerOperator } from "./avs/registerOperator.ts";
import { describeConfig, type NodeConfig } from "./config.ts";
import { ChainMismatchError } from "./errors.ts";
import { loadBlsKey } from "./keys.ts";
import { startNode } from "./node.ts";

/** The node's version, from its package.json. */
export const nodeVersion: string = (
  JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")) as { version: string }
).version;

/**
 * pino to stdout. Secrets never enter log calls (they travel as `Secret`, which prints "[redacted]");
 * the redaction paths are a second line of defence for a careless future log line.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { service: "palisade-node" },
    redact: {
      paths: [
        "operatorKey",
        "*.operatorKey",
        "privateKey",
        "*.privateKey",
        "password",
        "*.password",
        "secretKey",
        "*.secretKey",
      ],
      censor: "[redacted]",
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination as pino.DestinationStream);
}

export interface RunningProcess {
  url?: string;
  /** Graceful stop: HTTP server first (in-flight requests finish), then the store. */
  stop(): Promise<void>;
}

/** `run`: open the store, load the key, check the chain, serve. */
export async function run(config: NodeConfig, logger: Logger): Promise<RunningProcess> {
  logger.info(describeConfig(config), "starting");
  const deployment = await loadDeployment(config.deploymentPath);
  const rpcUrl = config.rpcUrl ?? deployment.rpcUrl;
  const transport = rpcUrl.startsWith("ws") ? webSocket(rpcUrl) : http(rpcUrl, { timeout: 10_000 });
  const client = createPublicClient({ transport }) as PublicClient;
  const chainId = await client.getChainId();
  if (chainId !== deployment.chainId) throw new ChainMismatchError(deployment.chainId, chainId);
  const serviceManager = config.serviceManager ?? avsAddressesOf(deployment).serviceManager;
  // On-chain tasks are read from the AVS deployment on (the deployment file's, else the core's block).
  const fromBlock = BigInt(deployment.avs?.deployedAtBlock ?? deployment.deployedAtBlock);
  const secretKey = await loadBlsKey(config.blsKeystorePath, config.blsPassword);
  // The same lists, DEX and chain as the aggregator's (apps/aggregator/src/main.ts), or request hashes differ.
  const security = await loadSecurityEngines({
    labelsDir: config.labelsDir,
    chainId: deployment.chainId,
    dex: deployment.dex,
  });
  logger.info(security.logFields, "security engines loaded");
  const alerts = await monitorAlertEngines(config, deployment, client, serviceManager, logger);
  const store = openSqliteStore(join(config.dataDir, "node.sqlite"));
  try {
    const node = await startNode({
      client,
      engines: createEngineRegistry([...builtInEngines, ...security.engines, ...alerts]),
      store: store.slashingProtection,
      secretKey,
      domain: { chainId, serviceManager },
      logger,
      nodeName: config.name,
      nodeVersion,
      aggregatorUrl: config.aggregatorUrl,
      host: config.host,
      port: config.port,
      chainTasks:
        config.taskPollMs > 0
          ? {
              fromBlock,
              pollIntervalMs: config.taskPollMs,
              cursorPath: join(config.dataDir, "task-cursor.json"),
            }
          : undefined,
    });
    return {
      url: node.url,
      async stop() {
        await node.close();
        store.close();
        logger.info("stopped");
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

/**
 * `monitor-alert@1` when `--watch-file` is given (none otherwise): the monitor's detectors over that file
 * and the deployment's contracts, the OperatorRegistry of `serviceManager`. Its watch digest is logged:
 * the aggregator's and the monitor's must be the same.
 */
async function monitorAlertEngines(
  config: NodeConfig,
  deployment: Deployment,
  client: PublicClient,
  serviceManager: Address,
  logger: Logger,
): Promise<Engine[]> {
  if (config.watchFile === undefined) return [];
  const operatorRegistry =
    deployment.avs?.serviceManager === serviceManager
      ? deployment.avs.operatorRegistry
      : await client.readContract({
          address: serviceManager,
          abi: serviceManagerAbi,
          functionName: "registry",
        });
  const loaded = await loadMonitorAlertEngine({ watchFile: config.watchFile, deployment, operatorRegistry });
  logger.info(loaded.logFields, "monitor-alert engine loaded");
  return [loaded.engine];
}

/** `register`: core operator if needed, then the Palisade operator set, then (--allocate) the allocation (see avs/registerOperator.ts). */
export async function register(config: NodeConfig, logger: Logger): Promise<void> {
  logger.info(describeConfig(config), "registering");
  const deployment = await loadDeployment(config.deploymentPath);
  const rpcUrl = config.rpcUrl ?? deployment.rpcUrl;
  if (config.operatorKey === undefined)
    throw new Error("unreachable: parseConfig requires the key for register");
  const account = privateKeyToAccount(config.operatorKey.reveal());
  const client = createWalletClient({ account, transport: http(rpcUrl, { timeout: 60_000 }) });
  const chainId = await client.getChainId();
  if (chainId !== deployment.chainId) throw new ChainMismatchError(deployment.chainId, chainId);
  const secretKey = await loadBlsKey(config.blsKeystorePath, config.blsPassword);
  await registerOperator(client, {
    deployment,
    secretKey,
    nodeUrl: config.nodeUrl,
    ...(config.allocate === undefined ? {} : { allocate: config.allocate }),
    logger,
  });
}
