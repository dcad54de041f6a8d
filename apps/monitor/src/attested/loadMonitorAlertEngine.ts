import { avsOf, type Deployment } from "@palisade/sdk";
import type { Address, Hex } from "viem";
import { deploymentContracts } from "../run.ts";
import { loadWatchFile, resolveWatch, type WatchConfig } from "../watch.ts";
import { createMonitorAlertEngine, type MonitorAlertEngine } from "./monitorAlertEngine.ts";
import { watchDigest } from "./watchDigest.ts";

/**
 * The watch operators attest against: the watch file resolved with the deployment's contracts, exactly
 * as the monitor resolves it when it runs on that deployment without `--watch` (run.ts). Errors:
 * WatchFileError.
 */
export async function loadOperatorWatch(
  watchFile: string,
  deployment: Deployment,
): Promise<{ watch: WatchConfig; watchDigest: Hex }> {
  const watch = resolveWatch(await loadWatchFile(watchFile), deploymentContracts(deployment));
  return { watch, watchDigest: watchDigest(watch) };
}

export interface LoadMonitorAlertEngineOptions {
  watchFile: string;
  deployment: Deployment;
  /** Default: the deployment's `avs.operatorRegistry` (AvsNotDeployedError without it). */
  operatorRegistry?: Address | undefined;
}

/** The engine and what it was built from, for the start-up log. */
export interface LoadedMonitorAlertEngine {
  engine: MonitorAlertEngine;
  watchDigest: Hex;
  contracts: number;
  oracles: number;
  /** What node and aggregator log at start ("monitor-alert engine loaded"): the digests must be equal. */
  logFields: {
    watchFile: string;
    watchDigest: Hex;
    contracts: number;
    oracles: number;
    operatorRegistry: Address;
  };
}

/**
 * What an operator node and the aggregator register with `--watch-file`: `monitor-alert@1` over the
 * watch file and the deployment's contracts, its chain and OperatorRegistry. Every node, the aggregator
 * and the monitor must load the same watch file and deployment, or the watch digests differ and no
 * alert reaches quorum. Errors: WatchFileError, AvsNotDeployedError.
 *
 * @example
 * const { engine, watchDigest } = await loadMonitorAlertEngine({ watchFile, deployment });
 * createEngineRegistry([...builtInEngines, engine]);
 */
export async function loadMonitorAlertEngine(
  options: LoadMonitorAlertEngineOptions,
): Promise<LoadedMonitorAlertEngine> {
  const { watch, watchDigest: digest } = await loadOperatorWatch(options.watchFile, options.deployment);
  const operatorRegistry = options.operatorRegistry ?? avsOf(options.deployment).operatorRegistry;
  const engine = createMonitorAlertEngine({ watch, chainId: options.deployment.chainId, operatorRegistry });
  const counts = { contracts: watch.contracts.size, oracles: watch.oracles.size };
  return {
    engine,
    watchDigest: digest,
    ...counts,
    logFields: { watchFile: options.watchFile, watchDigest: digest, ...counts, operatorRegistry },
  };
}
