import { allocationManagerAbi } from "@palisade/abis";
import {
  type CoreContracts,
  getCriticalOperators,
  getEconomicSecurity,
  getOperatorSetMembers,
  type OperatorSet,
  type ReadClient,
  WAD,
} from "@palisade/sdk";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { formatPercent, formatValue } from "./format.ts";

export interface OperatorSetView {
  id: number;
  avs: Address;
  slasher: Address;
  members: Address[];
  /** π, α, γ as set by the AVS; π = 0 and α = 0 mean no config was declared. */
  config: {
    profitFromCorruption: bigint;
    corruptionThresholdWad: bigint;
    gammaWad: bigint;
    enforceOnDeallocation: boolean;
  };
  security: { allocatedValue: bigint; costOfCorruption: bigint; requiredCost: bigint; secure: boolean };
  critical: Address[];
}

/** An operator set's slasher, members, economic-security config and check, and its critical members. */
export async function readOperatorSet(
  client: ReadClient,
  contracts: Pick<CoreContracts, "allocationManager">,
  operatorSet: OperatorSet,
): Promise<OperatorSetView> {
  const am = { address: contracts.allocationManager, abi: allocationManagerAbi } as const;
  const [members, slasher, config, security, critical] = await Promise.all([
    getOperatorSetMembers(client, { contracts, operatorSet }),
    readContract(client, { ...am, functionName: "getSlasher", args: [operatorSet] }),
    readContract(client, { ...am, functionName: "getEconomicSecurityConfig", args: [operatorSet] }),
    getEconomicSecurity(client, { contracts, operatorSet }),
    getCriticalOperators(client, { contracts, operatorSet }),
  ]);
  return {
    id: operatorSet.id,
    avs: operatorSet.avs,
    slasher,
    members: [...members],
    config: {
      profitFromCorruption: config.profitFromCorruption,
      corruptionThresholdWad: config.corruptionThresholdWad,
      gammaWad: config.gammaWad,
      enforceOnDeallocation: config.enforceOnDeallocation,
    },
    security,
    critical: [...critical],
  };
}

/**
 * How far the set is above (or below) the line α·U ≥ (1+γ)·π: `margin = α·U − (1+γ)·π` in value
 * units and `ratioWad = α·U / ((1+γ)·π)` (WAD; undefined when nothing is required, π = 0).
 * Undefined when the AVS declared no config (α = 0): the check is vacuous then.
 */
export function securityMargin(
  set: Pick<OperatorSetView, "config" | "security">,
): { margin: bigint; ratioWad: bigint | undefined } | undefined {
  if (set.config.corruptionThresholdWad === 0n) return undefined;
  const { costOfCorruption, requiredCost } = set.security;
  return {
    margin: costOfCorruption - requiredCost,
    ratioWad: requiredCost === 0n ? undefined : (costOfCorruption * WAD) / requiredCost,
  };
}

/** The operator set section: AVS, slasher, members, the declared config, U, α·U, (1+γ)·π and critical members. */
export function renderOperatorSet(
  set: OperatorSetView,
  short: (address: Address) => string,
  named: (address: Address) => string,
): string[] {
  const { config, security } = set;
  const declared = config.corruptionThresholdWad !== 0n;
  const lines = [
    `Operator set ${set.id}`,
    `  AVS                ${named(set.avs)}`,
    `  slasher            ${named(set.slasher)}`,
    `  members            ${set.members.length === 0 ? "none" : set.members.map(short).join(", ")}`,
  ];
  if (!declared) {
    lines.push("  security config    none declared (setEconomicSecurityConfig): the check is vacuous");
  } else {
    lines.push(
      `  security config    π = ${formatValue(config.profitFromCorruption)}, α = ${formatPercent(config.corruptionThresholdWad)}, ` +
        `γ = ${formatPercent(config.gammaWad)}, enforced on deallocation: ${config.enforceOnDeallocation ? "yes" : "no"}`,
    );
  }
  lines.push(
    `  economic security  U = ${formatValue(security.allocatedValue)}   α·U = ${formatValue(security.costOfCorruption)}` +
      `   (1+γ)·π = ${formatValue(security.requiredCost)}   secure: ${security.secure ? "yes" : "NO"}`,
    `  critical           ${set.critical.length === 0 ? "none (no single member's exit breaks α·U ≥ (1+γ)·π)" : set.critical.map(short).join(", ")}`,
    "  (π, U and costs in value units: underlying tokens × the strategy's weight, 1 by default)",
  );
  return lines;
}
