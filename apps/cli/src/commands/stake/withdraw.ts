import { governanceTokenAbi, strategyAbi } from "@palisade/abis";
import { getQueuedWithdrawals, getStakerPosition, queueWithdrawal } from "@palisade/sdk";
import { type Address, isAddressEqual, parseEventLogs } from "viem";
import { getBlockNumber, readContract } from "viem/actions";
import { formatToken } from "../../amounts.ts";
import { InsufficientStakeError, UsageError } from "../../errors.ts";
import { flagSchema, textSchema, tokenAmountSchema } from "../../options.ts";
import { blocksUntil, type StakeToken, stakeToken, tokenAmount } from "../restaking.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

const PATH = "stake withdraw";

export const stakeWithdraw = defineCommand({
  summary: "queue a withdrawal: it completes after the withdrawal delay (say when), slashable until then",
  description:
    "--token <symbol> --amount <n> queues n tokens' worth of that strategy's shares; --token <symbol> --all\n" +
    "everything in it; --all alone everything in every strategy. The stake leaves your operator's pool at\n" +
    "once but stays slashable until `stake complete` pays it out, after the withdrawal delay (blocks). When\n" +
    "the deployment has governance, the DelegationManager first burns the gPAL the stake backed: you must\n" +
    "hold it (the FIX line of InsufficientGovernanceTokens says how many to return).",
  example: "npx palisade stake withdraw --account staker0 --token stETH --amount 2",
  options: {
    token: {
      type: "string",
      placeholder: "symbol",
      description: "the strategy's token symbol",
      schema: textSchema("--token").optional(),
    },
    amount: {
      type: "string",
      placeholder: "tokens",
      description: "how much, in whole tokens",
      schema: tokenAmountSchema("--amount").optional(),
    },
    all: {
      type: "boolean",
      description: "everything in --token's strategy, or in every strategy without --token",
      schema: flagSchema,
    },
  },
  requireOneOf: [["token", "all"]],
  async run(context, args) {
    if (args.amount !== undefined && args.all) throw new UsageError("give --amount or --all, not both", PATH);
    if (args.amount !== undefined && args.token === undefined)
      throw new UsageError("--amount needs --token <symbol>", PATH);
    if (args.token !== undefined && args.amount === undefined && !args.all)
      throw new UsageError("give --amount <tokens> or --all with --token", PATH);
    const [wallet, deployment] = await Promise.all([context.wallet(), context.deployment()]);
    const { contracts } = deployment;
    const staker = wallet.account.address;
    const symbols = args.token === undefined ? Object.keys(deployment.strategies) : [args.token];
    const targets = await Promise.all(
      symbols.map(async (symbol) => {
        const token = await stakeToken(wallet, deployment, symbol);
        const position = await getStakerPosition(wallet, { contracts, staker, strategy: token.strategy });
        return { token, position };
      }),
    );
    const entries: { token: StakeToken; shares: bigint; underlying: bigint }[] = [];
    for (const { token, position } of targets) {
      if (args.amount === undefined) {
        if (position.withdrawableShares > 0n)
          entries.push({ token, shares: position.withdrawableShares, underlying: position.underlying });
        continue;
      }
      const amount = tokenAmount(args.amount, token, PATH);
      // The whole position by its token value: converting back could round one share above it.
      const shares =
        amount === position.underlying
          ? position.withdrawableShares
          : await readContract(wallet, {
              address: token.strategy,
              abi: strategyAbi,
              functionName: "underlyingToSharesView",
              args: [amount],
            });
      if (shares > position.withdrawableShares || position.withdrawableShares === 0n)
        throw new InsufficientStakeError(token.symbol, staker, position.underlying, amount, token.decimals);
      entries.push({ token, shares, underlying: amount });
    }
    if (entries.length === 0) {
      const first = targets[0]?.token;
      throw new InsufficientStakeError(
        first?.symbol ?? "any strategy",
        staker,
        0n,
        0n,
        first?.decimals ?? 18,
      );
    }
    context.progress(
      `queueing a withdrawal of ${entries.map((entry) => formatToken(entry.underlying, entry.token.decimals, entry.token.symbol)).join(", ")}`,
    );
    const { hash, root, receipt } = await queueWithdrawal(wallet, {
      contracts,
      entries: entries.map((entry) => ({ strategy: entry.token.strategy, shares: entry.shares })),
    });
    const [queued, block] = await Promise.all([
      getQueuedWithdrawals(wallet, { contracts, staker }),
      getBlockNumber(wallet, { cacheTime: 0 }),
    ]);
    const withdrawal = queued.find((entry) => entry.root === root);
    const completableBlock =
      withdrawal?.completableBlock ?? Number(block) + deployment.delays.withdrawalBlocks;
    const gate = deployment.governance?.governanceToken;
    const burned = gate === undefined ? 0n : gPalBurned(receipt.logs, gate, staker);
    const blocksLeft = blocksUntil(completableBlock, block);
    return {
      data: {
        staker,
        root,
        operator: withdrawal?.operator ?? null,
        entries: entries.map((entry) => ({
          token: entry.token.symbol,
          strategy: entry.token.strategy,
          shares: entry.shares,
          underlying: entry.underlying,
        })),
        block,
        completableBlock,
        blocksLeft,
        governanceTokensBurned: burned,
        transaction: hash,
      },
      text: [
        `queued withdrawal ${root}`,
        `  ${entries.map((entry) => formatToken(entry.underlying, entry.token.decimals, entry.token.symbol)).join(", ")} (slashable until it completes)`,
        `  completable in block ${completableBlock}: ${blocksLeft} blocks from now (block ${block})`,
        ...(burned > 0n
          ? [`  returned ${formatToken(burned, 18, "gPAL")} (burned by the withdrawal gate)`]
          : []),
        transactionLines([["queueWithdrawal", hash]], "stake complete"),
      ].join("\n"),
    };
  },
});

/** gPAL burned from `staker` by the withdrawal gate in this transaction (its Synced events). */
function gPalBurned(
  logs: Parameters<typeof parseEventLogs>[0]["logs"],
  token: Address,
  staker: Address,
): bigint {
  return parseEventLogs({ abi: governanceTokenAbi, eventName: "Synced", logs })
    .filter((log) => isAddressEqual(log.address, token) && isAddressEqual(log.args.staker, staker))
    .reduce((sum, log) => sum + log.args.burned, 0n);
}
