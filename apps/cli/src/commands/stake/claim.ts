import {
  claimInvestorRevenue,
  claimRewards,
  getClaimable,
  getInvestorRevenue,
  governanceOf,
} from "@palisade/sdk";
import { readRewardStreams } from "@palisade/views";
import type { Address, Hash } from "viem";
import { formatPal, formatToken } from "../../amounts.ts";
import { NothingToClaimRewardsError } from "../../errors.ts";
import { flagSchema } from "../../options.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const stakeClaim = defineCommand({
  summary: "claim your rewards (RewardsCoordinator); --revenue also your share of settled revenue epochs",
  description:
    "Rewards: every token an AVS streams to an operator set (found from the RewardsCoordinator's funding\n" +
    "events), claimed where you earned something, as a staker or as an operator (its commission), one\n" +
    "transaction per token. --revenue (deployments with governance): the investor share of every settled\n" +
    "RevenueDistributor epoch you have not claimed, paid in PAL pro rata to the gPAL you held at the\n" +
    "epoch's end (decision 0007), in one more transaction. Fails with NothingToClaimRewardsError when\n" +
    "there is nothing.",
  example: "npx palisade stake claim --account staker0",
  options: {
    revenue: {
      type: "boolean",
      description: "also claim the investor share of settled revenue epochs (needs governance)",
      schema: flagSchema,
    },
  },
  async run(context, args) {
    const [wallet, deployment] = await Promise.all([context.wallet(), context.deployment()]);
    const { contracts } = deployment;
    const earner = wallet.account.address;
    // Before any transaction: a deployment without governance refuses --revenue up front.
    const governance = args.revenue ? governanceOf(deployment) : undefined;
    const strategies = Object.entries(deployment.strategies).map(([symbol, { strategy }]) => ({
      symbol,
      strategy,
    }));
    const streams = await readRewardStreams(wallet, deployment, strategies);
    const byToken = new Map<Address, { symbol: string; decimals: number; strategies: Address[] }>();
    for (const stream of streams) {
      const entry = byToken.get(stream.token) ?? {
        symbol: stream.tokenSymbol,
        decimals: stream.tokenDecimals,
        strategies: [],
      };
      if (!entry.strategies.includes(stream.strategy)) entry.strategies.push(stream.strategy);
      byToken.set(stream.token, entry);
    }
    const claimable = (
      await Promise.all(
        [...byToken].map(async ([token, entry]) => ({
          token,
          ...entry,
          amount: await getClaimable(wallet, { contracts, earner, token, strategies: entry.strategies }),
        })),
      )
    ).filter((entry) => entry.amount > 0n);
    const revenue = governance
      ? await getInvestorRevenue(wallet, { governance, investor: earner })
      : undefined;
    if (claimable.length === 0 && (revenue?.claimable.length ?? 0) === 0)
      throw new NothingToClaimRewardsError(earner, governance !== undefined);

    const rewards: { token: Address; symbol: string; amount: bigint; transaction: Hash }[] = [];
    for (const [index, entry] of claimable.entries()) {
      context.progress(`claim ${index + 1}/${claimable.length}: ${entry.symbol} rewards`);
      const { amount, hash } = await claimRewards(wallet, {
        contracts,
        token: entry.token,
        strategies: entry.strategies,
      });
      rewards.push({ token: entry.token, symbol: entry.symbol, amount, transaction: hash });
    }
    let revenueClaim: Awaited<ReturnType<typeof claimInvestorRevenue>> | undefined;
    if (governance && revenue && revenue.claimable.length > 0) {
      context.progress(`claiming the investor share of ${revenue.claimable.length} settled revenue epoch(s)`);
      revenueClaim = await claimInvestorRevenue(wallet, {
        governance,
        epochs: revenue.claimable.map((entry) => entry.epoch),
      });
    }
    const decimalsOf = new Map(claimable.map((entry) => [entry.token, entry.decimals]));
    return {
      data: {
        earner,
        rewards,
        revenue: governance
          ? {
              amount: revenueClaim?.amount ?? 0n,
              epochs: revenueClaim?.epochs ?? [],
              transaction: revenueClaim?.hash ?? null,
            }
          : null,
      },
      text: [
        ...rewards.map(
          (entry) =>
            `claimed ${formatToken(entry.amount, decimalsOf.get(entry.token) ?? 18, entry.symbol)} of rewards`,
        ),
        ...(revenueClaim
          ? [
              `claimed ${formatPal(revenueClaim.amount)} of revenue (investor share of epoch${revenueClaim.epochs.length === 1 ? "" : "s"} ${revenueClaim.epochs.map((entry) => entry.epoch).join(", ")})`,
            ]
          : governance
            ? ["no revenue share to claim: no settled epoch owes you anything"]
            : []),
        transactionLines([
          ...rewards.map((entry): [string, Hash] => [`claim ${entry.symbol}`, entry.transaction]),
          ["claimInvestor", revenueClaim?.hash],
        ]),
      ].join("\n"),
    };
  },
});
