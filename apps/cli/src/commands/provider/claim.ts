import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { usageProof } from "@palisade/provider";
import { claimUsage, getPurchase } from "@palisade/sdk";
import { openMeteringStore } from "@palisade/store";
import { formatPal } from "../../amounts.ts";
import { MeteringStoreNotFoundError } from "../../errors.ts";
import { bigIdSchema, textSchema } from "../../options.ts";
import { when } from "../../output/format.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const providerClaim = defineCommand({
  summary: "claim the calls of a purchase you served, with the usage proof from your metering store",
  description:
    "Reads the highest call served from the provider's metering store (SQLite), submits the consumer's token\n" +
    "for it as the usage proof, then marks it claimed in the store. The fee of the newly served calls is\n" +
    "queued for release after the provider's release delay (`palisade provider withdraw` then). Anyone may\n" +
    "send the claim; the fees go to the provider.",
  example:
    "npx palisade provider claim --account provider0 --purchase 1 --store .palisade/devnet/gateways/provider-1/metering.sqlite",
  options: {
    purchase: {
      type: "string",
      placeholder: "id",
      description: "the purchase",
      schema: bigIdSchema("--purchase"),
      required: true,
    },
    store: {
      type: "string",
      placeholder: "file",
      description: "the provider's metering store (the SQLite file its access guard records calls in)",
      schema: textSchema("--store"),
      required: true,
    },
  },
  async run(context, args) {
    const path = resolve(context.io.cwd, args.store);
    if (!existsSync(path)) throw new MeteringStoreNotFoundError(path);
    const [wallet, contracts, client] = await Promise.all([
      context.wallet(),
      context.contracts(),
      context.publicClient(),
    ]);
    const metering = openMeteringStore(path);
    try {
      const proof = await usageProof(metering, args.purchase);
      const purchase = await getPurchase(client, { contracts, purchaseId: args.purchase });
      if (proof.nonce <= BigInt(purchase.served)) {
        // Claimed already (by another process, or before the store was marked): catch the store up.
        await metering.markClaimed(args.purchase, BigInt(purchase.served));
        return {
          data: { purchaseId: args.purchase, claimed: false, served: purchase.served, transaction: null },
          text: `purchase ${args.purchase}: the chain already counts ${purchase.served} calls claimed, the store's proof (call ${proof.nonce}) adds none; store marked`,
        };
      }
      const { served, providerAmount, protocolFee, releaseAt, hash } = await claimUsage(wallet, {
        contracts,
        purchaseId: args.purchase,
        proof,
      });
      await metering.markClaimed(args.purchase, proof.nonce);
      const newly = served - purchase.served;
      return {
        data: {
          purchaseId: args.purchase,
          claimed: true,
          nonce: proof.nonce,
          served,
          providerAmount,
          protocolFee,
          releaseAt,
          transaction: hash,
        },
        text: [
          `purchase ${args.purchase}: ${newly} more calls claimed (${served} of ${purchase.calls} in total); ${formatPal(providerAmount)} for the provider after a ${formatPal(protocolFee)} protocol fee, released ${when(releaseAt, await context.now())}`,
          transactionLines(
            [["claim", hash]],
            `provider withdraw --provider ${purchase.providerId}   (once released)`,
          ),
        ].join("\n"),
      };
    } finally {
      await metering.close();
    }
  },
});
