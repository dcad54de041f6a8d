import { utilityTokenAbi } from "@palisade/abis";
import { getBalance, readContract } from "viem/actions";
import { formatEth, formatPal } from "../../amounts.ts";
import { DEVNET_CHAIN_ID, devAccounts } from "../../chain/devAccounts.ts";
import { DevnetOnlyError } from "../../errors.ts";
import { flagSchema } from "../../options.ts";
import { table } from "../../output/format.ts";
import { defineCommand } from "../types.ts";

export const devAccountsCommand = defineCommand({
  summary: "the devnet's named accounts (what --account takes), optionally with their balances",
  description:
    "Derived from anvil's public test mnemonic: never send real funds to them. --balances reads ETH and PAL\n" +
    "from the devnet (it must be running).",
  example: "npx palisade dev accounts --balances",
  options: {
    balances: {
      type: "boolean",
      description: "also show ETH and PAL balances (reads the devnet)",
      schema: flagSchema,
    },
  },
  async run(context, args) {
    const named = devAccounts();
    let balances: { eth: bigint; pal: bigint | undefined }[] | undefined;
    if (args.balances) {
      const client = await context.publicClient();
      if (client.chain.id !== DEVNET_CHAIN_ID)
        throw new DevnetOnlyError("dev accounts --balances", client.chain.id);
      const token = (await context.deployment()).marketplace?.utilityToken;
      balances = await Promise.all(
        named.map(async ({ account }) => ({
          eth: await getBalance(client, { address: account.address }),
          pal:
            token === undefined
              ? undefined
              : ((await readContract(client, {
                  address: token,
                  abi: utilityTokenAbi,
                  functionName: "balanceOf",
                  args: [account.address],
                })) as bigint),
        })),
      );
    }
    const rows = named.map(({ name, account, role }, index) => {
      const balance = balances?.[index];
      return [
        name,
        account.address,
        ...(balance
          ? [formatEth(balance.eth), balance.pal === undefined ? "-" : formatPal(balance.pal)]
          : []),
        role,
      ];
    });
    return {
      data: {
        accounts: named.map(({ name, account, role }, index) => ({
          name,
          address: account.address,
          role,
          ...(balances?.[index] ? { eth: balances[index].eth, pal: balances[index].pal ?? null } : {}),
        })),
      },
      text: table(["name", "address", ...(balances ? ["ETH", "PAL"] : []), "role"], rows),
    };
  },
});
