import { marketplaceAbi } from "@palisade/abis";
import type { Hash } from "viem";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { ensureAllowance } from "../../internal/allowance.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface AddProviderStakeParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace" | "utilityToken">;
  providerId: number;
  /** Utility tokens to add (pulled from the client's account). */
  amount: bigint;
  /** Approve the marketplace for `amount` when the allowance is short (default true). */
  approve?: boolean;
}

export interface AddProviderStakeReturnType extends TransactionResult {
  /** The provider's active stake after the addition. */
  stake: bigint;
  approvalHash: Hash | undefined;
}

/**
 * Adds to a provider's active stake (anyone may top a provider up), raising its in-flight cap.
 *
 * @example
 * const { stake } = await addProviderStake(walletClient, { contracts, providerId: 1, amount: parseEther("500") });
 */
export async function addProviderStake(
  client: WriteClient,
  parameters: AddProviderStakeParameters,
): Promise<AddProviderStakeReturnType> {
  const { contracts, providerId, amount } = parameters;
  const approvalHash = await ensureAllowance(client, {
    token: contracts.utilityToken,
    spender: contracts.marketplace,
    amount,
    approve: parameters.approve,
  });
  const { hash, receipt } = await execute(client, {
    address: contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "addStake",
    args: [providerId, amount],
  });
  const { stake } = eventArgs<{ stake: bigint }>(receipt, {
    abi: marketplaceAbi,
    eventName: "StakeAdded",
    address: contracts.marketplace,
  });
  return { hash, receipt, stake, approvalHash };
}
