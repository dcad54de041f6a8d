import {
  type Address,
  decodeAbiParameters,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  hexToString,
  type PublicClient,
  size,
  trim,
} from "viem";
import { orNull } from "./rpc.ts";

/** What the ERC20 views answer at the block (null: reverted, missing, or not decodable). */
export interface TokenMetadata {
  name: string | null;
  symbol: string | null;
  decimals: number | null;
  totalSupply: bigint | null;
}

/** Who `owner()` (or, failing that, `getOwner()`) names at the block. */
export interface OwnerRead {
  owner: Address | null;
  /** The function that answered; null when neither did. */
  via: "owner()" | "getOwner()" | null;
}

const OWNER = "0x8da5cb5b";
const GET_OWNER = "0x893d20e8";

/** eth_call at the block; null when it reverts or the node refuses (see orNull). */
export async function callData(
  client: PublicClient,
  to: Address,
  data: Hex,
  blockNumber: bigint,
): Promise<Hex | null> {
  const answer = await orNull(client.call({ to, data, blockNumber }));
  return answer?.data ?? null;
}

export async function readMetadata(
  client: PublicClient,
  token: Address,
  blockNumber: bigint,
): Promise<TokenMetadata> {
  const call = (functionName: "name" | "symbol" | "decimals" | "totalSupply") =>
    callData(client, token, encodeFunctionData({ abi: erc20Abi, functionName }), blockNumber);
  const [name, symbol, decimals, totalSupply] = await Promise.all([
    call("name"),
    call("symbol"),
    call("decimals"),
    call("totalSupply"),
  ]);
  const decimalsValue = uint(decimals);
  return {
    name: text(name),
    symbol: text(symbol),
    decimals: decimalsValue !== null && decimalsValue <= 255n ? Number(decimalsValue) : null,
    totalSupply: uint(totalSupply),
  };
}

export async function readOwner(
  client: PublicClient,
  token: Address,
  blockNumber: bigint,
): Promise<OwnerRead> {
  const [owner, getOwner] = await Promise.all([
    callData(client, token, OWNER, blockNumber),
    callData(client, token, GET_OWNER, blockNumber),
  ]);
  const fromOwner = address(owner);
  if (fromOwner !== null) return { owner: fromOwner, via: "owner()" };
  const fromGetOwner = address(getOwner);
  if (fromGetOwner !== null) return { owner: fromGetOwner, via: "getOwner()" };
  return { owner: null, via: null };
}

export async function readBalance(
  client: PublicClient,
  token: Address,
  account: Address,
  blockNumber: bigint,
): Promise<bigint | null> {
  const data = encodeFunctionData({ abi: erc20Abi, functionName: "balanceOf", args: [account] });
  return uint(await callData(client, token, data, blockNumber));
}

/** A uint256 answer, or null when the answer is not one word. */
export function uint(data: Hex | null): bigint | null {
  if (data === null || size(data) !== 32) return null;
  return BigInt(data);
}

/** An address answer (lower-case), or null when the word is not an address. */
export function address(data: Hex | null): Address | null {
  if (data === null || size(data) !== 32 || !/^0x0{24}/.test(data.toLowerCase())) return null;
  return `0x${data.slice(26).toLowerCase()}`;
}

/** A string answer: ABI `string`, or `bytes32` (MKR, SAI and other early tokens). */
function text(data: Hex | null): string | null {
  if (data === null || size(data) === 0) return null;
  if (size(data) === 32) return hexToString(trim(data, { dir: "right" })).replace(/\0/g, "");
  try {
    return decodeAbiParameters([{ type: "string" }], data)[0];
  } catch {
    return null; // not a string: the field stays unknown
  }
}
