import { type Deployment, parseDeployment } from "@palisade/sdk";
import type { Address } from "viem";
import type { CoreDelays } from "../delays.ts";
import type { DeployWallet } from "../send.ts";
import { addStrategy } from "./addStrategy.ts";
import { deployCoreContracts } from "./deployCoreContracts.ts";
import { transferCoreOwnership } from "./transferCoreOwnership.ts";

export interface StrategySpec {
  /** The key of the strategy in the deployment file (the token's `symbol()`). */
  symbol: string;
  token: Address;
  /** Deposit cap in the token's base units (maxUint256: no cap). */
  cap: bigint;
}

export interface DeployCoreParameters extends CoreDelays {
  /** Final owner; when it is not the deployer, a two-step transfer is started (see transferCoreOwnership). */
  owner: Address;
  pauser: Address;
  strategies: readonly StrategySpec[];
  /** Recorded in the deployment file for its readers. */
  rpcUrl: string;
  onStep?: ((message: string) => void) | undefined;
}

export type DeployCoreReturnType = Deployment;

/**
 * Deploys the core (see deployCoreContracts) owned by the deployer, adds one strategy per token
 * with its cap, then hands ownership over to `owner` when it is someone else. Returns the
 * deployment record (no operator set), validated against the SDK's schema.
 *
 * @example
 * const deployment = await deployCore(wallet, {
 *   ...mainnetDelays, owner: multisig, pauser, rpcUrl,
 *   strategies: [{ symbol: "stETH", token: stEth, cap: parseEther("100000") }],
 * });
 * await writeDeployment("deployments/1.json", deployment);
 */
export async function deployCore(
  wallet: DeployWallet,
  parameters: DeployCoreParameters,
): Promise<DeployCoreReturnType> {
  const deployer = wallet.account.address;
  const step = parameters.onStep ?? (() => {});
  const { contracts, deployedAtBlock } = await deployCoreContracts(wallet, {
    ...parameters,
    // The deployer owns the core until the strategies are added: addStrategy is onlyOwner.
    owner: deployer,
  });
  const strategies: Record<string, { token: Address; strategy: Address }> = {};
  for (const { symbol, token, cap } of parameters.strategies) {
    const strategy = await addStrategy(wallet, {
      strategyManager: contracts.strategyManager,
      token,
      cap,
      label: symbol,
    });
    strategies[symbol] = { token, strategy };
    step(`added the ${symbol} strategy at ${strategy} (token ${token})`);
  }
  if (parameters.owner.toLowerCase() !== deployer.toLowerCase()) {
    await transferCoreOwnership(wallet, { contracts, newOwner: parameters.owner, onStep: step });
  }
  return parseDeployment({
    version: 1,
    chainId: wallet.chain.id,
    rpcUrl: parameters.rpcUrl,
    deployer,
    deployedAtBlock,
    contracts,
    strategies,
    delays: {
      withdrawalBlocks: parameters.withdrawalDelayBlocks,
      allocationBlocks: parameters.allocationDelayBlocks,
      deallocationBlocks: parameters.deallocationDelayBlocks,
    },
  });
}
