import { getPendingFees, withdrawFees } from "@palisade/sdk";
import { formatPal } from "../../amounts.ts";
import { smallIdSchema } from "../../options.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const providerWithdraw = defineCommand({
  summary: "withdraw a provider's released fees to its owner",
  description:
    "Fees of claimed calls release after the provider's release delay (shorter as its score grows).",
  example: "npx palisade provider withdraw --account provider0 --provider 1",
  options: {
    provider: {
      type: "string",
      placeholder: "id",
      description: "your provider",
      schema: smallIdSchema("--provider"),
      required: true,
    },
  },
  async run(context, args) {
    const [wallet, contracts] = await Promise.all([context.wallet(), context.contracts()]);
    const { amount, hash } = await withdrawFees(wallet, { contracts, providerId: args.provider });
    const fees = await getPendingFees(await context.publicClient(), { contracts, providerId: args.provider });
    return {
      data: {
        providerId: args.provider,
        amount,
        to: wallet.account.address,
        pending: fees.pending,
        transaction: hash,
      },
      text: [
        `withdrew ${formatPal(amount)} to ${wallet.account.address}; ${formatPal(fees.pending)} still pending`,
        transactionLines([["withdrawFees", hash]]),
      ].join("\n"),
    };
  },
});
