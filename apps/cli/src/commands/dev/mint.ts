import { mockLstAbi } from "@palisade/abis";
import { readContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { formatToken } from "../../amounts.ts";
import { DEVNET_CHAIN_ID, devAccount } from "../../chain/devAccounts.ts";
import { DevnetOnlyError } from "../../errors.ts";
import { addressOrAccountSchema, textSchema, tokenAmountSchema } from "../../options.ts";
import { stakeToken, tokenAmount } from "../restaking.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const devMint = defineCommand({
  summary:
    "mint test LST (stETH, rETH, cbETH) to an account: the devnet's mock tokens, minted by the deployer",
  description:
    "Devnet only. The devnet's strategy tokens are mock LSTs the deployer may mint; --to takes an address or\n" +
    "a devnet account name. What the FIX line of a short balance in `stake deposit` suggests.",
  example: "npx palisade dev mint --to pauser --token stETH --amount 100",
  options: {
    to: {
      type: "string",
      placeholder: "address|name",
      description: "the recipient",
      schema: addressOrAccountSchema("--to"),
      required: true,
    },
    token: {
      type: "string",
      placeholder: "symbol",
      description: "the strategy's token symbol",
      schema: textSchema("--token"),
      required: true,
    },
    amount: {
      type: "string",
      placeholder: "tokens",
      description: "how much, in whole tokens",
      schema: tokenAmountSchema("--amount"),
      required: true,
    },
  },
  async run(context, args) {
    const client = await context.publicClient();
    if (client.chain.id !== DEVNET_CHAIN_ID) throw new DevnetOnlyError("dev mint", client.chain.id);
    const deployment = await context.deployment();
    const token = await stakeToken(client, deployment, args.token);
    const amount = tokenAmount(args.amount, token, "dev mint");
    const deployer = devAccount("deployer");
    if (!deployer) throw new Error("unreachable: the deployer is a named account");
    // The deployer owns the mock LSTs whatever --account says: it is the devnet's minter.
    const wallet = await context.walletFor(deployer.account);
    const hash = await writeContract(wallet, {
      address: token.token,
      abi: mockLstAbi,
      functionName: "mint",
      args: [args.to, amount],
    });
    // Waited for through the wallet's transport, which reports the block it was mined in.
    await waitForTransactionReceipt(wallet, { hash });
    const balance = await readContract(client, {
      address: token.token,
      abi: mockLstAbi,
      functionName: "balanceOf",
      args: [args.to],
    });
    return {
      data: { to: args.to, token: token.symbol, amount, balance, transaction: hash },
      text: [
        `minted ${formatToken(amount, token.decimals, token.symbol)} to ${args.to}; it holds ${formatToken(balance, token.decimals, token.symbol)}`,
        transactionLines([["mint", hash]], `stake deposit --token ${token.symbol} --amount <n>`),
      ].join("\n"),
    };
  },
});
