import {
  type Address,
  decodeAbiParameters,
  encodeFunctionData,
  type PublicClient,
  parseAbi,
  zeroAddress,
} from "viem";
import { DexFactoryNotFoundError } from "./errors.ts";
import { must, orNull } from "./rpc.ts";
import { address, callData } from "./tokenReads.ts";

/** A Uniswap V2 deployment (or a fork) whose `token`/WETH pair the engine trades through. */
export interface DexConfig {
  /** The factory: `getPair(token, weth)` finds the pair. */
  factory: Address;
  /** Wrapped native token with WETH9's `deposit()`: the pair's other side. */
  weth: Address;
  /** The pair's swap fee in basis points. Default 30 (Uniswap V2; PancakeSwap V2 is 25). */
  feeBps?: number;
}

/** The Uniswap V2 functions the engine reads (a standard external interface, declared here). */
export const uniswapV2Abi = parseAbi([
  "function getPair(address tokenA, address tokenB) view returns (address pair)",
  "function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)",
  "function token0() view returns (address)",
]);

/** The token's pair and its reserves at the block; `pair` null (with `reason`) when there is none to trade. */
export type PairFindings =
  | { pair: Address; reserveToken: bigint; reserveWeth: bigint; reason: null }
  | { pair: Address | null; reserveToken: null; reserveWeth: null; reason: string };

/**
 * `factory.getPair(token, weth)` at the block, then the pair's reserves. A factory without code is
 * a configuration error (DexFactoryNotFoundError); no pair, or a pair without liquidity, is a
 * finding: the simulation is skipped and says why.
 */
export async function findPair(
  client: PublicClient,
  dex: DexConfig,
  token: Address,
  blockNumber: bigint,
): Promise<PairFindings> {
  const factoryCode = await must(client.getCode({ address: dex.factory, blockNumber }));
  if (!factoryCode || factoryCode === "0x")
    throw new DexFactoryNotFoundError(dex.factory, Number(blockNumber));
  const none = (pair: Address | null, reason: string): PairFindings => ({
    pair,
    reserveToken: null,
    reserveWeth: null,
    reason,
  });

  const getPair = encodeFunctionData({ abi: uniswapV2Abi, functionName: "getPair", args: [token, dex.weth] });
  const pair = address(await callData(client, dex.factory, getPair, blockNumber));
  if (pair === null) return none(null, `the factory ${dex.factory} did not answer getPair(token, WETH)`);
  if (pair === zeroAddress) return none(null, `no token/WETH pair on the factory ${dex.factory}`);

  const [reserves, token0] = await Promise.all([
    orNull(
      client.call({
        to: pair,
        data: encodeFunctionData({ abi: uniswapV2Abi, functionName: "getReserves" }),
        blockNumber,
      }),
    ),
    callData(client, pair, encodeFunctionData({ abi: uniswapV2Abi, functionName: "token0" }), blockNumber),
  ]);
  const first = address(token0);
  if (!reserves?.data || reserves.data.length !== 2 + 3 * 64 || first === null)
    return none(pair, `the pair ${pair} did not answer getReserves() and token0()`);
  const [reserve0, reserve1] = decodeAbiParameters(
    [{ type: "uint112" }, { type: "uint112" }, { type: "uint32" }],
    reserves.data,
  );
  const wethIsToken0 = first === dex.weth.toLowerCase();
  const [reserveWeth, reserveToken] = wethIsToken0 ? [reserve0, reserve1] : [reserve1, reserve0];
  if (reserveWeth === 0n || reserveToken === 0n) return none(pair, `the pair ${pair} has no liquidity`);
  return { pair, reserveToken, reserveWeth, reason: null };
}
