import { reviewBoardAbi } from "@palisade/abis";
import type { Address, Hex } from "viem";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";

/** Review states in the order of `IReviewBoard.ReviewStatus`. */
export const reviewStatuses = ["none", "open", "challenged", "stands", "struck"] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

export interface GetReviewParameters {
  contracts: Pick<MarketplaceDeployment, "reviewBoard">;
  reviewId: bigint;
}

export interface GetReviewReturnType {
  reviewId: bigint;
  purchaseId: bigint;
  reviewer: Address;
  rating: number;
  status: ReviewStatus;
  createdAt: number;
  challengedAtBlock: number;
  scoreDelta: bigint;
  fee: bigint;
  bond: bigint;
  contentHash: Hex;
  uri: string;
}

/**
 * A review with its status, fee, bond and the score change it applied (`ReviewNotFound` otherwise).
 *
 * @example
 * const review = await getReview(publicClient, { contracts, reviewId: 3n });
 * review.status; // "challenged"
 */
export async function getReview(
  client: ReadClient,
  parameters: GetReviewParameters,
): Promise<GetReviewReturnType> {
  const review = await read<Omit<GetReviewReturnType, "reviewId" | "status"> & { status: number }>(client, {
    address: parameters.contracts.reviewBoard,
    abi: reviewBoardAbi,
    functionName: "getReview",
    args: [parameters.reviewId],
  });
  return { reviewId: parameters.reviewId, ...review, status: reviewStatuses[review.status] ?? "none" };
}
