import { allocationManagerAbi } from "@palisade/abis";
import { type Deployment, type OperatorSet, setEconomicSecurityConfig } from "@palisade/sdk";
import { accounts, type Clients } from "@palisade/testkit";
import { parseEther } from "viem";
import { readContract } from "viem/actions";
import { DevnetError } from "./errors.ts";

/**
 * What the devnet declares for the seeded set when the seed did not: π = 8 value units (8 tokens at
 * the default weight), α = 1/3, γ = 0.2, never enforced on deallocation. The seed allocates 17
 * tokens of each of its three LSTs (U = 51), so α·U = 17 ≥ (1+γ)·π = 9.6, and the set stays secure
 * after any single member leaves (α·U ≥ 11): a newcomer starts from a healthy set and can watch
 * `getCriticalOperators` fill up as operators deallocate. (π = 10 would make every member critical.)
 */
export const devnetSecurityConfig = {
  profitFromCorruption: parseEther("8"),
  // 1/3 in WAD, truncated: the contract rounds α·U down, which only makes the check stricter.
  corruptionThresholdWad: parseEther("1") / 3n,
  gammaWad: parseEther("0.2"),
  enforceOnDeallocation: false,
} as const;

/**
 * Declares `devnetSecurityConfig` for the deployment's operator set, as its AVS, when no config is
 * declared yet (α = 0, which the contract refuses in a real config). Returns whether it wrote.
 */
export async function ensureSecurityConfig(clients: Clients, deployment: Deployment): Promise<boolean> {
  const operatorSet: OperatorSet | undefined = deployment.operatorSet;
  if (!operatorSet) return false;
  const address = deployment.contracts.allocationManager;
  const current = await readContract(clients.public, {
    address,
    abi: allocationManagerAbi,
    functionName: "getEconomicSecurityConfig",
    args: [operatorSet],
  });
  if (current.corruptionThresholdWad !== 0n) return false;

  const avs = accounts().avs;
  if (avs.address !== operatorSet.avs) {
    throw new DevnetError(
      `operator set ${operatorSet.id} belongs to ${operatorSet.avs}, not the devnet's avs account`,
    );
  }
  await setEconomicSecurityConfig(clients.wallet(avs), {
    contracts: deployment.contracts,
    operatorSetId: operatorSet.id,
    config: devnetSecurityConfig,
  });
  return true;
}
