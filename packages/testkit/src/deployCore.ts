import { strategyManagerAbi } from "@palisade/abis";
import type { Deployment } from "@palisade/sdk";
import {
  type Address,
  concat,
  encodeAbiParameters,
  encodeFunctionData,
  getContractAddress,
  type Hex,
  maxUint256,
} from "viem";
import { getBlockNumber, getTransactionCount, readContract } from "viem/actions";
import { accounts } from "./accounts.ts";
import { bytecodeOf } from "./artifacts.ts";
import type { Clients } from "./clients.ts";
import { defaultLsts, deployMockLst, type MockLstSpec } from "./deployTokens.ts";
import { sendAndWait } from "./send.ts";

export interface DeployCoreOptions {
  withdrawalDelayBlocks: number;
  allocationDelayBlocks: number;
  deallocationDelayBlocks: number;
  /** Mock LSTs to deploy, each with a strategy (default stETH, rETH, cbETH). */
  tokens?: readonly MockLstSpec[];
  /** Progress messages, e.g. for the devnet's output. */
  onStep?: (message: string) => void;
}

/** A predicted address did not receive the contract: something else used the deployer's nonce. */
export class AddressPredictionError extends Error {
  constructor(contract: string, predicted: Address, actual: Address | null | undefined) {
    super(
      `${contract} deployed at ${actual ?? "nowhere"}, predicted ${predicted}: the deployer's nonce moved`,
    );
    this.name = "AddressPredictionError";
  }
}

type Param = { type: string };
const address: Param = { type: "address" };
const uint32: Param = { type: "uint32" };

/**
 * Deploys the four core contracts (owner = pauser = … see below) and one MockLST strategy per token.
 *
 * The contracts reference each other in their constructors (immutables), a cycle broken by
 * predicting each address from the deployer's nonce: StrategyManager at n, DelegationManager at
 * n+1, AllocationManager at n+2, RewardsCoordinator at n+3. Nothing else may send from the
 * deployer meanwhile; each address is checked after its deployment.
 */
export async function deployCore(clients: Clients, options: DeployCoreOptions): Promise<Deployment> {
  const named = accounts();
  const deployer = named.deployer;
  const wallet = clients.wallet(deployer);
  const step = options.onStep ?? (() => {});
  const owner = deployer.address;
  const pauser = named.pauser.address;

  const [nonce, startBlock] = await Promise.all([
    getTransactionCount(clients.public, { address: deployer.address, blockTag: "pending" }),
    getBlockNumber(clients.public, { cacheTime: 0 }),
  ]);
  const at = (offset: number): Address =>
    getContractAddress({ from: deployer.address, nonce: BigInt(nonce + offset) });
  const strategyManager = at(0);
  const delegationManager = at(1);
  const allocationManager = at(2);
  const rewardsCoordinator = at(3);

  const plan: readonly { contract: string; predicted: Address; params: Param[]; args: unknown[] }[] = [
    {
      contract: "StrategyManager",
      predicted: strategyManager,
      params: [address, address, address],
      args: [owner, pauser, delegationManager],
    },
    {
      contract: "DelegationManager",
      predicted: delegationManager,
      params: [address, address, address, address, address, uint32],
      args: [
        owner,
        pauser,
        strategyManager,
        allocationManager,
        rewardsCoordinator,
        options.withdrawalDelayBlocks,
      ],
    },
    {
      contract: "AllocationManager",
      predicted: allocationManager,
      params: [address, address, address, address, uint32, uint32],
      args: [
        owner,
        pauser,
        delegationManager,
        rewardsCoordinator,
        options.allocationDelayBlocks,
        options.deallocationDelayBlocks,
      ],
    },
    {
      contract: "RewardsCoordinator",
      predicted: rewardsCoordinator,
      params: [address, address, address, address],
      args: [owner, pauser, delegationManager, allocationManager],
    },
  ];
  for (const { contract, predicted, params, args } of plan) {
    const data: Hex = concat([bytecodeOf(contract), encodeAbiParameters(params, args)]);
    const receipt = await sendAndWait(wallet, { data }, `deploy ${contract}`);
    if (receipt.contractAddress?.toLowerCase() !== predicted.toLowerCase()) {
      throw new AddressPredictionError(contract, predicted, receipt.contractAddress);
    }
    step(`deployed ${contract} at ${predicted}`);
  }

  const strategies: Record<string, { token: Address; strategy: Address }> = {};
  for (const spec of options.tokens ?? defaultLsts) {
    const token = await deployMockLst(wallet, spec, owner);
    const data = encodeFunctionData({
      abi: strategyManagerAbi,
      functionName: "addStrategy",
      args: [token, maxUint256],
    });
    await sendAndWait(wallet, { to: strategyManager, data }, `addStrategy(${spec.symbol})`);
    const strategy = await readContract(clients.public, {
      address: strategyManager,
      abi: strategyManagerAbi,
      functionName: "strategyFor",
      args: [token],
    });
    strategies[spec.symbol] = { token, strategy };
    step(`deployed ${spec.symbol} at ${token}, strategy at ${strategy}`);
  }

  return {
    version: 1,
    chainId: clients.chain.id,
    rpcUrl: clients.chain.rpcUrls.default.http[0] ?? "",
    deployer: deployer.address,
    deployedAtBlock: Number(startBlock) + 1,
    contracts: { strategyManager, delegationManager, allocationManager, rewardsCoordinator },
    strategies,
    delays: {
      withdrawalBlocks: options.withdrawalDelayBlocks,
      allocationBlocks: options.allocationDelayBlocks,
      deallocationBlocks: options.deallocationDelayBlocks,
    },
  };
}
