import { createTokenRiskEngine } from "@palisade/engines";
import { DeploymentFileError } from "@palisade/sdk";
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

export const checkToken = defineCommand({
  summary:
    "token risk: privileges from the bytecode, buy/sell taxes and honeypots by simulation (token-risk@1)",
  description:
    "Runs the token risk engine against --rpc (default: the devnet's) at the latest block (or --block): selector and code-path analysis for privileges (mint, blacklist, pause, owner balance changes, hidden or reclaimable owner, proxy, selfdestruct, external calls in transfer), and a buy-then-sell through the token's Uniswap V2 WETH pair in one eth_call with state overrides (buy_tax, sell_tax, is_honeypot, cannot_sell_all, trading_cooldown). The DEX is the deployment file's (the devnet deploys one) unless --factory and --weth name another; without a DEX the simulated fields are null.",
  example: "npx palisade check token 0x5FbDB2315678afecb367f032d93F642f64180aa3",
  positional: "token",
  options: {
    token: {
      type: "string",
      placeholder: "address",
      description: "the token to check (or give it as the word after `check token`)",
      schema: address,
      required: true,
    },
    factory: {
      type: "string",
      placeholder: "address",
      description: "a Uniswap V2 factory (default: the deployment's dex)",
      schema: address.optional(),
    },
    weth: {
      type: "string",
      placeholder: "address",
      description: "its WETH (default: the deployment's dex)",
      schema: address.optional(),
    },
    block: {
      type: "string",
      placeholder: "n",
      description: "read the chain at this block (default: latest)",
      schema: z.coerce.number().int().nonnegative().optional(),
    },
  },
  async run(context, args) {
    let dex: { factory: `0x${string}`; weth: `0x${string}` } | undefined;
    if (args.factory !== undefined && args.weth !== undefined)
      dex = { factory: args.factory, weth: args.weth };
    else {
      try {
        const fromFile = (await context.deployment()).dex;
        if (fromFile) dex = { factory: fromFile.factory, weth: fromFile.weth };
      } catch (error) {
        // --rpc on another chain needs no deployment file: check without a DEX (simulated fields null).
        if (!(error instanceof DeploymentFileError) || context.globals.rpcUrl === undefined) throw error;
      }
    }
    const engine = createTokenRiskEngine(dex ? { dex } : {});
    const client = await context.rpcClient();
    const report = await engine.check(client as unknown as Parameters<typeof engine.check>[0], {
      token: args.token,
      ...(args.block === undefined ? {} : { block: args.block }),
    });
    return {
      data: report as unknown as Record<string, unknown>,
      text: renderReport(report, { color: wantsColor(context.io.stdout, context.io.env) }),
    };
  },
});
