import type { ServerResponse } from "node:http";
import { ContractRevertError, getPurchase } from "@palisade/sdk";
import type { MeteringStore } from "@palisade/store";
import type { Address, PublicClient } from "viem";
import { sendJson } from "./errorResponse.ts";
import { UnknownPurchaseError, UpstreamError } from "./errors.ts";

export const USAGE_PROOF_PATH = /^\/v1\/purchases\/(\d{1,20})\/usage-proof$/;

export interface UsageProofParameters {
  client: PublicClient;
  marketplace: Address;
  providerId: number;
  metering: MeteringStore;
}

/**
 * `GET /v1/purchases/:purchaseId/usage-proof`: of the access tokens recorded for the purchase's calls,
 * the one with the highest nonce — what `Marketplace.claim(purchaseId, proof)` takes to pay the
 * provider for calls 1 … nonce (`palisade provider claim` sends the same from the metering store) —
 * with the calls served (recorded here) and claimed (the chain's `served`, read now: a claim sent by
 * anyone counts). Public: a claim only ever pays this provider, for calls its consumer signed for, so
 * whoever sends it does the provider a favour. 404 for a purchase that does not exist or is another
 * provider's; `proof` is null while no call is recorded.
 */
export async function answerUsageProof(
  parameters: UsageProofParameters,
  purchaseId: bigint,
  response: ServerResponse,
): Promise<void> {
  const { client, marketplace, providerId, metering } = parameters;
  let purchase: Awaited<ReturnType<typeof getPurchase>>;
  try {
    purchase = await getPurchase(client, { contracts: { marketplace }, purchaseId });
  } catch (error) {
    if (error instanceof ContractRevertError && error.errorName === "PurchaseNotFound")
      throw new UnknownPurchaseError(purchaseId, providerId);
    throw new UpstreamError(error);
  }
  if (purchase.providerId !== providerId) throw new UnknownPurchaseError(purchaseId, providerId);
  const [served, highest] = await Promise.all([
    metering.countCalls(purchaseId),
    metering.highestCall(purchaseId),
  ]);
  const claimed = BigInt(purchase.served);
  sendJson(response, 200, {
    purchaseId,
    providerId,
    calls: purchase.calls,
    callsServed: served,
    callsClaimed: purchase.served,
    // In token nonces, as the contract counts: what a claim with `proof` adds.
    claimable: highest !== undefined && highest.nonce > claimed ? highest.nonce - claimed : 0n,
    refunded: purchase.refunded,
    proof:
      highest === undefined
        ? null
        : { nonce: highest.nonce, expiry: highest.expiry, signature: highest.signature },
  });
}
