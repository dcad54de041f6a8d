import { marketplaceAbi } from "@palisade/abis";
import { getService, purchaseCalls, purchaseCallsWithPermit } from "@palisade/sdk";
import { formatPal } from "../../amounts.ts";
import { preflight } from "../../chain/preflight.ts";
import { approveOption, flagSchema, integerSchema, palSchema, smallIdSchema } from "../../options.ts";
import { when } from "../../output/format.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

/** How long calls stay usable by default: one day, as the SDK's default. */
const DEFAULT_PURCHASE_SECONDS = 86_400;

export const consumerBuy = defineCommand({
  summary: "buy calls of a service: calls × price goes to escrow, the purchase id comes back",
  description:
    "Pays the service's current price unless --max-price caps it (the purchase fails if the price rose above).\n" +
    "The CLI approves calls × price for the Marketplace first (two transactions) unless --no-approve; --permit\n" +
    "signs an EIP-2612 permit instead and buys in one transaction. Unused calls are refundable after expiry.",
  example: "npx palisade consumer buy --account consumer0 --service 1 --calls 10",
  options: {
    service: {
      type: "string",
      placeholder: "id",
      description: "the service",
      schema: smallIdSchema("--service"),
      required: true,
    },
    calls: {
      type: "string",
      placeholder: "n",
      description: "how many calls",
      schema: integerSchema("--calls", 1, 0xffff_ffff),
      required: true,
    },
    maxPrice: {
      type: "string",
      placeholder: "PAL",
      description: "the highest fee per call accepted (default: the current price)",
      schema: palSchema({ positive: true }).optional(),
    },
    expiry: {
      type: "string",
      placeholder: "seconds",
      description: "how long the calls stay usable, from now (default 1 day)",
      schema: integerSchema("--expiry", 1, 10 * 365 * 86_400).optional(),
    },
    permit: {
      type: "boolean",
      description: "pay with an EIP-2612 permit: one transaction, no approval",
      schema: flagSchema,
    },
    approve: approveOption,
  },
  async run(context, args) {
    const [wallet, contracts, client] = await Promise.all([
      context.wallet(),
      context.contracts(),
      context.publicClient(),
    ]);
    const now = await context.now();
    // The SDK's defaults (the current price, one day), decided here so the preflight checks the same call.
    const maxPricePerCall =
      args.maxPrice ?? (await getService(client, { contracts, serviceId: args.service })).pricePerCall;
    const expiry = Number(now) + (args.expiry ?? DEFAULT_PURCHASE_SECONDS);
    const terms = { contracts, serviceId: args.service, calls: args.calls, maxPricePerCall, expiry };
    if (!args.permit) {
      await preflight(wallet, {
        address: contracts.marketplace,
        abi: marketplaceAbi,
        functionName: "purchase",
        args: [args.service, args.calls, maxPricePerCall, expiry],
      });
    }
    const { purchase, hash, approvalHash } = args.permit
      ? { ...(await purchaseCallsWithPermit(wallet, terms)), approvalHash: undefined }
      : await purchaseCalls(wallet, { ...terms, approve: args.approve });
    const total = purchase.pricePerCall * BigInt(purchase.calls);
    return {
      data: { purchase, total, transaction: hash, approvalTransaction: approvalHash ?? null },
      text: [
        `purchase ${purchase.purchaseId}: ${purchase.calls} calls of service ${purchase.serviceId} (provider ${purchase.providerId}) at ${formatPal(purchase.pricePerCall)}, ${formatPal(total)} in escrow`,
        `usable until ${when(purchase.expiry, now)}`,
        transactionLines(
          [
            ["approve", approvalHash],
            [args.permit ? "purchaseWithPermit" : "purchase", hash],
          ],
          `consumer call --purchase ${purchase.purchaseId}`,
        ),
      ].join("\n"),
    };
  },
});
