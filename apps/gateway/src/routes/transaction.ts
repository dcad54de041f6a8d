import type { TxFirewall, TxFirewallParameters, TxFirewallReport } from "@palisade/engines";
import { z } from "zod";
import { txFirewallReportSchema } from "../openapi/reports.ts";
import {
  addressSchema,
  type EngineRoute,
  ensureBlockReached,
  parseInput,
  refuseUnattestable,
} from "./route.ts";

const UINT256_LIMIT = 1n << 256n;
const UINT64_LIMIT = 1n << 64n;

/** Wei or gas: a decimal or 0x string, or a JSON safe integer (the firewall's own rules). */
const quantity = (what: string, limit: bigint, limitName: string) =>
  z
    .union([
      z
        .string()
        .regex(/^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/, { message: `${what}: not a decimal or 0x quantity` }),
      z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    ])
    .refine((value) => BigInt(value) < limit, { message: `${what}: above ${limitName}` });

const body = z.strictObject({
  from: addressSchema.describe("The sender."),
  to: addressSchema
    .nullable()
    .optional()
    .describe("The recipient or contract called; omitted or null: a contract creation."),
  value: quantity("value", UINT256_LIMIT, "2^256 - 1")
    .optional()
    .describe("Wei sent: a decimal or 0x string, or a safe integer (default 0)."),
  data: z
    .string()
    .regex(/^0x([0-9a-fA-F]{2})*$/, { message: "not 0x-hex bytes" })
    .optional()
    .describe("Calldata (or init code), 0x-hex (default 0x)."),
  gas: quantity("gas", UINT64_LIMIT, "2^64 - 1")
    .optional()
    .describe("Gas limit: a decimal or 0x string, or a safe integer (default: the node's call gas cap)."),
  block: z
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe("The block whose resulting state the transaction runs on (default: the latest)."),
  chainId: z
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe("The chain the label lists are matched for (default: the gateway node's chain id)."),
});

/**
 * `POST /v1/transaction` with `{ from, to?, value?, data?, gas?, block?, chainId? }` → tx-firewall@1
 * under the gateway's policy (the default one).
 *
 * @example
 * const route = transactionRoute(createTxFirewall({ labels }));
 */
export function transactionRoute(firewall: TxFirewall): EngineRoute<TxFirewallParameters, TxFirewallReport> {
  return {
    method: "POST",
    path: "/v1/transaction",
    servicePath: "/v1/transaction",
    engine: firewall.id,
    input: body,
    async parse(request, { client }) {
      const input = parseInput(body, request.body, "transaction");
      // The firewall takes the block as given and the node would fail on a future one after the call
      // is spent: refused here first.
      await ensureBlockReached(client, input.block);
      const parameters: TxFirewallParameters = { from: input.from };
      if (input.to !== undefined) parameters.to = input.to;
      if (input.value !== undefined) parameters.value = input.value;
      if (input.data !== undefined) parameters.data = input.data;
      if (input.gas !== undefined) parameters.gas = input.gas;
      if (input.block !== undefined) parameters.block = input.block;
      if (input.chainId !== undefined) parameters.chainId = input.chainId;
      return parameters;
    },
    async run(parameters, { client }) {
      const report = await firewall.simulate(client, parameters);
      return {
        report,
        parameters: { ...parameters, block: report.block, chainId: report.fields.chain_id },
      };
    },
    attestedRequest(parameters) {
      refuseUnattestable(parameters);
      const request: Record<string, unknown> = { from: parameters.from };
      if (parameters.to !== undefined) request.to = parameters.to;
      if (parameters.value !== undefined) request.value = String(parameters.value);
      if (parameters.data !== undefined) request.data = parameters.data;
      if (parameters.gas !== undefined) request.gas = String(parameters.gas);
      return request;
    },
    docs: {
      summary: "Transaction firewall",
      description:
        "Simulates a transaction at a pinned block and judges it: asset changes and the sender's outflows, approvals (unlimited, to EOAs, to unknown contracts, Permit2), counterparties on the label lists, ownership and proxy changes, reverts. Verdict `allow`, `warn` or `block` by the gateway's policy; `rules` lists the rules that matched.",
      reportName: "TxFirewallReport",
      report: txFirewallReportSchema,
      errors: {
        409: ["block_ahead_of_chain"],
        413: ["payload_too_large"],
        415: ["unsupported_media_type"],
        502: ["upstream_error", "simulation_unavailable"],
      },
    },
  };
}
