import { getProvider, requestUnstake } from "@palisade/sdk";
import { formatPal } from "../../amounts.ts";
import { palSchema, smallIdSchema } from "../../options.ts";
import { when } from "../../output/format.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const providerUnstake = defineCommand({
  summary: "start unstaking: the amount leaves the stake, waits the unstake delay and stays slashable",
  description:
    "The stake left must be 0 or at least the minimum stake, and still cover the provider's in-flight value.\n" +
    "After the delay, `palisade provider unstake complete` sends the amount to the owner.",
  example: "npx palisade provider unstake --account provider0 --provider 1 --amount 100",
  options: {
    provider: {
      type: "string",
      placeholder: "id",
      description: "your provider",
      schema: smallIdSchema("--provider"),
      required: true,
    },
    amount: {
      type: "string",
      placeholder: "PAL",
      description: "PAL to unstake",
      schema: palSchema({ positive: true }),
      required: true,
    },
  },
  async run(context, args) {
    const [wallet, contracts] = await Promise.all([context.wallet(), context.contracts()]);
    const { hash } = await requestUnstake(wallet, {
      contracts,
      providerId: args.provider,
      amount: args.amount,
    });
    const client = await context.publicClient();
    const [provider, now] = await Promise.all([
      getProvider(client, { contracts, providerId: args.provider }),
      context.now(),
    ]);
    return {
      data: {
        providerId: args.provider,
        requested: args.amount,
        stake: provider.stake,
        unstaking: provider.unstaking,
        availableAt: provider.unstakeAvailableAt,
        transaction: hash,
      },
      text: [
        `provider ${args.provider}: ${formatPal(provider.unstaking)} unstaking, available ${when(provider.unstakeAvailableAt, now)}; stake now ${formatPal(provider.stake)}`,
        transactionLines(
          [["requestUnstake", hash]],
          `provider unstake complete --provider ${args.provider}   (after the delay)`,
        ),
      ].join("\n"),
    };
  },
});
