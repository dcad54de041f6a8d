/**
 * A proposal's calls for people: each target named after the deployment's contract at that address,
 * and the call decoded with that contract's generated ABI (`Marketplace.setServiceActive(serviceId: 2,
 * active: false)`). A target outside the deployment, or data its ABI does not decode, stays raw.
 */
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
  strategyAbi,
  strategyManagerAbi,
  threatResponseAbi,
  timelockAbi,
  utilityTokenAbi,
} from "@palisade/abis";
import type { Deployment } from "@palisade/sdk";
import {
  type Abi,
  type AbiFunction,
  type Address,
  decodeFunctionData,
  type Hex,
  toFunctionSelector,
} from "viem";

export interface KnownContract {
  name: string;
  abi: Abi;
}

/** The deployment's contracts by lower-case address: what a proposal's targets are resolved against. */
export function knownContracts(deployment: Deployment): Map<string, KnownContract> {
  const known = new Map<string, KnownContract>();
  const add = (address: string | undefined, name: string, abi: unknown) => {
    if (address) known.set(address.toLowerCase(), { name, abi: abi as Abi });
  };
  add(deployment.contracts.strategyManager, "StrategyManager", strategyManagerAbi);
  add(deployment.contracts.delegationManager, "DelegationManager", delegationManagerAbi);
  add(deployment.contracts.allocationManager, "AllocationManager", allocationManagerAbi);
  add(deployment.contracts.rewardsCoordinator, "RewardsCoordinator", rewardsCoordinatorAbi);
  for (const [symbol, { strategy }] of Object.entries(deployment.strategies))
    add(strategy, `Strategy(${symbol})`, strategyAbi);
  add(deployment.avs?.serviceManager, "ServiceManager", serviceManagerAbi);
  add(deployment.avs?.operatorRegistry, "OperatorRegistry", operatorRegistryAbi);
  add(deployment.marketplace?.utilityToken, "UtilityToken (PAL)", utilityTokenAbi);
  add(deployment.marketplace?.marketplace, "Marketplace", marketplaceAbi);
  add(deployment.marketplace?.reviewBoard, "ReviewBoard", reviewBoardAbi);
  add(deployment.marketplace?.providerSlashing, "ProviderSlashing", providerSlashingAbi);
  add(deployment.governance?.governanceToken, "GovernanceToken (gPAL)", governanceTokenAbi);
  add(deployment.governance?.governor, "PalisadeGovernor", palisadeGovernorAbi);
  add(deployment.governance?.timelock, "Timelock", timelockAbi);
  add(deployment.governance?.revenueDistributor, "RevenueDistributor", revenueDistributorAbi);
  add(deployment.governance?.threatResponse, "ThreatResponse", threatResponseAbi);
  return known;
}

export interface DecodedArgument {
  /** The parameter's name in the ABI (`arg<i>` when it has none). */
  name: string;
  type: string;
  value: unknown;
}

export interface DecodedCall {
  target: Address;
  /** The deployment's name for the target, when it is one of its contracts. */
  contract: string | undefined;
  /** Wei sent with the call. */
  value: bigint;
  data: Hex;
  /** Set when the target's ABI decodes the data. */
  functionName: string | undefined;
  args: DecodedArgument[];
}

/** One call, decoded when its target is known and its data matches one of the target's functions. */
export function decodeCall(
  known: ReadonlyMap<string, KnownContract>,
  call: { target: Address; value: bigint; data: Hex },
): DecodedCall {
  const contract = known.get(call.target.toLowerCase());
  const raw: DecodedCall = {
    target: call.target,
    contract: contract?.name,
    value: call.value,
    data: call.data,
    functionName: undefined,
    args: [],
  };
  if (!contract) return raw;
  let decoded: { functionName: string; args?: readonly unknown[] | undefined };
  try {
    decoded = decodeFunctionData({ abi: contract.abi, data: call.data });
  } catch {
    // Not one of the target's functions (or truncated data): shown raw.
    return raw;
  }
  // By selector, not by name: an overloaded function shares its name with others.
  const selector = call.data.slice(0, 10).toLowerCase();
  const fn = contract.abi.find(
    (item): item is AbiFunction => item.type === "function" && toFunctionSelector(item) === selector,
  );
  const inputs = fn?.inputs ?? [];
  return {
    ...raw,
    functionName: decoded.functionName,
    args: (decoded.args ?? []).map((value, index) => ({
      name: inputs[index]?.name || `arg${index}`,
      type: inputs[index]?.type ?? "unknown",
      value,
    })),
  };
}

/** An argument's value as text: integers in decimal, tuples as `{name: value}`, arrays in brackets. */
export function formatArgument(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  if (Array.isArray(value)) return `[${value.map(formatArgument).join(", ")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.entries(value)
      .map(([key, inner]) => `${key}: ${formatArgument(inner)}`)
      .join(", ")}}`;
  return String(value);
}
