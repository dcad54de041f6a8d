import { providerSlashingAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface VetoProviderSlashParameters {
  contracts: Pick<MarketplaceDeployment, "providerSlashing">;
  requestId: bigint;
}

export type VetoProviderSlashReturnType = TransactionResult;

/**
 * Vetoes a pending provider slashing request (veto committee only, before its deadline).
 *
 * @example
 * await vetoProviderSlash(committeeWallet, { contracts, requestId: 1n });
 */
export async function vetoProviderSlash(
  client: WriteClient,
  parameters: VetoProviderSlashParameters,
): Promise<VetoProviderSlashReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.providerSlashing,
    abi: providerSlashingAbi,
    functionName: "veto",
    args: [parameters.requestId],
  });
  return { hash, receipt };
}
