import { refundPurchase } from "@palisade/sdk";
import { formatPal } from "../../amounts.ts";
import { bigIdSchema } from "../../options.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const consumerRefund = defineCommand({
  summary: "refund a purchase's unused calls to its consumer (after its expiry and the claim grace)",
  description: "Anyone may send it; the PAL goes to the purchase's consumer and the purchase closes.",
  example: "npx palisade consumer refund --account consumer0 --purchase 1",
  options: {
    purchase: {
      type: "string",
      placeholder: "id",
      description: "the purchase",
      schema: bigIdSchema("--purchase"),
      required: true,
    },
  },
  async run(context, args) {
    const [wallet, contracts] = await Promise.all([context.wallet(), context.contracts()]);
    const { calls, amount, hash } = await refundPurchase(wallet, { contracts, purchaseId: args.purchase });
    return {
      data: { purchaseId: args.purchase, calls, amount, transaction: hash },
      text: [
        `purchase ${args.purchase}: ${calls} unused calls refunded, ${formatPal(amount)} returned to its consumer`,
        transactionLines([["refund", hash]]),
      ].join("\n"),
    };
  },
});
