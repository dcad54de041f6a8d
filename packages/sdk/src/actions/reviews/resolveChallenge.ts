import { reviewBoardAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface ResolveChallengeParameters {
  contracts: Pick<MarketplaceDeployment, "reviewBoard">;
  reviewId: bigint;
  /** True: the review stands (the reviewer wins the bond); false: it is struck (penalty undone). */
  reviewStands: boolean;
}

export interface ResolveChallengeReturnType extends TransactionResult {
  winner: Address;
  payout: bigint;
}

/**
 * Settles a challenged review as the resolver role (governance, or the account configured until
 * governance exists). To settle with an operator quorum certificate instead, call the board's
 * `resolveChallengeWithCertificate` with the verdict's batch and proof.
 *
 * @example
 * await resolveChallenge(resolverWallet, { contracts, reviewId: 3n, reviewStands: false });
 */
export async function resolveChallenge(
  client: WriteClient,
  parameters: ResolveChallengeParameters,
): Promise<ResolveChallengeReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.reviewBoard,
    abi: reviewBoardAbi,
    functionName: "resolveChallenge",
    args: [parameters.reviewId, parameters.reviewStands],
  });
  const { winner, payout } = eventArgs<{ winner: Address; payout: bigint }>(receipt, {
    abi: reviewBoardAbi,
    eventName: "ChallengeResolved",
    address: parameters.contracts.reviewBoard,
  });
  return { hash, receipt, winner, payout };
}
