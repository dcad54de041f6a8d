import type { MeteringStore } from "@palisade/store";
import type { Hex } from "viem";
import { NothingToClaimError } from "./errors.ts";

/** What `IMarketplace.claim(purchaseId, proof)` takes: a consumer's token authorising calls 1 … `nonce`. */
export interface UsageProof {
  nonce: bigint;
  expiry: bigint;
  signature: Hex;
}

export type UsageProofReturnType = UsageProof;

/**
 * The proof to claim a purchase's calls with: of the tokens recorded with served calls, the one with
 * the highest nonce (it proves `nonce` calls on-chain). With a token per call that is the number of
 * calls served; with batch tokens it may exceed them by the unused part of the last batch, which the
 * consumer authorised by signing it (decision 0004). Throws NothingToClaimError when no recorded
 * token goes beyond what `markClaimed` says was claimed. After the claim is mined, call
 * `metering.markClaimed(purchaseId, proof.nonce)`.
 *
 * Claim while the signer's authority holds: a session key's tokens are claimable until its
 * `sessionKeyValidUntil` (and, once revoked, `sessionRevocationDelay` after the revocation).
 *
 * @example
 * const proof = await usageProof(metering, 7n);
 * await claimUsage(walletClient, { contracts, purchaseId: 7n, proof });
 * await metering.markClaimed(7n, proof.nonce);
 */
export async function usageProof(metering: MeteringStore, purchaseId: bigint): Promise<UsageProofReturnType> {
  const [highest, claimedUpTo] = await Promise.all([
    metering.highestCall(purchaseId),
    metering.claimedUpTo(purchaseId),
  ]);
  if (highest === undefined || highest.nonce <= claimedUpTo)
    throw new NothingToClaimError(purchaseId, claimedUpTo);
  return { nonce: highest.nonce, expiry: highest.expiry, signature: highest.signature };
}
