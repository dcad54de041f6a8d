import { type Address, isAddress, type PublicClient, zeroAddress } from "viem";
import { z } from "zod";
import { issuesOf } from "../engine.ts";
import { BlockAheadOfChainError, InvalidInputError } from "../errors.ts";
import type { FlagSource } from "../security/report.ts";
import { analyzeCode } from "./codeAnalysis.ts";
import { TokenNotAContractError } from "./errors.ts";
import type { TokenRiskField, TokenRiskFields, TokenRiskReport } from "./fields.ts";
import { probeHiddenOwner } from "./hiddenOwner.ts";
import { type DexConfig, findPair, type PairFindings } from "./pair.ts";
import { detectProxy } from "./proxy.ts";
import { must, orNull, TOKEN_RISK_ENGINE_ID } from "./rpc.ts";
import { knownSignatures, type SelectorField } from "./signatures.ts";
import {
  interpretSimulation,
  runSimulation,
  SIMULATION_SENDER,
  SIMULATOR_ADDRESS,
  type SimulationFindings,
} from "./simulate.ts";
import { readBalance, readMetadata, readOwner } from "./tokenReads.ts";
import { verdictOf } from "./verdict.ts";

export interface TokenRiskEngineOptions {
  /** The Uniswap V2 deployment to find the token's WETH pair on. Without it the simulation fields are null. */
  dex?: DexConfig;
}

export interface TokenRiskParameters {
  /** The token contract (any letter case). */
  token: string;
  /** The block the chain is read at; default the node's latest block at call time. Reported back. */
  block?: number;
}

export interface TokenRiskEngine {
  /** "token-risk@1". */
  readonly id: string;
  /**
   * Judges a token at a pinned block: its code (selectors, opcodes, transfer path), owner and proxy
   * reads, a hidden-owner probe, and a buy-then-sell simulation through its WETH pair — all eth_calls
   * at that block, so the same token and block give the same report. Errors: InvalidInputError,
   * BlockAheadOfChainError, TokenNotAContractError, DexFactoryNotFoundError, EngineRpcError (the node did
   * not answer; a node that answers with an error only makes the fields it concerns null).
   */
  check(client: PublicClient, parameters: TokenRiskParameters): Promise<TokenRiskReport>;
}

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { message: "not a 20-byte hex address" })
  .transform((value) => value.toLowerCase() as Address);

const optionsSchema = z.strictObject({
  dex: z
    .strictObject({
      factory: address,
      weth: address,
      feeBps: z.number().int().min(0).max(9_999).optional(),
    })
    .optional(),
});

