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
  strategyAbi,
  strategyManagerAbi,
  timelockAbi,
} from "@palisade/abis";
import type { Abi, AbiParameter } from "viem";

type AbiError = Extract<Abi[number], { type: "error" }>;

const sources: Readonly<Record<string, readonly unknown[]>> = {
  StrategyManager: strategyManagerAbi,
  Strategy: strategyAbi,
  DelegationManager: delegationManagerAbi,
  AllocationManager: allocationManagerAbi,
  RewardsCoordinator: rewardsCoordinatorAbi,
  MockLST: mockLstAbi,
  // The AVS's own errors (requestTask and the other ServiceManager calls actions make), and its
  // registry's, which registerForOperatorSets reaches through the ServiceManager's registrar hook.
  ServiceManager: serviceManagerAbi,
  OperatorRegistry: operatorRegistryAbi,
  // The marketplace's contracts (their ERC20 errors come with MockLST's, the same OpenZeppelin ones).
  Marketplace: marketplaceAbi,
  ReviewBoard: reviewBoardAbi,
  ProviderSlashing: providerSlashingAbi,
  DevnetFaucet: devnetFaucetAbi,
  // Governance (decision 0006) and the revenue split (0007): the governor bubbles up the Timelock's
  // errors, and the Timelock those of the governed contract a proposal calls.
  GovernanceToken: governanceTokenAbi,
  PalisadeGovernor: palisadeGovernorAbi,
  Timelock: timelockAbi,
  RevenueDistributor: revenueDistributorAbi,
};

function signature(item: AbiError): string {
  const type = (parameter: AbiParameter): string =>
    "components" in parameter && parameter.components
      ? `(${parameter.components.map(type).join(",")})${parameter.type.slice("tuple".length)}`
      : parameter.type;
  return `${item.name}(${item.inputs.map(type).join(",")})`;
}

const bySignature = new Map<string, { item: AbiError; declaredBy: string[] }>();
for (const [contract, abi] of Object.entries(sources)) {
  for (const item of abi as readonly { type: string }[]) {
    if (item.type !== "error") continue;
    const error = item as AbiError;
    const entry = bySignature.get(signature(error));
    if (entry) entry.declaredBy.push(contract);
    else bySignature.set(signature(error), { item: error, declaredBy: [contract] });
  }
}

/**
 * Every custom error of the core contracts (and the mock LST), once each: a revert bubbling up
 * from a nested call (DelegationManager → StrategyManager → Strategy → token) decodes whichever
 * contract raised it.
 */
export const coreErrorsAbi: readonly AbiError[] = [...bySignature.values()].map((entry) => entry.item);

/** Names of the contracts whose ABI declares the error `signature` (e.g. `ZeroShares()`). */
export function contractsDeclaring(errorSignature: string): readonly string[] {
  return bySignature.get(errorSignature)?.declaredBy ?? [];
}

export { signature as errorSignature };
