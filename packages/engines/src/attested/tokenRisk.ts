import {
  type Address,
  encodeAbiParameters,
  type Hex,
  keccak256,
  type PublicClient,
  pad,
  zeroAddress,
} from "viem";
import { z } from "zod";
import { type Engine, type EngineRequest, type EngineResult, engineVersionOf } from "../engine.ts";
import { InvalidInputError } from "../errors.ts";
import { createTokenRiskEngine } from "../token/createTokenRiskEngine.ts";
import type { DexConfig } from "../token/pair.ts";
import { TOKEN_RISK_ENGINE_ID } from "../token/rpc.ts";
import { TOKEN_RISK_FIELD_ORDER } from "./fieldOrders.ts";
import { addressSchema, parseWith, referenceBlockSchema, sameAsNode } from "./requestSchemas.ts";
import { securityResult } from "./response.ts";

const id = TOKEN_RISK_ENGINE_ID;
const engineVersion = engineVersionOf(id);

/** Uniswap V2's swap fee: createTokenRiskEngine's default. */
const DEFAULT_FEE_BPS = 30;

const dexSchema = z.strictObject({
  factory: addressSchema,
  weth: addressSchema,
  feeBps: z.number().int().min(0).max(9_999).optional(),
});

const requestSchema = z.strictObject({
  token: addressSchema,
  /** The DEX the simulation trades through; null: none. Must be this node's when given. */
  dex: dexSchema.nullable().optional(),
  referenceBlock: referenceBlockSchema,
});

/** The DEX as the request hash encodes it: zero addresses and fee 0 for "no DEX". */
interface EncodedDex {
  factory: Address;
  weth: Address;
  feeBps: number;
}

const NO_DEX: EncodedDex = { factory: zeroAddress, weth: zeroAddress, feeBps: 0 };

/** A token-risk@1 request after parsing. */
export interface TokenRiskAttestedRequest {
  token: Address;
  /** This node's DEX (zero addresses and fee 0 when it has none). */
  dex: EncodedDex;
  referenceBlock: number;
}

const requestAbi = [
  { type: "bytes32" },
  { type: "address" },
  { type: "address" },
  { type: "address" },
  { type: "uint16" },
  { type: "uint32" },
] as const;

/**
 * `keccak256(abi.encode(engineVersion, address token, address factory, address weth, uint16 feeBps,
 * uint32 referenceBlock))`.
 */
export function tokenRiskRequestHash(request: TokenRiskAttestedRequest): Hex {
  return keccak256(
    encodeAbiParameters(requestAbi, [
      engineVersion,
      request.token,
      request.dex.factory,
      request.dex.weth,
      request.dex.feeBps,
      request.referenceBlock,
    ]),
  );
}

const showDex = (dex: EncodedDex) =>
  dex.factory === zeroAddress ? "none" : `factory ${dex.factory}, WETH ${dex.weth}, fee ${dex.feeBps} bps`;

/**
 * `token-risk@1` in attested mode, trading through this node's DEX (the deployment's `dex` section).
 * Request: `{ token, dex?, referenceBlock }`. A request may name the DEX (null: none) but only as this
 * node has it: a DEX chosen by the requester could be a fake one whose "pair" makes a honeypot look
 * tradable, and a guard does not check the DEX (decision 0005).
 *
 * @example
 * const engine = createTokenRiskAttestedEngine({ dex: { factory, weth } });
 * const request = engine.parseRequest({ token, referenceBlock: 21_000_000 });
 */
export function createTokenRiskAttestedEngine(options: { dex?: DexConfig | undefined } = {}): Engine {
  const configured = options.dex && parseWith(dexSchema, options.dex, `${id} options`);
  const dex: EncodedDex = configured
    ? { factory: configured.factory, weth: configured.weth, feeBps: configured.feeBps ?? DEFAULT_FEE_BPS }
    : NO_DEX;
  if (configured && dex.factory === zeroAddress)
    throw new InvalidInputError(`invalid ${id} options`, [
      { path: "dex.factory", message: "the zero address" },
    ]);
  const engine = createTokenRiskEngine(configured ? { dex } : {});
  return {
    id,
    engineVersion,
    description:
      "Token risk (code, privileges, buy-then-sell simulation on this node's DEX) at a pinned block, attested",
    parseRequest(input: unknown): EngineRequest {
      const parsed = parseWith(requestSchema, input, `${id} request`);
      const requested: EncodedDex | undefined =
        parsed.dex === undefined
          ? undefined
          : parsed.dex === null
            ? NO_DEX
            : {
                factory: parsed.dex.factory,
                weth: parsed.dex.weth,
                feeBps: parsed.dex.feeBps ?? DEFAULT_FEE_BPS,
              };
      const value: TokenRiskAttestedRequest = {
        token: parsed.token,
        dex: sameAsNode(id, "dex", "DEX", requested, dex, showDex),
        referenceBlock: parsed.referenceBlock,
      };
      return { requestHash: tokenRiskRequestHash(value), referenceBlock: value.referenceBlock, value };
    },
    async run(client: PublicClient, request: EngineRequest): Promise<EngineResult> {
      const value = request.value as TokenRiskAttestedRequest;
      const report = await engine.check(client, { token: value.token, block: value.referenceBlock });
      return securityResult(report, pad(value.token), TOKEN_RISK_FIELD_ORDER);
    },
  };
}
