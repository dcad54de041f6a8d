import { providerSlashingAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface ExecuteProviderSlashParameters {
  contracts: Pick<MarketplaceDeployment, "providerSlashing">;
  requestId: bigint;
}

export interface ExecuteProviderSlashReturnType extends TransactionResult {
  /** Utility tokens actually taken (less than asked if the provider's stake was smaller). */
  slashed: bigint;
}

/**
 * Executes a provider slashing request once its veto window has passed (anyone may): compensations
 * are paid first, the rest goes to the treasury.
 *
 * @example
 * const { slashed } = await executeProviderSlash(walletClient, { contracts, requestId: 1n });
 */
export async function executeProviderSlash(
  client: WriteClient,
  parameters: ExecuteProviderSlashParameters,
): Promise<ExecuteProviderSlashReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.providerSlashing,
    abi: providerSlashingAbi,
    functionName: "execute",
    args: [parameters.requestId],
  });
  const { slashed } = eventArgs<{ slashed: bigint }>(receipt, {
    abi: providerSlashingAbi,
    eventName: "SlashExecuted",
    address: parameters.contracts.providerSlashing,
  });
  return { hash, receipt, slashed };
}
