/**
 * The detectors' chain reads over JSON-RPC, every one pinned to a block number and cached by
 * (read, block): a block's state never changes (reorgs aside), so detectors of one block share reads.
 */
import { type Hex, type PublicClient, parseAbi, parseAbiItem } from "viem";
import { getBalance, getCode, getLogs, getTransactionCount, readContract } from "viem/actions";
import type { StateReader } from "../detectors/detector.ts";

const erc20 = parseAbi(["function balanceOf(address) view returns (uint256)"]);
const pair = parseAbi(["function getReserves() view returns (uint112, uint112, uint32)"]);
const feed = parseAbi([
  "function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)",
]);
const approvalEvent = parseAbiItem(
  "event Approval(address indexed owner, address indexed spender, uint256 value)",
);
/** EIP-7702: an EOA delegating to code shows `0xef0100 ‖ address`; it is still an externally owned account. */
const DELEGATION_PREFIX = "0xef0100";

export interface RpcStateReaderOptions {
  /** Cached reads kept (oldest dropped first). Default 20 000. */
  maxEntries?: number;
}

export function createRpcStateReader(client: PublicClient, options: RpcStateReaderOptions = {}): StateReader {
  const maxEntries = options.maxEntries ?? 20_000;
  const cache = new Map<string, Promise<unknown>>();
  const cached = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const hit = cache.get(key);
    if (hit) return hit as Promise<T>;
    const promise = read();
    cache.set(key, promise);
    // A failed read is not remembered: the block is retried and must read again.
    promise.catch(() => cache.delete(key));
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    return promise;
  };
  const at = (block: number) => BigInt(block);
  return {
    balance: (asset, holder, block) =>
      cached(
        `balance:${asset}:${holder}:${block}`,
        () =>
          asset === "native"
            ? getBalance(client, { address: holder, blockNumber: at(block) })
            : readContract(client, {
                address: asset,
                abi: erc20,
                functionName: "balanceOf",
                args: [holder],
                blockNumber: at(block),
              }).catch(() => 0n), // not an ERC20 after all (a Transfer look-alike): no balance to compare with
      ),
    reserves: (address, block) =>
      cached(`reserves:${address}:${block}`, () =>
        readContract(client, {
          address,
          abi: pair,
          functionName: "getReserves",
          blockNumber: at(block),
        }).then(
          ([reserve0, reserve1]) => [reserve0, reserve1] as const,
          () => null,
        ),
      ),
    latestRound: (address, block) =>
      cached(`round:${address}:${block}`, () =>
        readContract(client, {
          address,
          abi: feed,
          functionName: "latestRoundData",
          blockNumber: at(block),
        }).then(
          ([roundId, answer]) => ({ roundId, answer }),
          () => null,
        ),
      ),
    isContract: (address, block) =>
      cached(`code:${address}:${block}`, async () => {
        const code = await getCode(client, { address, blockNumber: at(block) });
        return code !== undefined && code !== "0x" && !code.toLowerCase().startsWith(DELEGATION_PREFIX);
      }),
    nonce: (address, block) =>
      cached(`nonce:${address}:${block}`, () =>
        getTransactionCount(client, { address, blockNumber: at(block) }),
      ),
    approvalLogs: ({ token, owner, spender, fromBlock, toBlock }) =>
      cached(`approvals:${token}:${owner}:${spender}:${fromBlock}:${toBlock}`, async () => {
        const logs = await getLogs(client, {
          address: token,
          event: approvalEvent,
          args: { owner, spender },
          fromBlock: at(fromBlock),
          toBlock: at(toBlock),
        });
        return logs
          .filter((log) => log.transactionHash !== null && log.blockNumber !== null)
          .map((log) => ({
            tx: (log.transactionHash as Hex).toLowerCase() as Hex,
            block: Number(log.blockNumber),
          }));
      }),
  };
}
