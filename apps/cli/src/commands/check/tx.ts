import { bundledLabelsDir, createTxFirewall, loadLabels } from "@palisade/engines";
import { getAddress, isAddress, isHex, parseEther } from "viem";
import { z } from "zod";
import { defineCommand } from "../types.ts";
import { renderReport, wantsColor } from "./renderReport.ts";

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), {
    message: "must be a 0x-prefixed 20-byte address",
  })
  .transform((value) => getAddress(value));

export const checkTx = defineCommand({
  summary: "simulate a transaction and judge it: allow, warn or block (tx-firewall@1)",
  description:
    "Simulates the transaction against --rpc (default: the devnet's) at the latest block (or --block) with debug_traceCall or eth_simulateV1, and reports asset changes, approvals and exposures (unlimited approvals, setApprovalForAll), calls to flagged addresses (the engines' committed lists plus PALISADE_LABELS_DIR), ownership and proxy changes and reverts, with a verdict by the default policy (packages/engines/src/tx/README.md).",
  example:
    "npx palisade check tx --from 0xdF3e18d64BC6A983f673Ab319CCaE4f1a57C7097 --to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --value 0.1",
  options: {
    from: {
      type: "string",
      placeholder: "address",
      description: "the sender",
      schema: address,
      required: true,
    },
    to: {
      type: "string",
      placeholder: "address",
      description: "the recipient or contract (omit for a contract creation)",
      schema: address.optional(),
    },
    value: {
      type: "string",
      placeholder: "ETH",
      description: "ether sent, in ETH (e.g. 0.1)",
      schema: z
        .string()
        .regex(/^\d+(\.\d+)?$/, { message: "an amount in ETH, e.g. 0.1" })
        .transform((value) => parseEther(value))
        .optional(),
    },
    data: {
      type: "string",
      placeholder: "0x…",
      description: "calldata",
      schema: z
        .string()
        .refine((value) => isHex(value), { message: "0x-prefixed hex" })
        .optional(),
    },
    block: {
      type: "string",
      placeholder: "n",
      description: "simulate on the state after this block (default: latest)",
      schema: z.coerce.number().int().nonnegative().optional(),
    },
  },
  async run(context, args) {
    const dir = context.io.env.PALISADE_LABELS_DIR;
    const labels = await loadLabels(dir ? [bundledLabelsDir, dir] : bundledLabelsDir);
    const firewall = createTxFirewall({ labels });
    const client = await context.rpcClient();
    const report = await firewall.simulate(client as unknown as Parameters<typeof firewall.simulate>[0], {
      from: args.from,
      ...(args.to === undefined ? {} : { to: args.to }),
      ...(args.value === undefined ? {} : { value: args.value }),
      ...(args.data === undefined ? {} : { data: args.data }),
      ...(args.block === undefined ? {} : { block: args.block }),
    });
    return {
      data: report as unknown as Record<string, unknown>,
      text: renderReport(report, { color: wantsColor(context.io.stdout, context.io.env) }),
    };
  },
});
