import { reviewBoardAbi } from "@palisade/abis";
import { challengeReview, getReview } from "@palisade/sdk";
import { formatPal } from "../../amounts.ts";
import { preflight } from "../../chain/preflight.ts";
import { approveOption, bigIdSchema } from "../../options.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const providerChallenge = defineCommand({
  summary: "challenge a review of your provider, posting the challenge bond",
  description:
    "Within the challenge window only. Governance (the resolver) or an operator quorum certificate settles it;\n" +
    "the loser forfeits its deposit. The CLI approves the bond for the ReviewBoard unless --no-approve.",
  example: "npx palisade provider challenge --account provider0 --review 1",
  options: {
    review: {
      type: "string",
      placeholder: "id",
      description: "the review",
      schema: bigIdSchema("--review"),
      required: true,
    },
    approve: approveOption,
  },
  async run(context, args) {
    const [wallet, contracts] = await Promise.all([context.wallet(), context.contracts()]);
    await preflight(wallet, {
      address: contracts.reviewBoard,
      abi: reviewBoardAbi,
      functionName: "challenge",
      args: [args.review],
    });
    const { bond, hash, approvalHash } = await challengeReview(wallet, {
      contracts,
      reviewId: args.review,
      approve: args.approve,
    });
    const review = await getReview(await context.publicClient(), { contracts, reviewId: args.review });
    return {
      data: {
        reviewId: args.review,
        bond,
        status: review.status,
        transaction: hash,
        approvalTransaction: approvalHash ?? null,
      },
      text: [
        `review ${args.review} (rating ${review.rating}) is ${review.status}; bond ${formatPal(bond)} posted`,
        transactionLines([
          ["approve", approvalHash],
          ["challenge", hash],
        ]),
      ].join("\n"),
    };
  },
});
