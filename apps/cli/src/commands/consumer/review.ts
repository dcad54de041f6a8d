import { reviewBoardAbi } from "@palisade/abis";
import { reviewProvider } from "@palisade/sdk";
import { keccak256, toBytes } from "viem";
import { z } from "zod";
import { preflight } from "../../chain/preflight.ts";
import { approveOption, bigIdSchema, integerSchema, textSchema } from "../../options.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const consumerReview = defineCommand({
  summary: "review the provider of one of your purchases (pays the review fee; one review per purchase)",
  description:
    "The text is hashed on-chain; publish it at --uri. A low rating lowers the provider's score; the provider\n" +
    "may challenge it. The CLI approves the review fee for the ReviewBoard unless --no-approve.",
  example:
    'npx palisade consumer review --account consumer0 --purchase 1 --rating 5 --text "fast, accurate verdicts"',
  options: {
    purchase: {
      type: "string",
      placeholder: "id",
      description: "your purchase",
      schema: bigIdSchema("--purchase"),
      required: true,
    },
    rating: {
      type: "string",
      placeholder: "1-5",
      description: "1 (worst) … 5 (best)",
      schema: integerSchema("--rating", 1, 5),
      required: true,
    },
    text: {
      type: "string",
      placeholder: "text",
      description: "the review",
      schema: textSchema("--text"),
      required: true,
    },
    uri: {
      type: "string",
      placeholder: "uri",
      description: "where the text is published",
      schema: z.string().optional(),
    },
    approve: approveOption,
  },
  async run(context, args) {
    const [wallet, contracts] = await Promise.all([context.wallet(), context.contracts()]);
    await preflight(wallet, {
      address: contracts.reviewBoard,
      abi: reviewBoardAbi,
      functionName: "review",
      // The content hash the SDK computes: keccak256 of the text's UTF-8 bytes.
      args: [args.purchase, args.rating, keccak256(toBytes(args.text)), args.uri ?? ""],
    });
    const { reviewId, scoreDelta, contentHash, hash, approvalHash } = await reviewProvider(wallet, {
      contracts,
      purchaseId: args.purchase,
      rating: args.rating,
      text: args.text,
      approve: args.approve,
      ...(args.uri === undefined ? {} : { uri: args.uri }),
    });
    return {
      data: {
        reviewId,
        purchaseId: args.purchase,
        rating: args.rating,
        scoreDelta,
        contentHash,
        transaction: hash,
        approvalTransaction: approvalHash ?? null,
      },
      text: [
        `review ${reviewId} of purchase ${args.purchase}: rating ${args.rating}, provider score change ${scoreDelta}`,
        transactionLines([
          ["approve", approvalHash],
          ["review", hash],
        ]),
      ].join("\n"),
    };
  },
});
