import type { AddressRiskEngine, AddressRiskParameters, AddressRiskReport } from "@palisade/engines";
import { z } from "zod";
import { addressRiskReportSchema } from "../openapi/reports.ts";
import {
  addressSchema,
  blockQuerySchema,
  chainIdQuerySchema,
  type EngineRoute,
  ensureBlockReached,
  parseInput,
  refuseUnattestable,
} from "./route.ts";

const query = z.strictObject({
  address: addressSchema.describe("The address to judge (any letter case)."),
  counterparty: addressSchema
    .optional()
    .describe(
      "An address the caller trusts (the usual recipient): flags `address` as an address-poisoning look-alike of it.",
    ),
  block: blockQuerySchema.optional(),
  chainId: chainIdQuerySchema
    .optional()
    .describe(
      "The chain the label lists are matched for (default: the gateway node's chain id). The on-chain fields are always read from the gateway's node.",
    ),
});

/** The parameters `run` takes and answers (block and chainId pinned in the answer). */
export type AddressRouteParameters = AddressRiskParameters & { address: string };

/**
 * `GET /v1/address?address=0x…[&counterparty=0x…][&block=N][&chainId=N]` → address-risk@1.
 *
 * @example
 * const route = addressRoute(createAddressRiskEngine({ labels: await loadLabels(bundledLabelsDir) }));
 */
export function addressRoute(
  engine: AddressRiskEngine,
): EngineRoute<AddressRouteParameters, AddressRiskReport> {
  return {
    method: "GET",
    path: "/v1/address",
    servicePath: "/v1/address",
    engine: engine.id,
    input: query,
    async parse(request, { client }) {
      const input = parseInput(query, request.query, "address-risk query");
      await ensureBlockReached(client, input.block);
      return {
        address: input.address,
        ...(input.counterparty === undefined ? {} : { counterparty: input.counterparty }),
        ...(input.block === undefined ? {} : { block: input.block }),
        ...(input.chainId === undefined ? {} : { chainId: input.chainId }),
      };
    },
    async run(parameters, { client }) {
      const report = await engine.check(client, parameters);
      return {
        report,
        parameters: { ...parameters, block: report.block as number, chainId: report.fields.chain_id },
      };
    },
    attestedRequest(parameters) {
      refuseUnattestable(parameters);
      return {
        address: parameters.address,
        ...(parameters.counterparty === undefined ? {} : { counterparty: parameters.counterparty }),
      };
    },
    docs: {
      summary: "Address risk",
      description:
        "Judges an address: label lists (sanctions, phishing, exploits, scams …) and on-chain heuristics at a pinned block (contract or EOA, EIP-7702 delegation, code age, proxy, deployer and first funder flagged, address-poisoning look-alike of `counterparty`).",
      reportName: "AddressRiskReport",
      report: addressRiskReportSchema,
      errors: { 409: ["block_ahead_of_chain"], 502: ["upstream_error"] },
    },
  };
}
