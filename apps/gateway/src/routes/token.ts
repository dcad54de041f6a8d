import type { TokenRiskEngine, TokenRiskParameters, TokenRiskReport } from "@palisade/engines";
import type { Address } from "viem";
import { getCode } from "viem/actions";
import { z } from "zod";
import { NotAContractError, UpstreamError } from "../errors.ts";
import { tokenRiskReportSchema } from "../openapi/reports.ts";
import {
  addressSchema,
  blockQuerySchema,
  type EngineRoute,
  ensureBlockReached,
  parseInput,
  refuseUnattestable,
} from "./route.ts";

const query = z.strictObject({
  token: addressSchema.describe("The token contract (any letter case)."),
  block: blockQuerySchema.optional(),
});

/**
 * `GET /v1/token?token=0x…[&block=N]` → token-risk@1 (with the gateway's DEX when it has one: without
 * it the simulation fields are null).
 *
 * @example
 * const route = tokenRoute(createTokenRiskEngine({ dex: { factory, weth } }));
 */
export function tokenRoute(engine: TokenRiskEngine): EngineRoute<TokenRiskParameters, TokenRiskReport> {
  return {
    method: "GET",
    path: "/v1/token",
    servicePath: "/v1/token",
    engine: engine.id,
    input: query,
    async parse(request, { client }) {
      const input = parseInput(query, request.query, "token-risk query");
      await ensureBlockReached(client, input.block);
      // An address without code is refused here, before the call is spent (the engine would refuse it
      // after). Code cannot vanish between the two reads, so the engine finds it too.
      const code = await getCode(client, {
        address: input.token as Address,
        ...(input.block === undefined ? {} : { blockNumber: BigInt(input.block) }),
      }).catch((error: unknown) => {
        throw new UpstreamError(error);
      });
      if (code === undefined || code === "0x")
        throw new NotAContractError(input.token.toLowerCase(), input.block ?? "latest");
      return { token: input.token, ...(input.block === undefined ? {} : { block: input.block }) };
    },
    async run(parameters, { client }) {
      const report = await engine.check(client, parameters);
      return { report, parameters: { ...parameters, block: report.block as number } };
    },
    attestedRequest(parameters) {
      refuseUnattestable(parameters);
      return { token: parameters.token };
    },
    docs: {
      summary: "Token risk",
      description:
        "Judges an ERC20 token: privileges read from its bytecode (mint, blacklist, pause, owner balance changes, hidden or reclaimable owner, proxy, selfdestruct, external calls in transfer), owner and proxy reads, and a buy-then-sell simulation through its WETH pair on the gateway's DEX (taxes, honeypot, cannot sell all, cooldown).",
      reportName: "TokenRiskReport",
      report: tokenRiskReportSchema,
      errors: { 409: ["block_ahead_of_chain"], 422: ["not_a_contract"], 502: ["upstream_error"] },
    },
  };
}
