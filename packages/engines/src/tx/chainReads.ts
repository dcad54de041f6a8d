import {
  type Address,
  encodeFunctionData,
  type Hex,
  hexToBigInt,
  numberToHex,
  type PublicClient,
  parseAbi,
  size,
} from "viem";
import { EngineRpcError } from "../errors.ts";
import { TX_FIREWALL_ENGINE_ID } from "./constants.ts";
import { rpcErrorCode, rpcRequest } from "./rpc.ts";
import type { Asset, SpenderKind } from "./types.ts";

const balanceAbi = parseAbi([
  "function balanceOf(address) view returns (uint256)",
  "function balanceOf(address, uint256) view returns (uint256)",
]);

/**
 * Chain reads at the pinned block (the state the transaction starts from), each one JSON-RPC call
 * without retries. A transport failure throws EngineRpcError; what the node answers with an error is
 * handled per read (see each).
 */
export interface ChainReader {
  /** The balance of `asset` held by `owner`; null when the token does not answer balanceOf. */
  balanceOf(owner: Address, asset: Asset): Promise<bigint | null>;
  /** `eoa` (no code), `eip7702` (a delegation designator 0xef0100…), `contract`. */
  spenderKind(address: Address): Promise<SpenderKind>;
  /** A 32-byte storage word as an address; null when zero. */
  slotAddress(address: Address, slot: Hex): Promise<Address | null>;
}

export function createChainReader(client: PublicClient, block: number): ChainReader {
  const tag = numberToHex(block);
  const must = async <T>(method: string, params: unknown[]): Promise<T> => {
    try {
      return await rpcRequest<T>(client, method, params);
    } catch (error) {
      throw new EngineRpcError(TX_FIREWALL_ENGINE_ID, error);
    }
  };
  return {
    async balanceOf(owner, asset) {
      if (asset.kind === "native") return hexToBigInt(await must<Hex>("eth_getBalance", [owner, tag]));
      if (asset.token === null) return null;
      const data =
        asset.kind === "erc1155"
          ? encodeFunctionData({
              abi: balanceAbi,
              functionName: "balanceOf",
              args: [owner, BigInt(asset.tokenId ?? "0")],
            })
          : encodeFunctionData({ abi: balanceAbi, functionName: "balanceOf", args: [owner] });
      try {
        const answer = await rpcRequest<Hex>(client, "eth_call", [{ to: asset.token, data }, tag]);
        return size(answer) === 32 ? hexToBigInt(answer) : null;
      } catch (error) {
        // The node answered with an error (a revert, a token without balanceOf): the balance is unknown.
        if (rpcErrorCode(error) !== undefined) return null;
        throw new EngineRpcError(TX_FIREWALL_ENGINE_ID, error);
      }
    },
    async spenderKind(address) {
      const code = (await must<Hex>("eth_getCode", [address, tag])).toLowerCase();
      if (code === "0x") return "eoa";
      // EIP-7702: an EOA delegating to code keeps its key; for an approval it is as good as an EOA.
      if (code.startsWith("0xef0100") && code.length === 2 + 2 * 23) return "eip7702";
      return "contract";
    },
    async slotAddress(address, slot) {
      const word = await must<Hex>("eth_getStorageAt", [address, slot, tag]);
      const value = hexToBigInt(word);
      return value === 0n ? null : (numberToHex(value & ((1n << 160n) - 1n), { size: 20 }) as Address);
    },
  };
}
