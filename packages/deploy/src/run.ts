import { join } from "node:path";
import { type Deployment, writeDeployment } from "@palisade/sdk";
import { createPublicClient, createWalletClient, defineChain, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { getChainId } from "viem/actions";
import { deployAvs } from "./actions/deployAvs.ts";
import { deployCore } from "./actions/deployCore.ts";
import { deployMarketplace } from "./actions/deployMarketplace.ts";
import { checkDeployment, type DeploymentPlan } from "./checkDeployment.ts";
import type { DeployConfig } from "./config.ts";
import { ChainIdMismatchError, RpcUnreachableError } from "./errors.ts";
import { marketplaceDefaults } from "./marketplaceSettings.ts";
import { redactRpcUrl, renderPlan, renderSummary } from "./report.ts";

export interface RunDeployOptions {
  /** One line of output. */
  print: (line: string) => void;
  /** Where the default deployments/<chainId>.json goes. */
  cwd: string;
  /** Receipt polling (default 4 s, about a third of an Ethereum slot). */
  pollingIntervalMs?: number;
}

export interface RunDeployResult {
  plan: DeploymentPlan;
  /** Undefined on a dry run. */
  deployment: Deployment | undefined;
}

/**
 * The deploy command: reads the chain, checks everything (checkDeployment), prints the plan,
 * deploys the core (and with `--avs` the AVS on it) with progress lines, writes the deployment file
 * and prints a summary.
 */
export async function runDeploy(config: DeployConfig, options: RunDeployOptions): Promise<RunDeployResult> {
  const { print } = options;
  const account = privateKeyToAccount(config.privateKey);
  // Generous timeout: public RPCs can be slow to answer a deployment-sized eth_estimateGas.
  const transport = http(config.rpcUrl, { timeout: 60_000 });

  let chainId: number;
  try {
    chainId = await getChainId(createPublicClient({ transport }));
  } catch (error) {
    throw new RpcUnreachableError(redactRpcUrl(config.rpcUrl), error);
  }
  if (config.chainId !== undefined && config.chainId !== chainId) {
    throw new ChainIdMismatchError(config.chainId, chainId);
  }
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  });
  const wallet = createWalletClient({
    chain,
    transport,
    account,
    pollingInterval: options.pollingIntervalMs ?? 4_000,
  });

  const owner = config.owner ?? account.address;
  const plan = await checkDeployment(wallet, {
    strategies: config.strategies,
    owner,
    pauser: config.pauser ?? owner,
    delays: config.delays,
    out: config.out ?? join(options.cwd, "deployments", `${chainId}.json`),
    avs: config.avs && {
      quorumThresholdBps: config.avs.quorumThresholdBps,
      vetoWindowBlocks: config.avs.vetoWindowBlocks,
      vetoCommittee: config.avs.vetoCommittee ?? owner,
      slashRequester: config.avs.slashRequester ?? owner,
    },
  });
  print("plan:");
  for (const line of renderPlan(plan, config.rpcUrl)) print(`  ${line}`);
  if (config.dryRun) {
    print("dry run: nothing sent");
    return { plan, deployment: undefined };
  }

  const deployed = await deployCore(wallet, {
    ...plan.delays,
    owner: plan.owner,
    pauser: plan.pauser,
    strategies: plan.strategies,
    rpcUrl: config.rpcUrl,
    onStep: (line) => print(`  ${line}`),
  });
  const avs =
    plan.avs &&
    (await deployAvs(wallet, {
      ...plan.avs,
      allocationManager: deployed.contracts.allocationManager,
      strategies: Object.values(deployed.strategies).map((entry) => entry.strategy),
      owner: plan.owner,
      pauser: plan.pauser,
      onStep: (line) => print(`  ${line}`),
    }));
  const roles = {
    resolver: plan.avs?.slashRequester ?? plan.owner,
    slashRequester: plan.avs?.slashRequester ?? plan.owner,
    vetoCommittee: plan.avs?.vetoCommittee ?? plan.owner,
  };
  const marketplace =
    config.marketplace &&
    (await deployMarketplace(wallet, {
      settings: marketplaceDefaults,
      owner: plan.owner,
      pauser: plan.pauser,
      treasury: config.marketplace.treasury ?? plan.owner,
      ...roles,
      serviceManager: avs?.serviceManager,
      onStep: (line) => print(`  ${line}`),
    }));
  const deployment = await writeDeployment(plan.out, {
    ...deployed,
    ...(avs ? { avs } : {}),
    ...(marketplace ? { marketplace } : {}),
  });
  for (const line of renderSummary(deployment, plan)) print(line);
  return { plan, deployment };
}
