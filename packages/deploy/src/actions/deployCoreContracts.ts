import { type Address, concat, encodeAbiParameters, getAddress, getContractAddress, type Hex } from "viem";
import { getBlockNumber, getCode, getTransactionCount } from "viem/actions";
import { bytecodeOf } from "../artifacts.ts";
import type { CoreDelays } from "../delays.ts";
import { AddressPredictionError } from "../errors.ts";
import { type DeployWallet, sendAndWait } from "../send.ts";

export interface DeployCoreContractsParameters extends CoreDelays {
  /** Initial owner of all four contracts (it alone can add strategies). */
  owner: Address;
  /** Pauser of all four contracts (can pause, never unpause). */
  pauser: Address;
  /** Progress messages, one per contract. */
  onStep?: ((message: string) => void) | undefined;
}

export interface DeployCoreContractsReturnType {
  contracts: {
    strategyManager: Address;
    delegationManager: Address;
    allocationManager: Address;
    rewardsCoordinator: Address;
  };
  /** The block the first contract was deployed in (at or after): where indexers start. */
  deployedAtBlock: number;
}

type Param = { type: string };
const address: Param = { type: "address" };
const uint32: Param = { type: "uint32" };

/** The four core contracts in deployment order: each at deployer nonce n + index. */
export const coreContractNames = [
  "StrategyManager",
  "DelegationManager",
  "AllocationManager",
  "RewardsCoordinator",
] as const;

export type CoreContractName = (typeof coreContractNames)[number];
type CoreAddresses = DeployCoreContractsReturnType["contracts"];

/** Creation code (bytecode + constructor arguments) of each core contract, given every address. */
export function coreCreationCode(
  contracts: CoreAddresses,
  parameters: CoreDelays & { owner: Address; pauser: Address },
): Record<CoreContractName, Hex> {
  const { owner, pauser } = parameters;
  const { strategyManager, delegationManager, allocationManager, rewardsCoordinator } = contracts;
  const code = (name: CoreContractName, params: Param[], args: unknown[]): Hex =>
    concat([bytecodeOf(name), encodeAbiParameters(params, args)]);
  return {
    StrategyManager: code("StrategyManager", [address, address, address], [owner, pauser, delegationManager]),
    DelegationManager: code(
      "DelegationManager",
      [address, address, address, address, address, uint32],
      [
        owner,
        pauser,
        strategyManager,
        allocationManager,
        rewardsCoordinator,
        parameters.withdrawalDelayBlocks,
      ],
    ),
    AllocationManager: code(
      "AllocationManager",
      [address, address, address, address, uint32, uint32],
      [
        owner,
        pauser,
        delegationManager,
        rewardsCoordinator,
        parameters.allocationDelayBlocks,
        parameters.deallocationDelayBlocks,
      ],
    ),
    RewardsCoordinator: code(
      "RewardsCoordinator",
      [address, address, address, address],
      [owner, pauser, delegationManager, allocationManager],
    ),
  };
}

/**
 * Deploys StrategyManager, DelegationManager, AllocationManager and RewardsCoordinator from the
 * wallet's account and checks each landed at its predicted address with code.
 *
 * The contracts reference each other in their constructors (immutables), a cycle broken by
 * predicting each address from the deployer's nonce: StrategyManager at n, DelegationManager at
 * n+1, AllocationManager at n+2, RewardsCoordinator at n+3. Nothing else may send from the
 * deployer meanwhile.
 *
 * @example
 * const { contracts } = await deployCoreContracts(wallet, { owner, pauser, ...mainnetDelays });
 */
export async function deployCoreContracts(
  wallet: DeployWallet,
  parameters: DeployCoreContractsParameters,
): Promise<DeployCoreContractsReturnType> {
  const deployer = wallet.account.address;
  const step = parameters.onStep ?? (() => {});
  const [nonce, startBlock] = await Promise.all([
    getTransactionCount(wallet, { address: deployer, blockTag: "pending" }),
    getBlockNumber(wallet, { cacheTime: 0 }),
  ]);
  const at = (offset: number): Address =>
    getContractAddress({ from: deployer, nonce: BigInt(nonce + offset) });
  const contracts = {
    strategyManager: at(0),
    delegationManager: at(1),
    allocationManager: at(2),
    rewardsCoordinator: at(3),
  };
  const creationCode = coreCreationCode(contracts, parameters);
  for (const [index, contract] of coreContractNames.entries()) {
    const predicted = at(index);
    const receipt = await sendAndWait(wallet, { data: creationCode[contract] }, `deploy ${contract}`);
    const actual = receipt.contractAddress ? getAddress(receipt.contractAddress) : receipt.contractAddress;
    if (actual !== predicted) throw new AddressPredictionError(contract, predicted, actual);
    const code = await getCode(wallet, { address: actual, blockNumber: receipt.blockNumber });
    if (!code || code === "0x") throw new AddressPredictionError(contract, predicted, null);
    step(`deployed ${contract} at ${actual}`);
  }
  return { contracts, deployedAtBlock: Number(startBlock) + 1 };
}