const parametersSchema = z.strictObject({
  token: address,
  block: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** Uniswap V2's swap fee. */
const DEFAULT_FEE_BPS = 30;

const simulationFields = [
  "buy_tax",
  "sell_tax",
  "cannot_buy",
  "cannot_sell_all",
  "is_honeypot",
  "trading_cooldown",
] as const satisfies readonly TokenRiskField[];

/**
 * The token-risk engine. Fields: fields.ts; heuristics and limits: README.md beside this file;
 * verdict policy: verdict.ts.
 *
 * How the pair is found: `factory.getPair(token, weth)` at the block. Without `dex`, without a pair,
 * or with an empty pair, the simulation fields are null and `sources` says why for each of them.
 *
 * @example
 * const engine = createTokenRiskEngine({ dex: { factory, weth } });
 * const report = await engine.check(publicClient, { token: "0x…", block: 21_000_000 });
 * report.verdict; // "malicious"
 * report.sources.is_honeypot; // { source: "simulation:buy-sell", detail: "selling half of … reverted: …", block: 21000000 }
 */
export function createTokenRiskEngine(options: TokenRiskEngineOptions = {}): TokenRiskEngine {
  const parsedOptions = optionsSchema.safeParse(options);
  if (!parsedOptions.success)
    throw new InvalidInputError(`invalid ${TOKEN_RISK_ENGINE_ID} options`, issuesOf(parsedOptions.error));
  const configured = parsedOptions.data.dex;
  const dex: Required<DexConfig> | undefined = configured && {
    factory: configured.factory,
    weth: configured.weth,
    feeBps: configured.feeBps ?? DEFAULT_FEE_BPS,
  };

  async function check(client: PublicClient, parameters: TokenRiskParameters): Promise<TokenRiskReport> {
    const parsed = parametersSchema.safeParse(parameters);
    if (!parsed.success)
      throw new InvalidInputError(`invalid ${TOKEN_RISK_ENGINE_ID} parameters`, issuesOf(parsed.error));
    const token = parsed.data.token;
    const head = Number(await must(client.getBlockNumber({ cacheTime: 0 })));
    const block = parsed.data.block ?? head;
    if (block > head) throw new BlockAheadOfChainError(block, head);
    const blockNumber = BigInt(block);

    const code = await must(client.getCode({ address: token, blockNumber }));
    if (!code || code === "0x") throw new TokenNotAContractError(token, block);

    const [proxy, metadata, owner, pair] = await Promise.all([
      detectProxy(client, token, code, blockNumber),
      readMetadata(client, token, blockNumber),
      readOwner(client, token, blockNumber),
      dex ? findPair(client, dex, token, blockNumber) : null,
    ]);
    const implementationCode = proxy.implementation
      ? await orNull(client.getCode({ address: proxy.implementation, blockNumber }))
      : null;
    const analysis = analyzeCode(
      implementationCode && implementationCode !== "0x" ? implementationCode : code,
    );

    const exclude = [
      SIMULATOR_ADDRESS,
      SIMULATION_SENDER,
      ...(dex ? [dex.factory, dex.weth] : []),
      ...(pair?.pair ? [pair.pair] : []),
    ];
    const [ownerBalance, hidden, simulated] = await Promise.all([
      owner.owner !== null && owner.owner !== zeroAddress
        ? readBalance(client, token, owner.owner, blockNumber)
        : null,
      probeHiddenOwner(client, {
        token,
        blockNumber,
        functions: analysis.known,
        owner: owner.owner,
        constants: analysis.constants,
        exclude,
      }),
      dex && pair?.reason === null
        ? runSimulation(client, {
            token,
            pair: pair.pair,
            weth: dex.weth,
            reserveWeth: pair.reserveWeth,
            feeBps: dex.feeBps,
            blockNumber,
          })
        : null,
    ]);

    const sources: Partial<Record<TokenRiskField, FlagSource>> = {};
    const note = (field: TokenRiskField, source: string, detail: string) => {
      sources[field] = { source, detail, block };
    };

    // --- selectors --------------------------------------------------------------------------------
    const selectorFields = {} as Record<SelectorField, boolean>;
    for (const field of Object.keys(knownSignatures) as SelectorField[]) {
      const matches = analysis.known.filter((fn) => fn.field === field);
      selectorFields[field] = matches.length > 0;
      if (matches.length > 0)
        note(
          field,
          analysis.dispatcher.method === "dispatcher" ? "heuristic:selector" : "heuristic:push4",
          `${analysis.dispatcher.method === "dispatcher" ? "the dispatcher answers" : "the code pushes the selector of"} ${matches.map((fn) => `${fn.signature} (${fn.selector})`).join(", ")}`,
        );
    }
    if (analysis.selfdestruct.value) note("selfdestruct", "heuristic:opcode", analysis.selfdestruct.detail);
    if (analysis.delegatecall.value) note("delegatecall", "heuristic:opcode", analysis.delegatecall.detail);
    if (analysis.externalCall.value !== false)
      note("external_call", "heuristic:transfer-path", analysis.externalCall.detail);
    if (proxy.isProxy)
      note(
        "is_proxy",
        "heuristic:proxy-slot",
        `${proxy.kind} proxy; implementation ${proxy.implementation ?? "unknown"}`,
      );
    if (hidden.value !== false) note("hidden_owner", "heuristic:privilege-probe", hidden.detail);

    // --- simulation -------------------------------------------------------------------------------
    const simulation = simulationOutcome(dex, pair, simulated);
    for (const field of simulationFields) {
      const detail = simulation.details[field];
      const value = simulation[field];
      if (field !== "trading_cooldown" && detail !== undefined && value !== false)
        note(field, "simulation:buy-sell", detail);
    }
    // A cooldown seen in the simulation wins; else a cooldown setter or view in the code (its
    // selector source is already noted); else what the simulation saw (false, or null and why).
    let tradingCooldown = simulation.trading_cooldown;
    if (tradingCooldown === true || (!selectorFields.trading_cooldown && tradingCooldown === null))
      note("trading_cooldown", "simulation:buy-sell", simulation.details.trading_cooldown ?? "not simulated");
    else if (selectorFields.trading_cooldown) tradingCooldown = true;

    const totalSupply = metadata.totalSupply;
    const fields: TokenRiskFields = {
      token_name: metadata.name,
      token_symbol: metadata.symbol,
      token_decimals: metadata.decimals,
      total_supply: totalSupply === null ? null : totalSupply.toString(),
      is_open_source: null,
      is_proxy: proxy.isProxy,
      proxy_implementation: proxy.implementation,
      owner_address: owner.owner,
      owner_balance: ownerBalance === null ? null : ownerBalance.toString(),
      owner_percent: ownerBalance === null || !totalSupply ? null : share(ownerBalance, totalSupply),
      hidden_owner: hidden.value,
      can_take_back_ownership: selectorFields.can_take_back_ownership,
      owner_change_balance: selectorFields.owner_change_balance,
      is_mintable: selectorFields.is_mintable,
      selfdestruct: analysis.selfdestruct.value,
      delegatecall: proxy.isProxy ? false : analysis.delegatecall.value,
      external_call: analysis.externalCall.value,
      transfer_pausable: selectorFields.transfer_pausable,
      is_blacklisted: selectorFields.is_blacklisted,
      is_whitelisted: selectorFields.is_whitelisted,
      slippage_modifiable: selectorFields.slippage_modifiable,
      personal_slippage_modifiable: selectorFields.personal_slippage_modifiable,
      trading_cooldown: tradingCooldown,
      is_anti_whale: selectorFields.is_anti_whale || selectorFields.anti_whale_modifiable,
      anti_whale_modifiable: selectorFields.anti_whale_modifiable,
      is_in_dex: dex ? pair?.reason === null : null,
      dex_pair: pair?.pair ?? null,
      dex_weth_reserve: pair && pair.reserveWeth !== null ? pair.reserveWeth.toString() : null,
      buy_tax: simulation.buy_tax,
      sell_tax: simulation.sell_tax,
      cannot_buy: simulation.cannot_buy,
      cannot_sell_all: simulation.cannot_sell_all,
      is_honeypot: simulation.is_honeypot,
    };
    const { verdict, flags } = verdictOf(fields);
    // Every flag has its source; fields left null keep theirs (why they are unknown).
    const kept: TokenRiskReport["sources"] = {};
    for (const [field, source] of Object.entries(sources) as [TokenRiskField, FlagSource][])
      if (flags.includes(field) || fields[field] === null) kept[field] = source;
    return { engine: TOKEN_RISK_ENGINE_ID, target: token, block, verdict, fields, flags, sources: kept };
  }

  return { id: TOKEN_RISK_ENGINE_ID, check };
}

/** The simulation fields, or all null with the reason the simulation did not run. */
function simulationOutcome(
  dex: DexConfig | undefined,
  pair: PairFindings | null,
  simulated: Awaited<ReturnType<typeof runSimulation>>,
): SimulationFindings {
  let why: string | null = null;
  if (!dex) why = "not simulated: no DEX configured (createTokenRiskEngine({ dex: { factory, weth } }))";
  else if (pair?.reason) why = `not simulated: ${pair.reason}`;
  else if (simulated === null) why = "not simulated: the node refused the eth_call with a state override";
  if (why === null && simulated) return interpretSimulation(simulated.simulation);
  const reason = why ?? "not simulated";
  return {
    buy_tax: null,
    sell_tax: null,
    cannot_buy: null,
    cannot_sell_all: null,
    is_honeypot: null,
    trading_cooldown: null,
    details: Object.fromEntries(simulationFields.map((field) => [field, reason])),
  };
}

/** part / whole as a fraction rounded to 6 decimals (bigint arithmetic: deterministic). */
function share(part: bigint, whole: bigint): number {
  return Number((part * 1_000_000n + whole / 2n) / whole) / 1_000_000;
}
