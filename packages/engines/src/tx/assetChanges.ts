import type { Address } from "viem";
import type { Asset, AssetChange, AssetTransfer } from "./types.ts";

const kindOrder = { native: 0, erc20: 1, erc721: 2, erc1155: 3 } as const;

/** A stable key for (address, asset) that also sorts them: address, kind, token, token id. */
function keyOf(address: Address, asset: Asset): string {
  return `${address}|${kindOrder[asset.kind]}|${asset.token ?? ""}|${(asset.tokenId ?? "").padStart(78, "0")}`;
}

/**
 * The net change of every (address, asset) the transfers touch, sorted by address, then asset kind
 * (native, erc20, erc721, erc1155), token and token id. Entries whose transfers cancel out keep
 * `net: "0"` with their `in` and `out` (the address did handle the asset).
 */
export function aggregateAssetChanges(transfers: readonly AssetTransfer[]): AssetChange[] {
  const totals = new Map<string, { address: Address; asset: Asset; in: bigint; out: bigint }>();
  const add = (address: Address, asset: Asset, side: "in" | "out", amount: bigint) => {
    const key = keyOf(address, asset);
    let entry = totals.get(key);
    if (!entry) {
      entry = { address, asset, in: 0n, out: 0n };
      totals.set(key, entry);
    }
    entry[side] += amount;
  };
  for (const transfer of transfers) {
    const asset: Asset = { kind: transfer.kind, token: transfer.token, tokenId: transfer.tokenId };
    const amount = BigInt(transfer.amount);
    add(transfer.from, asset, "out", amount);
    add(transfer.to, asset, "in", amount);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, entry]) => ({
      address: entry.address,
      kind: entry.asset.kind,
      token: entry.asset.token,
      tokenId: entry.asset.tokenId,
      in: entry.in.toString(),
      out: entry.out.toString(),
      net: (entry.in - entry.out).toString(),
    }));
}

/** The fungible assets (native, ERC20, ERC1155 ids) `address` ends up with less of: asset and amount. */
export function netOutflowsOf(
  changes: readonly AssetChange[],
  address: Address,
): (Asset & { amount: bigint })[] {
  return changes
    .filter((change) => change.address === address && change.kind !== "erc721" && BigInt(change.net) < 0n)
    .map((change) => ({
      kind: change.kind,
      token: change.token,
      tokenId: change.tokenId,
      amount: -BigInt(change.net),
    }));
}
