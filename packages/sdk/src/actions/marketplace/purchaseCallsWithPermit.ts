import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import { signPermit } from "../../internal/permit.ts";
import { confirmedPurchase, purchaseTerms } from "../../internal/purchaseTerms.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";
import type { MarketplacePurchase } from "../../marketplaceTypes.ts";

export interface PurchaseCallsWithPermitParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace" | "utilityToken">;
  serviceId: number;
  calls: number;
  /** Highest fee per call accepted (default: the service's current fee). */
  maxPricePerCall?: bigint;
  /** Unix seconds until which the calls may be used (default: latest block + 1 day). */
  expiry?: number;
  /** Unix seconds after which the permit is void (default: latest block + 1 hour). */
  deadline?: bigint;
}

export interface PurchaseCallsWithPermitReturnType extends TransactionResult {
  purchase: MarketplacePurchase;
}

/**
 * Buys calls in one transaction: the client's account signs an EIP-2612 permit for
 * `calls × maxPricePerCall` off-chain and the marketplace uses it before pulling the fee. A permit
 * that was front-run still works when the allowance it set is there.
 *
 * @example
 * const { purchase } = await purchaseCallsWithPermit(walletClient, { contracts, serviceId: 1, calls: 100 });
 */
export async function purchaseCallsWithPermit(
  client: WriteClient,
  parameters: PurchaseCallsWithPermitParameters,
): Promise<PurchaseCallsWithPermitReturnType> {
  const { contracts, serviceId, calls } = parameters;
  const { maxPricePerCall, expiry } = await purchaseTerms(client, { ...parameters, ...contracts });
  const { deadline, v, r, s } = await signPermit(client, {
    token: contracts.utilityToken,
    spender: contracts.marketplace,
    value: BigInt(calls) * maxPricePerCall,
    deadline: parameters.deadline,
  });
  const { hash, receipt } = await execute(client, {
    address: contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "purchaseWithPermit",
    args: [serviceId, calls, maxPricePerCall, expiry, deadline, v, r, s],
  });
  return { hash, receipt, purchase: confirmedPurchase(receipt, contracts.marketplace) };
}
