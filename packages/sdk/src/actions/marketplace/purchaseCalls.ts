import { marketplaceAbi } from "@palisade/abis";
import type { Hash } from "viem";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { ensureAllowance } from "../../internal/allowance.ts";
import { execute } from "../../internal/execute.ts";
import { confirmedPurchase, purchaseTerms } from "../../internal/purchaseTerms.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";
import type { MarketplacePurchase } from "../../marketplaceTypes.ts";

export interface PurchaseCallsParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace" | "utilityToken">;
  serviceId: number;
  calls: number;
  /** Highest fee per call accepted (default: the service's current fee, read first). */
  maxPricePerCall?: bigint;
  /** Unix seconds until which the calls may be used (default: latest block + 1 day). */
  expiry?: number;
  /** Approve the marketplace for `calls × maxPricePerCall` when the allowance is short (default true). */
  approve?: boolean;
}

export interface PurchaseCallsReturnType extends TransactionResult {
  /** The confirmed purchase (from the `PurchaseConfirmed` event). */
  purchase: MarketplacePurchase;
  approvalHash: Hash | undefined;
}

/**
 * Buys calls of a service: `calls × fee` utility tokens go to escrow, the purchase id comes back.
 * Sign access tokens for it with `mintAccessToken`; unused calls are refundable after expiry
 * (`refundPurchase`).
 *
 * @example
 * const { purchase } = await purchaseCalls(walletClient, { contracts: marketplaceOf(deployment), serviceId: 1, calls: 100 });
 * purchase.purchaseId; // 1n
 */
export async function purchaseCalls(
  client: WriteClient,
  parameters: PurchaseCallsParameters,
): Promise<PurchaseCallsReturnType> {
  const { contracts, serviceId, calls } = parameters;
  const { maxPricePerCall, expiry } = await purchaseTerms(client, { ...parameters, ...contracts });
  const approvalHash = await ensureAllowance(client, {
    token: contracts.utilityToken,
    spender: contracts.marketplace,
    amount: BigInt(calls) * maxPricePerCall,
    approve: parameters.approve,
  });
  const { hash, receipt } = await execute(client, {
    address: contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "purchase",
    args: [serviceId, calls, maxPricePerCall, expiry],
  });
  return { hash, receipt, purchase: confirmedPurchase(receipt, contracts.marketplace), approvalHash };
}
