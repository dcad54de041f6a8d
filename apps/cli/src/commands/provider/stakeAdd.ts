import { marketplaceAbi } from "@palisade/abis";
import { addProviderStake } from "@palisade/sdk";
import { formatPal } from "../../amounts.ts";
import { preflight } from "../../chain/preflight.ts";
import { approveOption, palSchema, smallIdSchema } from "../../options.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const providerStakeAdd = defineCommand({
  summary: "add PAL to a provider's stake (raises its in-flight cap; anyone may top a provider up)",
  example: "npx palisade provider stake add --account provider0 --provider 1 --amount 1000",
  options: {
    provider: {
      type: "string",
      placeholder: "id",
      description: "the provider",
      schema: smallIdSchema("--provider"),
      required: true,
    },
    amount: {
      type: "string",
      placeholder: "PAL",
      description: "PAL to add",
      schema: palSchema({ positive: true }),
      required: true,
    },
    approve: approveOption,
  },
  async run(context, args) {
    const [wallet, contracts] = await Promise.all([context.wallet(), context.contracts()]);
    await preflight(wallet, {
      address: contracts.marketplace,
      abi: marketplaceAbi,
      functionName: "addStake",
      args: [args.provider, args.amount],
    });
    const { stake, hash, approvalHash } = await addProviderStake(wallet, {
      contracts,
      providerId: args.provider,
      amount: args.amount,
      approve: args.approve,
    });
    return {
      data: {
        providerId: args.provider,
        added: args.amount,
        stake,
        transaction: hash,
        approvalTransaction: approvalHash ?? null,
      },
      text: [
        `provider ${args.provider}: ${formatPal(args.amount)} added, stake now ${formatPal(stake)}`,
        transactionLines([
          ["approve", approvalHash],
          ["addStake", hash],
        ]),
      ].join("\n"),
    };
  },
});
