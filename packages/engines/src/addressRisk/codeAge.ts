import type { Address, PublicClient } from "viem";
import { orNull } from "./rpc.ts";

/** At most this many `eth_getCode` calls for a search up to `block` (the bound README.md documents). */
export function codeSearchBound(block: number): number {
  return block <= 0 ? 0 : Math.ceil(Math.log2(block + 1));
}

/** Has `address` code in the state after `block`? null when the node refuses (e.g. pruned state). */
async function hasCodeAt(client: PublicClient, address: Address, block: number): Promise<boolean | null> {
  const code = await orNull(client.getCode({ address, blockNumber: BigInt(block) }));
  return code === null ? null : code !== undefined && code !== "0x";
}

/**
 * The first block whose state holds code at `address`, given that it has code at `block`. Code is
 * monotone since EIP-6780 (SELFDESTRUCT only clears code created in the same transaction), so a binary
 * search over 0…block finds it in ⌈log₂(block + 1)⌉ sequential `eth_getCode` calls (25 on Ethereum
 * mainnet today). With `hint` (a creation block a trace API named) it first spends 2 calls to confirm
 * that code is there at `hint` and not at `hint - 1`, and searches only if that fails. Null when the
 * node refuses a historical read (a node without archive state).
 */
export async function firstBlockWithCode(
  client: PublicClient,
  address: Address,
  block: number,
  hint?: number,
): Promise<number | null> {
  if (hint !== undefined && hint >= 0 && hint <= block) {
    const [atHint, before] = await Promise.all([
      hasCodeAt(client, address, hint),
      hint === 0 ? Promise.resolve(false) : hasCodeAt(client, address, hint - 1),
    ]);
    if (atHint === true && before === false) return hint;
  }
  let low = 0;
  let high = block; // invariant: code at `high`; none before `low`
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const present = await hasCodeAt(client, address, middle);
    if (present === null) return null;
    if (present) high = middle;
    else low = middle + 1;
  }
  return low;
}
