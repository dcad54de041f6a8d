import { addStrategy, type CoreDelays, deployCoreContracts } from "@palisade/deploy";
import type { Deployment } from "@palisade/sdk";
import { type Address, maxUint256 } from "viem";
import { accounts } from "./accounts.ts";
import type { Clients } from "./clients.ts";
import { defaultLsts, deployMockLst, type MockLstSpec } from "./deployTokens.ts";

export interface DeployCoreOptions extends CoreDelays {
  /** Mock LSTs to deploy, each with a strategy (default stETH, rETH, cbETH). */
  tokens?: readonly MockLstSpec[];
  /** Progress messages, e.g. for the devnet's output. */
  onStep?: (message: string) => void;
}

/**
 * The test and devnet deployment: the core from the named deployer (owner; pauser: the named
 * pauser) at its predicted addresses (@palisade/deploy's deployCoreContracts), then one MockLST
 * per token, minted by the deployer, each with an uncapped strategy.
 */
export async function deployCore(clients: Clients, options: DeployCoreOptions): Promise<Deployment> {
  const named = accounts();
  const deployer = named.deployer;
  const wallet = clients.wallet(deployer);
  const step = options.onStep ?? (() => {});
  const { contracts, deployedAtBlock } = await deployCoreContracts(wallet, {
    owner: deployer.address,
    pauser: named.pauser.address,
    withdrawalDelayBlocks: options.withdrawalDelayBlocks,
    allocationDelayBlocks: options.allocationDelayBlocks,
    deallocationDelayBlocks: options.deallocationDelayBlocks,
    onStep: step,
  });

  const strategies: Record<string, { token: Address; strategy: Address }> = {};
  for (const spec of options.tokens ?? defaultLsts) {
    const token = await deployMockLst(wallet, spec, deployer.address);
    const strategy = await addStrategy(wallet, {
      strategyManager: contracts.strategyManager,
      token,
      cap: maxUint256,
      label: spec.symbol,
    });
    strategies[spec.symbol] = { token, strategy };
    step(`deployed ${spec.symbol} at ${token}, strategy at ${strategy}`);
  }

  return {
    version: 1,
    chainId: clients.chain.id,
    rpcUrl: clients.chain.rpcUrls.default.http[0] ?? "",
    deployer: deployer.address,
    deployedAtBlock,
    contracts,
    strategies,
    delays: {
      withdrawalBlocks: options.withdrawalDelayBlocks,
      allocationBlocks: options.allocationDelayBlocks,
      deallocationBlocks: options.deallocationDelayBlocks,
    },
  };
}
