import {
  allocationManagerAbi,
  delegationManagerAbi,
  devnetFaucetAbi,
  governanceTokenAbi,
  marketplaceAbi,
  mockLstAbi,
  operatorRegistryAbi,
  palisadeGovernorAbi,
  providerSlashingAbi,
  revenueDistributorAbi,
  reviewBoardAbi,
  rewardsCoordinatorAbi,
  serviceManagerAbi,
  strategyManagerAbi,
  timelockAbi,
  utilityTokenAbi,
} from "@palisade/abis";
import type { Deployment, MarketplaceDeployment } from "@palisade/sdk";
import { type Abi, type Address, decodeFunctionData, formatUnits, getAddress, type Hex } from "viem";

interface Known {
  label: string;
  abi: Abi;
  /** An ERC-20 whose approvals and transfers are worded with amounts: its symbol. */
  symbol?: string;
}

/**
 * Describes a transaction to one of Palisade's contracts for a progress line: "approving 1.5 PAL
 * for the Marketplace", "approving 10 stETH for the StrategyManager", "calling delegateTo on the
 * DelegationManager". `deployment` adds the core, the strategies' tokens, the AVS and governance.
 */
export function transactionDescriber(
  contracts: MarketplaceDeployment | undefined,
  deployment?: Deployment,
): (to: Hex | null | undefined, data: Hex | undefined) => string {
  const known = new Map<Address, Known>();
  const add = (address: Address | undefined, entry: Known) => {
    if (address) known.set(getAddress(address), entry);
  };
  if (deployment) {
    const core = deployment.contracts;
    add(core.strategyManager, { label: "the StrategyManager", abi: strategyManagerAbi as Abi });
    add(core.delegationManager, { label: "the DelegationManager", abi: delegationManagerAbi as Abi });
    add(core.allocationManager, { label: "the AllocationManager", abi: allocationManagerAbi as Abi });
    add(core.rewardsCoordinator, { label: "the RewardsCoordinator", abi: rewardsCoordinatorAbi as Abi });
    // Amounts of the strategies' tokens are worded with 18 decimals, what LSTs have; a progress line
    // is read, never typed back (the commands' own output reads each token's decimals).
    for (const [symbol, { token }] of Object.entries(deployment.strategies))
      add(token, { label: symbol, abi: mockLstAbi as Abi, symbol });
    add(deployment.avs?.serviceManager, { label: "the ServiceManager", abi: serviceManagerAbi as Abi });
    add(deployment.avs?.operatorRegistry, {
      label: "the OperatorRegistry",
      abi: operatorRegistryAbi as Abi,
    });
    const governance = deployment.governance;
    add(governance?.governanceToken, { label: "gPAL", abi: governanceTokenAbi as Abi, symbol: "gPAL" });
    add(governance?.revenueDistributor, {
      label: "the RevenueDistributor",
      abi: revenueDistributorAbi as Abi,
    });
    add(governance?.governor, { label: "the governor", abi: palisadeGovernorAbi as Abi });
    add(governance?.timelock, { label: "the Timelock", abi: timelockAbi as Abi });
  }
  if (contracts) {
    add(contracts.utilityToken, { label: "the utility token", abi: utilityTokenAbi as Abi, symbol: "PAL" });
    add(contracts.marketplace, { label: "the Marketplace", abi: marketplaceAbi as Abi });
    add(contracts.reviewBoard, { label: "the ReviewBoard", abi: reviewBoardAbi as Abi });
    add(contracts.providerSlashing, { label: "ProviderSlashing", abi: providerSlashingAbi as Abi });
    add(contracts.faucet, { label: "the devnet faucet", abi: devnetFaucetAbi as Abi });
  }
  const labelOf = (address: Address) => known.get(getAddress(address))?.label ?? address;
  return (to, data) => {
    if (!to) return "deploying a contract";
    const target = known.get(getAddress(to));
    if (!target || data === undefined || data === "0x") return `sending a transaction to ${labelOf(to)}`;
    try {
      const { functionName, args } = decodeFunctionData({ abi: target.abi, data });
      if (target.symbol !== undefined && (functionName === "approve" || functionName === "transfer")) {
        const [party, amount] = (args ?? []) as readonly [Address, bigint];
        const tokens = `${formatUnits(amount, 18)} ${target.symbol}`;
        return functionName === "approve"
          ? `approving ${tokens} for ${labelOf(party)}`
          : `transferring ${tokens} to ${labelOf(party)}`;
      }
      return `calling ${functionName} on ${target.label}`;
    } catch {
      return `sending a transaction to ${target.label}`;
    }
  };
}
