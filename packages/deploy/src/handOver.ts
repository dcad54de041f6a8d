import { strategyManagerAbi } from "@palisade/abis";
import type { AvsDeployment, CoreContracts, MarketplaceDeployment } from "@palisade/sdk";
import { type Address, encodeFunctionData, type Hex, zeroHash } from "viem";

/** What the hand-over to the Timelock reads from a deployment file: the core, the AVS, the marketplace. */
export interface GovernedDeployment {
  contracts: CoreContracts;
  avs: AvsDeployment;
  marketplace: MarketplaceDeployment;
}

/**
 * Every contract whose owner becomes the Timelock (all Ownable2Step), by name, in the order of
 * GovernanceFixture._governed: the core, the AVS, the marketplace.
 */
export function governedContracts(deployment: GovernedDeployment): readonly (readonly [string, Address])[] {
  return [
    ["StrategyManager", deployment.contracts.strategyManager],
    ["DelegationManager", deployment.contracts.delegationManager],
    ["AllocationManager", deployment.contracts.allocationManager],
    ["RewardsCoordinator", deployment.contracts.rewardsCoordinator],
    ["OperatorRegistry", deployment.avs.operatorRegistry],
    ["ServiceManager", deployment.avs.serviceManager],
    ["Marketplace", deployment.marketplace.marketplace],
    ["ReviewBoard", deployment.marketplace.reviewBoard],
    ["ProviderSlashing", deployment.marketplace.providerSlashing],
  ];
}

/** A Timelock batch operation: `scheduleBatch`/`executeBatch` arguments. */
export interface TimelockBatch {
  targets: Address[];
  values: bigint[];
  payloads: Hex[];
  predecessor: Hex;
  salt: Hex;
}

/**
 * The one timelocked batch in which the Timelock accepts the ownership of every governed contract.
 * Deterministic (salt 0, no predecessor), so whoever completes the hand-over recomputes it.
 */
export function handOverBatch(deployment: GovernedDeployment): TimelockBatch {
  const targets = governedContracts(deployment).map(([, address]) => address);
  // Every governed contract shares OpenZeppelin's Ownable2Step: one ABI encodes the call for all.
  const accept = encodeFunctionData({ abi: strategyManagerAbi, functionName: "acceptOwnership" });
  return {
    targets,
    values: targets.map(() => 0n),
    payloads: targets.map(() => accept),
    predecessor: zeroHash,
    salt: zeroHash,
  };
}
