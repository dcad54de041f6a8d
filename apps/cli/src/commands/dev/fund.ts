import { utilityTokenAbi } from "@palisade/abis";
import { type Address, formatEther, getAddress, type Hash, isAddress } from "viem";
import { readContract, sendTransaction, waitForTransactionReceipt, writeContract } from "viem/actions";
import { z } from "zod";
import { formatPal } from "../../amounts.ts";
import { DEVNET_CHAIN_ID, devAccount } from "../../chain/devAccounts.ts";
import { DevnetOnlyError } from "../../errors.ts";
import { palSchema } from "../../options.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const devFund = defineCommand({
  summary: "send PAL and/or ETH from the devnet's deployer (the devnet's treasury) to an account",
  description:
    "Devnet only. --to takes an address or a devnet account name (consumer1 …); the deployer signs.",
  example: "npx palisade dev fund --to consumer1 --pal 500 --eth 1",
  options: {
    to: {
      type: "string",
      placeholder: "address|name",
      description: "the recipient",
      schema: z
        .string({ error: "required: an address or a devnet account name" })
        .refine((value) => isAddress(value, { strict: false }) || devAccount(value) !== undefined, {
          message: "--to must be an address or a devnet account name (`palisade dev accounts`)",
        })
        .transform(
          (value): Address =>
            isAddress(value, { strict: false })
              ? getAddress(value)
              : (devAccount(value)?.account.address as Address),
        ),
      required: true,
    },
    pal: {
      type: "string",
      placeholder: "PAL",
      description: "PAL to send",
      schema: palSchema({ positive: true }).optional(),
    },
    eth: {
      type: "string",
      placeholder: "ETH",
      description: "ETH to send (for gas)",
      schema: palSchema({ positive: true, unit: "ETH" }).optional(),
    },
  },
  requireOneOf: [["pal", "eth"]],
  async run(context, args) {
    const client = await context.publicClient();
    if (client.chain.id !== DEVNET_CHAIN_ID) throw new DevnetOnlyError("dev fund", client.chain.id);
    const deployer = devAccount("deployer");
    if (!deployer) throw new Error("unreachable: the deployer is a named account");
    const contracts = args.pal === undefined ? undefined : await context.contracts();
    // The deployer signs whatever --account/--key say: it is the devnet's treasury.
    const wallet = await context.walletFor(deployer.account);
    let palHash: Hash | undefined;
    let ethHash: Hash | undefined;
    if (args.pal !== undefined && contracts) {
      palHash = await writeContract(wallet, {
        address: contracts.utilityToken,
        abi: utilityTokenAbi,
        functionName: "transfer",
        args: [args.to, args.pal],
      });
      await waitForTransactionReceipt(client, { hash: palHash });
    }
    if (args.eth !== undefined) {
      ethHash = await sendTransaction(wallet, { to: args.to, value: args.eth });
      await waitForTransactionReceipt(client, { hash: ethHash });
    }
    const pal = contracts
      ? ((await readContract(client, {
          address: contracts.utilityToken,
          abi: utilityTokenAbi,
          functionName: "balanceOf",
          args: [args.to],
        })) as bigint)
      : undefined;
    const sent = [
      args.pal === undefined ? undefined : formatPal(args.pal),
      args.eth === undefined ? undefined : `${formatEther(args.eth)} ETH`,
    ]
      .filter((part) => part !== undefined)
      .join(" and ");
    return {
      data: {
        to: args.to,
        pal: args.pal ?? null,
        eth: args.eth ?? null,
        palBalance: pal ?? null,
        palTransaction: palHash ?? null,
        ethTransaction: ethHash ?? null,
      },
      text: [
        `sent ${sent} to ${args.to}${pal === undefined ? "" : `; it holds ${formatPal(pal)}`}`,
        transactionLines([
          ["transfer", palHash],
          ["ETH", ethHash],
        ]),
      ].join("\n"),
    };
  },
});
