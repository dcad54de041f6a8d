import {
  allocationManagerAbi,
  delegationManagerAbi,
  governanceTokenAbi,
  marketplaceAbi,
  operatorRegistryAbi,
  palisadeGovernorAbi,
  providerSlashingAbi,
  revenueDistributorAbi,
  reviewBoardAbi,
  rewardsCoordinatorAbi,
  serviceManagerAbi,
  strategyManagerAbi,
  timelockAbi,
} from "@palisade/abis";
import type { Deployment, ProposalCall } from "@palisade/sdk";
import { type Abi, type Address, decodeFunctionData, getAddress } from "viem";

/** The deployment's contracts a proposal may call, by address: their name and ABI. */
function knownContracts(deployment: Deployment): Map<Address, { name: string; abi: Abi }> {
  const known = new Map<Address, { name: string; abi: Abi }>();
  const add = (address: Address | undefined, name: string, abi: unknown) => {
    if (address) known.set(getAddress(address), { name, abi: abi as Abi });
  };
  add(deployment.contracts.strategyManager, "StrategyManager", strategyManagerAbi);
  add(deployment.contracts.delegationManager, "DelegationManager", delegationManagerAbi);
  add(deployment.contracts.allocationManager, "AllocationManager", allocationManagerAbi);
  add(deployment.contracts.rewardsCoordinator, "RewardsCoordinator", rewardsCoordinatorAbi);
  add(deployment.avs?.serviceManager, "ServiceManager", serviceManagerAbi);
  add(deployment.avs?.operatorRegistry, "OperatorRegistry", operatorRegistryAbi);
  add(deployment.marketplace?.marketplace, "Marketplace", marketplaceAbi);
  add(deployment.marketplace?.reviewBoard, "ReviewBoard", reviewBoardAbi);
  add(deployment.marketplace?.providerSlashing, "ProviderSlashing", providerSlashingAbi);
  add(deployment.governance?.governor, "PalisadeGovernor", palisadeGovernorAbi);
  add(deployment.governance?.timelock, "Timelock", timelockAbi);
  add(deployment.governance?.governanceToken, "GovernanceToken", governanceTokenAbi);
  add(deployment.governance?.revenueDistributor, "RevenueDistributor", revenueDistributorAbi);
  return known;
}

const show = (value: unknown): string => {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.entries(value)
      .map(([key, inner]) => `${key}: ${show(inner)}`)
      .join(", ")}}`;
  return String(value);
};

/**
 * A proposal's calls for people: `Marketplace.setServiceActive(2, false)` for the deployment's
 * contracts, the target and raw calldata otherwise.
 */
export function describeCalls(deployment: Deployment, calls: readonly ProposalCall[]): string[] {
  const known = knownContracts(deployment);
  return calls.map((call) => {
    const contract = known.get(getAddress(call.target));
    const value = call.value === 0n ? "" : ` with ${call.value} wei`;
    if (contract) {
      try {
        const { functionName, args } = decodeFunctionData({ abi: contract.abi, data: call.data });
        return `${contract.name}.${functionName}(${(args ?? []).map(show).join(", ")})${value}`;
      } catch {
        // Not one of its functions: shown raw below.
      }
    }
    return `${contract?.name ?? call.target} calldata ${call.data}${value}`;
  });
}
