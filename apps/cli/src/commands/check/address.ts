import { bundledLabelsDir, createAddressRiskEngine, loadLabels } from "@palisade/engines";
import { getAddress, isAddress } from "viem";
import { z } from "zod";
import { defineCommand } from "../types.ts";
import { renderReport, wantsColor } from "./renderReport.ts";

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), {
    message: "must be a 0x-prefixed 20-byte address",
  })
  .transform((value) => getAddress(value));

export const checkAddress = defineCommand({
  summary: "address risk: sanctions, labelled scams and exploits, on-chain heuristics (address-risk@1)",
  description:
    "Runs the address risk engine against --rpc (default: the devnet's RPC from the deployment file) at the latest block (or --block): the labelled lists committed with the engines, plus those in PALISADE_LABELS_DIR if set; contract or EOA, code age, proxies, deployer and first funder, and address-poisoning look-alikes of --counterparty.",
  example: "npx palisade check address 0x8589427373D6D84E98730D7795D8f6f8731FDA16",
  positional: "address",
  options: {
    address: {
      type: "string",
      placeholder: "address",
      description: "the address to check (or give it as the word after `check address`)",
      schema: address,
      required: true,
    },
    counterparty: {
      type: "string",
      placeholder: "address",
      description: "an address you meant to pay: flags a look-alike (address poisoning)",
      schema: address.optional(),
    },
    chainId: {
      type: "string",
      placeholder: "id",
      description:
        "match the lists for this chain (default: the RPC's chain; e.g. 1 to judge mainnet labels on a devnet)",
      schema: z.coerce.number().int().positive().optional(),
    },
    block: {
      type: "string",
      placeholder: "n",
      description: "read the chain at this block (default: latest)",
      schema: z.coerce.number().int().nonnegative().optional(),
    },
  },
  async run(context, args) {
    const dir = context.io.env.PALISADE_LABELS_DIR;
    const labels = await loadLabels(dir ? [bundledLabelsDir, dir] : bundledLabelsDir);
    const engine = createAddressRiskEngine({ labels });
    const client = await context.rpcClient();
    const report = await engine.check(client as unknown as Parameters<typeof engine.check>[0], {
      address: args.address,
      ...(args.counterparty === undefined ? {} : { counterparty: args.counterparty }),
      ...(args.block === undefined ? {} : { block: args.block }),
      ...(args.chainId === undefined ? {} : { chainId: args.chainId }),
    });
    return {
      data: report as unknown as Record<string, unknown>,
      text: renderReport(report, { color: wantsColor(context.io.stdout, context.io.env) }),
    };
  },
});
