import {
  allocationManagerAbi,
  delegationManagerAbi,
  governanceTokenAbi,
  marketplaceAbi,
  palisadeGovernorAbi,
  providerSlashingAbi,
  revenueDistributorAbi,
  reviewBoardAbi,
  serviceManagerAbi,
  timelockAbi,
} from "@palisade/abis";
import { avsOf, type Deployment, governanceOf, marketplaceOf, type ProposalCall } from "@palisade/sdk";
import { type Abi, type Address, encodeFunctionData, formatEther, parseEther } from "viem";
import { readContract } from "viem/actions";
import { parsePal } from "../../amounts.ts";
import type { CommandContext } from "../types.ts";

/** How a parameter's value is typed on the command line and shown. */
export type ParameterUnit = "bps" | "seconds" | "blocks" | "PAL" | "count" | "fraction" | "bool";

interface Target {
  label: string;
  abi: Abi;
  address(deployment: Deployment): Address;
}

const targets = {
  marketplace: {
    label: "Marketplace",
    abi: marketplaceAbi as Abi,
    address: (d: Deployment) => marketplaceOf(d).marketplace,
  },
  reviews: {
    label: "ReviewBoard",
    abi: reviewBoardAbi as Abi,
    address: (d: Deployment) => marketplaceOf(d).reviewBoard,
  },
  providerSlashing: {
    label: "ProviderSlashing",
    abi: providerSlashingAbi as Abi,
    address: (d: Deployment) => marketplaceOf(d).providerSlashing,
  },
  avs: {
    label: "ServiceManager",
    abi: serviceManagerAbi as Abi,
    address: (d: Deployment) => avsOf(d).serviceManager,
  },
  governor: {
    label: "PalisadeGovernor",
    abi: palisadeGovernorAbi as Abi,
    address: (d: Deployment) => governanceOf(d).governor,
  },
  timelock: {
    label: "Timelock",
    abi: timelockAbi as Abi,
    address: (d: Deployment) => governanceOf(d).timelock,
  },
  revenue: {
    label: "RevenueDistributor",
    abi: revenueDistributorAbi as Abi,
    address: (d: Deployment) => governanceOf(d).revenueDistributor,
  },
  gpal: {
    label: "GovernanceToken",
    abi: governanceTokenAbi as Abi,
    address: (d: Deployment) => governanceOf(d).governanceToken,
  },
  delegation: {
    label: "DelegationManager",
    abi: delegationManagerAbi as Abi,
    address: (d: Deployment) => d.contracts.delegationManager,
  },
  allocation: {
    label: "AllocationManager",
    abi: allocationManagerAbi as Abi,
    address: (d: Deployment) => d.contracts.allocationManager,
  },
} satisfies Record<string, Target>;

type TargetKey = keyof typeof targets;

/**
 * A governable parameter: either one field of a struct the contract sets as a whole (`read` returns
 * the struct, `setter` takes it back with one field changed) or a value with its own setter.
 */
interface Parameter {
  target: TargetKey;
  unit: ParameterUnit;
  read: string;
  setter: string;
  /** The struct field, for struct parameters. */
  field?: string;
}

const struct = (target: TargetKey, read: string, setter: string, fields: Record<string, ParameterUnit>) =>
  Object.fromEntries(
    Object.entries(fields).map(([field, unit]) => [
      `${target}.${field}`,
      { target, unit, read, setter, field },
    ]),
  ) as Record<string, Parameter>;

/**
 * Every parameter `gov propose --param` knows, by `<contract>.<name>` (bounds: each setter's, see
 * docs/contracts/PalisadeGovernor.md). Anything else: the raw form (--target, --signature, --args).
 */
export const parameters: Readonly<Record<string, Parameter>> = {
  ...struct("marketplace", "params", "setParams", {
    minStake: "PAL",
    inFlightMultipleBps: "bps",
    protocolFeeBps: "bps",
    unstakeDelay: "seconds",
    minReleaseDelay: "seconds",
    maxReleaseDelay: "seconds",
    scoreForMinDelay: "count",
    refundGrace: "seconds",
    maxPurchaseDuration: "seconds",
    sessionRevocationDelay: "seconds",
    minScoredValue: "PAL",
  }),
  ...struct("reviews", "params", "setParams", {
    reviewFee: "PAL",
    challengeBond: "PAL",
    challengeWindow: "seconds",
    reviewPenalty: "count",
    negativeRatingMax: "count",
  }),
  "providerSlashing.vetoWindow": {
    target: "providerSlashing",
    unit: "seconds",
    read: "vetoWindow",
    setter: "setVetoWindow",
  },
  "avs.quorumThresholdBps": {
    target: "avs",
    unit: "bps",
    read: "quorumThresholdBps",
    setter: "setQuorumThreshold",
  },
  "avs.vetoWindow": { target: "avs", unit: "blocks", read: "vetoWindow", setter: "setVetoWindow" },
  "avs.equivocationWad": {
    target: "avs",
    unit: "fraction",
    read: "equivocationWad",
    setter: "setEquivocationWad",
  },
  ...struct("governor", "params", "setParams", {
    votingDelay: "seconds",
    votingPeriod: "seconds",
    quorumBps: "bps",
    proposalThresholdBps: "bps",
  }),
  "timelock.delay": { target: "timelock", unit: "seconds", read: "getMinDelay", setter: "updateDelay" },
  ...struct("revenue", "params", "setParams", {
    baseBps: "bps",
    minBps: "bps",
    maxBps: "bps",
    enforcementBps: "bps",
    enforcementCap: "count",
    providerBps: "bps",
    providerCap: "count",
    revenueBps: "bps",
    revenueCap: "count",
    revenueUnit: "PAL",
    epochLength: "seconds",
    burnSlashed: "bool",
  }),
  ...struct("gpal", "grantCaps", "setGrantCaps", { periodCapBps: "bps", totalCapBps: "bps" }),
  "delegation.withdrawalDelay": {
    target: "delegation",
    unit: "blocks",
    read: "withdrawalDelayBlocks",
    setter: "setWithdrawalDelay",
  },
  "allocation.allocationDelay": {
    target: "allocation",
    unit: "blocks",
    read: "allocationDelay",
    setter: "setAllocationDelay",
  },
  "allocation.deallocationDelay": {
    target: "allocation",
    unit: "blocks",
    read: "deallocationDelay",
    setter: "setDeallocationDelay",
  },
};

