import { reviewBoardAbi } from "@palisade/abis";
import type { Hash } from "viem";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { ensureAllowance } from "../../internal/allowance.ts";
import { execute } from "../../internal/execute.ts";
import { read } from "../../internal/read.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface ChallengeReviewParameters {
  contracts: Pick<MarketplaceDeployment, "reviewBoard" | "utilityToken">;
  reviewId: bigint;
  /** Approve the board for the bond when the allowance is short (default true). */
  approve?: boolean;
}

export interface ChallengeReviewReturnType extends TransactionResult {
  /** The bond posted (forfeited to the reviewer if the review stands). */
  bond: bigint;
  approvalHash: Hash | undefined;
}

/**
 * Challenges a review of the client's provider within the challenge window, posting the bond. The
 * resolver (governance) or an operator quorum certificate settles it; the loser forfeits its deposit.
 *
 * @example
 * await challengeReview(providerWallet, { contracts, reviewId: 3n });
 */
export async function challengeReview(
  client: WriteClient,
  parameters: ChallengeReviewParameters,
): Promise<ChallengeReviewReturnType> {
  const { contracts, reviewId } = parameters;
  const { challengeBond } = await read<{ challengeBond: bigint }>(client, {
    address: contracts.reviewBoard,
    abi: reviewBoardAbi,
    functionName: "params",
  });
  const approvalHash = await ensureAllowance(client, {
    token: contracts.utilityToken,
    spender: contracts.reviewBoard,
    amount: challengeBond,
    approve: parameters.approve,
  });
  const { hash, receipt } = await execute(client, {
    address: contracts.reviewBoard,
    abi: reviewBoardAbi,
    functionName: "challenge",
    args: [reviewId],
  });
  return { hash, receipt, bond: challengeBond, approvalHash };
}
