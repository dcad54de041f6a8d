import { strategyManagerAbi } from "@palisade/abis";
import { depositIntoStrategy, getStakerPosition, InsufficientBalanceError } from "@palisade/sdk";
import { formatUnits, zeroAddress } from "viem";
import { formatToken } from "../../amounts.ts";
import { preflight } from "../../chain/preflight.ts";
import { InsufficientTokenBalanceError } from "../../errors.ts";
import { approveOption, textSchema, tokenAmountSchema } from "../../options.ts";
import { stakeToken, tokenAmount } from "../restaking.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const stakeDeposit = defineCommand({
  summary: "deposit a token into its strategy (approve + deposit); the shares join your delegation",
  description:
    "--token is the symbol the deployment lists the strategy under (stETH, rETH, cbETH on the devnet); --amount\n" +
    "is in whole tokens. The CLI approves the StrategyManager for the amount first unless --no-approve\n" +
    "(two transactions). Delegated already? The new shares join your operator's pool at once; otherwise\n" +
    "`stake delegate` next.\n" +
    "On the devnet, get test tokens first: `npx palisade dev mint --to staker0 --token stETH --amount 5`.",
  example: "npx palisade stake deposit --account staker0 --token stETH --amount 5",
  options: {
    token: {
      type: "string",
      placeholder: "symbol",
      description: "the strategy's token symbol (as in the deployment file)",
      schema: textSchema("--token"),
      required: true,
    },
    amount: {
      type: "string",
      placeholder: "tokens",
      description: "how much to deposit, in whole tokens (e.g. 10 or 0.5)",
      schema: tokenAmountSchema("--amount"),
      required: true,
    },
    approve: approveOption,
  },
  async run(context, args) {
    const [wallet, deployment] = await Promise.all([context.wallet(), context.deployment()]);
    const token = await stakeToken(wallet, deployment, args.token);
    const amount = tokenAmount(args.amount, token, "stake deposit");
    const staker = wallet.account.address;
    // A deposit that would revert anyway (a cap, a pause) fails before an approval is left behind.
    await preflight(wallet, {
      address: deployment.contracts.strategyManager,
      abi: strategyManagerAbi,
      functionName: "depositIntoStrategy",
      args: [token.strategy, amount],
    });
    let result: Awaited<ReturnType<typeof depositIntoStrategy>>;
    try {
      result = await depositIntoStrategy(wallet, {
        contracts: deployment.contracts,
        strategy: token.strategy,
        amount,
        approve: args.approve,
      });
    } catch (error) {
      // The SDK's error knows the token's address only: this one says which and in whole tokens.
      if (error instanceof InsufficientBalanceError)
        throw new InsufficientTokenBalanceError(
          token.symbol,
          token.token,
          staker,
          error.balance,
          error.needed,
          token.decimals,
        );
      throw error;
    }
    const position = await getStakerPosition(wallet, {
      contracts: deployment.contracts,
      staker,
      strategy: token.strategy,
    });
    const delegated = position.operator !== zeroAddress;
    return {
      data: {
        staker,
        token: token.symbol,
        strategy: token.strategy,
        amount,
        shares: result.shares,
        position: {
          operator: delegated ? position.operator : null,
          withdrawableShares: position.withdrawableShares,
          underlying: position.underlying,
        },
        transaction: result.hash,
        approvalTransaction: result.approvalHash ?? null,
      },
      text: [
        `deposited ${formatToken(amount, token.decimals, token.symbol)} for ${formatUnits(result.shares, token.decimals)} shares of the ${token.symbol} strategy`,
        `position   ${formatToken(position.underlying, token.decimals, token.symbol)} (${formatUnits(position.withdrawableShares, token.decimals)} shares), ${delegated ? `delegated to ${position.operator}` : "not delegated"}`,
        transactionLines(
          [
            ["approve", result.approvalHash],
            ["depositIntoStrategy", result.hash],
          ],
          delegated
            ? "stake withdraw --token <symbol> --amount <n>"
            : "stake delegate --operator <address>   (`npx palisade status` lists operators)",
        ),
      ].join("\n"),
    };
  },
});