/** The names, grouped by contract, for --help and errors. */
export function parameterList(): string {
  const byTarget = new Map<string, string[]>();
  for (const [name, parameter] of Object.entries(parameters)) {
    const [prefix = "", field = ""] = name.split(".");
    const list = byTarget.get(prefix) ?? [];
    list.push(`${field} (${parameter.unit})`);
    byTarget.set(prefix, list);
  }
  // Wrapped at 100 columns, continuation lines indented under the first field.
  const lines: string[] = [];
  for (const [prefix, fields] of byTarget) {
    let line = `  ${prefix}: `;
    const indent = " ".repeat(line.length);
    for (const [index, field] of fields.entries()) {
      const piece = `${field}${index < fields.length - 1 ? "," : ""}`;
      if (line.length + piece.length > 100 && line.trim().endsWith(",")) {
        lines.push(line.trimEnd());
        line = indent;
      }
      line += `${piece} `;
    }
    lines.push(line.trimEnd());
  }
  return lines.join("\n");
}

/** A value typed for `unit`, or the reason it is not one. */
export function parseParameterValue(
  unit: ParameterUnit,
  text: string,
): { value: bigint | boolean } | { problem: string } {
  if (unit === "bool") {
    if (text === "true" || text === "false") return { value: text === "true" };
    return { problem: `"${text}" is not true or false` };
  }
  if (unit === "PAL") return parsePal(text);
  if (unit === "fraction") {
    // A share of an operator's stake, in WAD: 0.5 is half (5e17 on-chain).
    if (!/^(0|1)(\.\d{1,18})?$/.test(text))
      return { problem: `"${text}" is not a fraction between 0 and 1 (e.g. 0.5)` };
    return { value: parseEther(text) };
  }
  if (!/^\d+$/.test(text)) return { problem: `"${text}" is not a whole number of ${unit}` };
  return { value: BigInt(text) };
}

/** A parameter's value for people, in its unit. */
export function formatParameterValue(unit: ParameterUnit, value: unknown): string {
  if (typeof value === "boolean") return String(value);
  const number = typeof value === "bigint" ? value : BigInt(value as number);
  if (unit === "PAL") return `${formatEther(number)} PAL`;
  if (unit === "fraction") return formatEther(number);
  return `${number} ${unit === "count" ? "" : unit}`.trim();
}

export interface ParameterChange {
  call: ProposalCall;
  /** e.g. "Marketplace.protocolFeeBps" */
  label: string;
  current: string;
  proposed: string;
}

/**
 * The call that sets parameter `name` to `value` as the Timelock would make it. For a struct the other
 * fields keep the values they have now (a proposal passed in between that changes one of them would be
 * undone by this one: check `gov list` before proposing).
 */
export async function parameterChange(
  context: CommandContext,
  name: string,
  value: bigint | boolean,
): Promise<ParameterChange> {
  const parameter = parameters[name];
  if (!parameter) throw new Error(`unreachable: ${name} was validated`);
  const target = targets[parameter.target];
  const [client, deployment] = await Promise.all([context.publicClient(), context.deployment()]);
  const address = target.address(deployment);
  const current = await readContract(client, { address, abi: target.abi, functionName: parameter.read });
  const field = parameter.field;
  const currentValue = field === undefined ? current : (current as Record<string, unknown>)[field];
  const argument = field === undefined ? value : { ...(current as Record<string, unknown>), [field]: value };
  return {
    call: {
      target: address,
      value: 0n,
      data: encodeFunctionData({ abi: target.abi, functionName: parameter.setter, args: [argument] }),
    },
    label: `${target.label}.${field ?? parameter.read}`,
    current: formatParameterValue(parameter.unit, currentValue),
    proposed: formatParameterValue(parameter.unit, value),
  };
}
