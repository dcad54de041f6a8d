import { useMemo } from "react";
import { useApp } from "./context.tsx";

/**
 * Names by lower-case address, to label addresses: the devnet's accounts (consumer0, provider1 …) and
 * the deployment's contracts (ServiceManager, Marketplace, gPAL …) and governance's veto committee.
 */
export function useNames(): ReadonlyMap<string, string> {
  const { config } = useApp();
  return useMemo(() => {
    const names = new Map<string, string>();
    const { deployment } = config;
    const contracts: [string, string | undefined][] = [
      ["DelegationManager", deployment.contracts.delegationManager],
      ["AllocationManager", deployment.contracts.allocationManager],
      ["StrategyManager", deployment.contracts.strategyManager],
      ["RewardsCoordinator", deployment.contracts.rewardsCoordinator],
      ["ServiceManager", deployment.avs?.serviceManager],
      ["OperatorRegistry", deployment.avs?.operatorRegistry],
      ["Marketplace", deployment.marketplace?.marketplace],
      ["ReviewBoard", deployment.marketplace?.reviewBoard],
      ["ProviderSlashing", deployment.marketplace?.providerSlashing],
      ["gPAL", deployment.governance?.governanceToken],
      ["PalisadeGovernor", deployment.governance?.governor],
      ["Timelock", deployment.governance?.timelock],
      ["RevenueDistributor", deployment.governance?.revenueDistributor],
      ["ThreatResponse", deployment.governance?.threatResponse],
    ];
    for (const [name, address] of contracts) if (address) names.set(address.toLowerCase(), name);
    for (const account of config.devAccounts) names.set(account.address.toLowerCase(), account.name);
    const committee = deployment.governance?.vetoCommittee.toLowerCase();
    if (committee && !names.has(committee)) names.set(committee, "veto committee");
    return names;
  }, [config]);
}
