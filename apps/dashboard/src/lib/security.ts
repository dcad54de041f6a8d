/**
 * Economic security of an operator set, as the AllocationManager defines it: secure when
 * α·U ≥ (1+γ)·π, where U is the value allocated by all members, π the declared profit from
 * corruption, α the share of stake that corrupts the set and γ the margin. All in WAD value units.
 */

const WAD = 10n ** 18n;

export interface SecurityFigures {
  /** U */
  allocatedValue: bigint;
  /** α·U */
  costOfCorruption: bigint;
  /** (1+γ)·π */
  requiredCost: bigint;
}

export interface MemberValue {
  operator: string;
  /** U_i: the value this member allocates to the set. */
  allocatedValue: bigint;
}

/**
 * How far α·U is above (1+γ)·π, as a WAD fraction of (1+γ)·π (0.5e18: 50 % above; negative: below).
 * Undefined when nothing is required (π = 0: the check is vacuous).
 */
export function securityMargin(figures: SecurityFigures): bigint | undefined {
  if (figures.requiredCost === 0n) return undefined;
  return ((figures.costOfCorruption - figures.requiredCost) * WAD) / figures.requiredCost;
}

/**
 * α·(U − U_i) for each member: the cost of corruption left if that member alone exits. A member whose
 * figure falls below (1+γ)·π is critical (the contract's `getCriticalOperators` names the same ones).
 */
export function costAfterExit(
  figures: SecurityFigures,
  corruptionThresholdWad: bigint,
  members: readonly MemberValue[],
): { operator: string; costAfterExit: bigint; breaks: boolean }[] {
  return members.map((member) => {
    const cost = ((figures.allocatedValue - member.allocatedValue) * corruptionThresholdWad) / WAD;
    return { operator: member.operator, costAfterExit: cost, breaks: cost < figures.requiredCost };
  });
}
