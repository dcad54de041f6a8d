import { completeUnstake } from "@palisade/sdk";
import { formatPal } from "../../amounts.ts";
import { smallIdSchema } from "../../options.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const providerUnstakeComplete = defineCommand({
  summary: "withdraw the unstaking amount once the unstake delay has passed",
  example: "npx palisade provider unstake complete --account provider0 --provider 1",
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
    const { amount, hash } = await completeUnstake(wallet, { contracts, providerId: args.provider });
    return {
      data: { providerId: args.provider, amount, to: wallet.account.address, transaction: hash },
      text: [
        `sent ${formatPal(amount)} to ${wallet.account.address}`,
        transactionLines([["completeUnstake", hash]]),
      ].join("\n"),
    };
  },
});
