import { marketplaceAbi } from "@palisade/abis";
import type { Hex } from "viem";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

/** The consumer-signed access token proving `nonce` calls (what the provider's metering store keeps). */
export interface UsageProof {
  nonce: bigint;
  expiry: bigint;
  signature: Hex;
}

export interface ClaimUsageParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  purchaseId: bigint;
  proof: UsageProof;
}

export interface ClaimUsageReturnType extends TransactionResult {
  /** Calls served in total after the claim. */
  served: number;
  /** Queued for the provider (after the protocol fee). */
  providerAmount: bigint;
  protocolFee: bigint;
  /** Unix seconds at which this tranche is released. */
  releaseAt: number;
}

/**
 * Claims served calls of a purchase with the consumer's access token of the highest call served
 * (`usageProof` of @palisade/provider gives it): the fee of the newly served calls is queued for
 * release after the provider's release delay; the first claim of a purchase raises the provider's
 * score. Anyone may submit it; the fees go to the provider.
 *
 * @example
 * const proof = await usageProof(metering, 7n);
 * const { releaseAt } = await claimUsage(walletClient, { contracts, purchaseId: 7n, proof });
 */
export async function claimUsage(
  client: WriteClient,
  parameters: ClaimUsageParameters,
): Promise<ClaimUsageReturnType> {
  const { contracts, purchaseId, proof } = parameters;
  const { hash, receipt } = await execute(client, {
    address: contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "claim",
    args: [purchaseId, { nonce: proof.nonce, expiry: proof.expiry, signature: proof.signature }],
  });
  const event = eventArgs<{ served: number; providerAmount: bigint; protocolFee: bigint; releaseAt: number }>(
    receipt,
    { abi: marketplaceAbi, eventName: "UsageClaimed", address: contracts.marketplace },
  );
  return { hash, receipt, ...event };
}
