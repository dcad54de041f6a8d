import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface RequestUnstakeParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  /** The provider (owner only). */
  providerId: number;
  /** Stake to move to unstaking; it stays slashable until `completeUnstake`. */
  amount: bigint;
}

export type RequestUnstakeReturnType = TransactionResult;

/**
 * Starts unstaking: the amount leaves the active stake (and the in-flight cap) and waits the
 * unstake delay, still slashable. The remaining stake must be 0 or at least `minStake` and still
 * cover the provider's in-flight value (`InFlightCapExceeded` otherwise).
 *
 * @example
 * await requestUnstake(walletClient, { contracts, providerId: 1, amount: parseEther("100") });
 */
export async function requestUnstake(
  client: WriteClient,
  parameters: RequestUnstakeParameters,
): Promise<RequestUnstakeReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "requestUnstake",
    args: [parameters.providerId, parameters.amount],
  });
  return { hash, receipt };
}
