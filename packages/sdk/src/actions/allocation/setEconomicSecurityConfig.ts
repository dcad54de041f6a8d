import { allocationManagerAbi } from "@palisade/abis";
import type { CoreContracts } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface EconomicSecurityConfig {
  /** π, in value units (Σ underlying tokens × the strategy's value weight). */
  profitFromCorruption: bigint;
  /** α, the fraction (WAD) of allocated stake needed to corrupt the set, in (0, 1e18]. */
  corruptionThresholdWad: bigint;
  /** γ, the required margin (WAD), e.g. 0.2e18 for 20 %. */
  gammaWad: bigint;
  /** Refuse allocation decreases that would break α·U ≥ (1 + γ)·π (exits are never refused). */
  enforceOnDeallocation: boolean;
}

export interface SetEconomicSecurityConfigParameters {
  contracts: Pick<CoreContracts, "allocationManager">;
  /** A set owned by the client's account (the AVS). */
  operatorSetId: number;
  config: EconomicSecurityConfig;
}

export type SetEconomicSecurityConfigReturnType = TransactionResult;

/**
 * Declares π, α and γ of the robust-restaking condition α·U ≥ (1 + γ)·π for one of the client's
 * (the AVS's) operator sets. Check the result with getEconomicSecurity and getCriticalOperators.
 *
 * @example
 * await setEconomicSecurityConfig(avsClient, {
 *   contracts: deployment.contracts, operatorSetId: 0,
 *   config: { profitFromCorruption: parseEther("1000"), corruptionThresholdWad: parseEther("0.33"),
 *     gammaWad: parseEther("0.2"), enforceOnDeallocation: true },
 * });
 */
export async function setEconomicSecurityConfig(
  client: WriteClient,
  parameters: SetEconomicSecurityConfigParameters,
): Promise<SetEconomicSecurityConfigReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "setEconomicSecurityConfig",
    args: [parameters.operatorSetId, parameters.config],
  });
  return { hash, receipt };
}
