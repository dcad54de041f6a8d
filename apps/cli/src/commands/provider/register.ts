import { marketplaceAbi } from "@palisade/abis";
import { registerProvider } from "@palisade/sdk";
import { formatPal } from "../../amounts.ts";
import { preflight } from "../../chain/preflight.ts";
import { approveOption, httpUrlSchema, palSchema, textSchema } from "../../options.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const providerRegister = defineCommand({
  summary: "register the signer as a provider, staking PAL",
  description:
    "Stakes --stake PAL (at least the marketplace's minimum stake) and prints the new provider id. The stake\n" +
    "caps the value of calls sold and not yet claimed (its in-flight cap). The CLI approves the stake for\n" +
    "the Marketplace first unless --no-approve is given.",
  example:
    "npx palisade provider register --account provider1 --stake 500 --metadata https://vendor.example/palisade.json --endpoint http://127.0.0.1:8702",
  options: {
    stake: {
      type: "string",
      placeholder: "PAL",
      description: "PAL to stake",
      schema: palSchema({ positive: true }),
      required: true,
    },
    metadata: {
      type: "string",
      placeholder: "uri",
      description: "where the provider describes itself (name, contact, terms): https://, ipfs://, data:",
      schema: textSchema("--metadata"),
      required: true,
    },
    endpoint: {
      type: "string",
      placeholder: "url",
      description: "base URL consumers call, e.g. https://api.vendor.example",
      schema: httpUrlSchema("--endpoint"),
      required: true,
    },
    approve: approveOption,
  },
  async run(context, args) {
    const [wallet, contracts] = await Promise.all([context.wallet(), context.contracts()]);
    await preflight(wallet, {
      address: contracts.marketplace,
      abi: marketplaceAbi,
      functionName: "registerProvider",
      args: [args.stake, args.metadata, args.endpoint],
    });
    const { providerId, hash, approvalHash } = await registerProvider(wallet, {
      contracts,
      stake: args.stake,
      metadataURI: args.metadata,
      endpoint: args.endpoint,
      approve: args.approve,
    });
    return {
      data: {
        providerId,
        owner: wallet.account.address,
        stake: args.stake,
        transaction: hash,
        approvalTransaction: approvalHash ?? null,
      },
      text: [
        `provider ${providerId} registered by ${wallet.account.address} with ${formatPal(args.stake)} staked`,
        transactionLines(
          [
            ["approve", approvalHash],
            ["registerProvider", hash],
          ],
          `provider service add --provider ${providerId} --category address-risk --price 0.01 --path /v1/address --schema ${args.endpoint}/openapi.json`,
        ),
      ].join("\n"),
    };
  },
});
