import { reviewBoardAbi } from "@palisade/abis";
import { type Hash, type Hex, keccak256, toBytes } from "viem";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { ensureAllowance } from "../../internal/allowance.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import { read } from "../../internal/read.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface ReviewProviderParameters {
  contracts: Pick<MarketplaceDeployment, "reviewBoard" | "utilityToken">;
  /** A purchase of the client's account: the review is of its provider, one per purchase. */
  purchaseId: bigint;
  /** 1 (worst) … 5 (best); at or below the board's `negativeRatingMax` it lowers the provider's score. */
  rating: number;
  /** The review text: hashed into `contentHash`; publish it at `uri`. */
  text: string;
  /** Where the text is published (may be empty). */
  uri?: string;
  /** Approve the board for the review fee when the allowance is short (default true). */
  approve?: boolean;
}

export interface ReviewProviderReturnType extends TransactionResult {
  reviewId: bigint;
  /** Score change applied to the provider (≤ 0). */
  scoreDelta: bigint;
  contentHash: Hex;
  approvalHash: Hash | undefined;
}

/**
 * Reviews the provider of one of the client's purchases, paying the review fee (held until the
 * challenge window ends). Only the purchase's consumer may review, once.
 *
 * @example
 * await reviewProvider(walletClient, { contracts, purchaseId: 7n, rating: 1, text: "returned stale verdicts" });
 */
export async function reviewProvider(
  client: WriteClient,
  parameters: ReviewProviderParameters,
): Promise<ReviewProviderReturnType> {
  const { contracts, purchaseId, rating } = parameters;
  const { reviewFee } = await read<{ reviewFee: bigint }>(client, {
    address: contracts.reviewBoard,
    abi: reviewBoardAbi,
    functionName: "params",
  });
  const approvalHash = await ensureAllowance(client, {
    token: contracts.utilityToken,
    spender: contracts.reviewBoard,
    amount: reviewFee,
    approve: parameters.approve,
  });
  const contentHash = keccak256(toBytes(parameters.text));
  const { hash, receipt } = await execute(client, {
    address: contracts.reviewBoard,
    abi: reviewBoardAbi,
    functionName: "review",
    args: [purchaseId, rating, contentHash, parameters.uri ?? ""],
  });
  const { reviewId, scoreDelta } = eventArgs<{ reviewId: bigint; scoreDelta: bigint }>(receipt, {
    abi: reviewBoardAbi,
    eventName: "Reviewed",
    address: contracts.reviewBoard,
  });
  return { hash, receipt, reviewId, scoreDelta, contentHash, approvalHash };
}
