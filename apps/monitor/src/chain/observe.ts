/**
 * Turns the chain into observations. A mined block: the block with its transactions and all receipts
 * (one `eth_getBlockReceipts`), then `debug_traceTransaction` (callTracer with logs + prestateTracer
 * diff) only for the transactions that need it — those touching a watched address, or whose receipt
 * shows tokens leaving several owners who did not send it (an approval-drain candidate). A pending
 * transaction: `debug_traceCall` of it on the latest block, the same two tracers.
 */
import { type Address, type Hex, hexToBigInt, hexToNumber, numberToHex, type PublicClient, pad } from "viem";
import { topicAddress, topics } from "./decode.ts";
import type { BlockObservation, ObservedLog, ObservedTransaction, TxObservation } from "./observation.ts";
import { isUnsupported, rpc } from "./rpc.ts";
import { type CallFrame, lower, type PrestateDiff, parseCallTrace, parseStorageDiff } from "./trace.ts";

interface RpcTransaction {
  hash: Hex;
  from: Address;
  to: Address | null;
  value: Hex;
  input: Hex;
  gas: Hex;
  nonce: Hex;
  blockNumber?: Hex | null;
  transactionIndex?: Hex | null;
}

interface RpcLog {
  address: Address;
  topics: Hex[];
  data: Hex;
  logIndex: Hex;
}

interface RpcReceipt {
  transactionHash: Hex;
  status: Hex;
  logs: RpcLog[];
}

interface RpcBlock {
  number: Hex;
  hash: Hex;
  transactions: RpcTransaction[];
}

export interface ObserveOptions {
  chainId: number;
  /** Lower-case watched addresses: touching one gets a transaction traced. */
  watched: ReadonlySet<Address>;
  /** Distinct non-sending owners whose tokens left in one transaction that make it worth a trace. */
  drainCandidateOwners: number;
  /** Traces requested at once within a block. Default 4. */
  traceConcurrency?: number;
}

const CALL_TRACER = { tracer: "callTracer", tracerConfig: { withLog: true } };
const DIFF_TRACER = { tracer: "prestateTracer", tracerConfig: { diffMode: true, disableCode: true } };

export function toObservedTransaction(tx: RpcTransaction): ObservedTransaction {
  return {
    hash: lower(tx.hash),
    from: lower(tx.from),
    to: tx.to === null || tx.to === undefined ? null : lower(tx.to),
    value: hexToBigInt(tx.value),
    input: lower(tx.input),
    gas: hexToBigInt(tx.gas),
    nonce: hexToNumber(tx.nonce),
  };
}

/** The watched addresses as 32-byte topics, computed once per watch set. */
const paddedCache = new WeakMap<ReadonlySet<Address>, Set<Hex>>();
function padded(watched: ReadonlySet<Address>): Set<Hex> {
  let topicsOf = paddedCache.get(watched);
  if (!topicsOf) {
    topicsOf = new Set([...watched].map((address) => pad(address).toLowerCase() as Hex));
    paddedCache.set(watched, topicsOf);
  }
  return topicsOf;
}

/** Whether a receipt's logs make the transaction worth a trace. */
export function needsTrace(
  tx: ObservedTransaction,
  logs: readonly { address: Address; topics: readonly Hex[] }[],
  options: Pick<ObserveOptions, "watched" | "drainCandidateOwners">,
): boolean {
  const { watched } = options;
  if (tx.to !== null && watched.has(tx.to)) return true;
  const paddedWatched = padded(watched);
  const owners = new Set<Address>();
  for (const log of logs) {
    if (watched.has(log.address)) return true;
    if (log.topics.some((topic, index) => index > 0 && paddedWatched.has(topic))) return true;
    const from = log.topics[1];
    if (log.topics[0] === topics.transfer && log.topics.length === 3 && from) {
      const owner = topicAddress(from);
      if (owner !== tx.from) owners.add(owner);
    }
  }
  return owners.size >= options.drainCandidateOwners;
}

async function traceTransaction(client: PublicClient, hash: Hex) {
  const [frames, diff] = await Promise.all([
    rpc<CallFrame>(client, "debug_traceTransaction", [hash, CALL_TRACER]),
    rpc<PrestateDiff>(client, "debug_traceTransaction", [hash, DIFF_TRACER]),
  ]);
  return { frames, diff };
}

/** Runs `work` over `items` with at most `limit` at once, keeping the order of results. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Receipts of a block, in transaction order (eth_getBlockReceipts, else one request per transaction). */
async function blockReceipts(client: PublicClient, block: RpcBlock): Promise<RpcReceipt[]> {
  try {
    const receipts = await rpc<RpcReceipt[] | null>(client, "eth_getBlockReceipts", [block.number]);
    if (receipts) return receipts;
  } catch (error) {
    if (!isUnsupported(error)) throw error;
  }
  return Promise.all(
    block.transactions.map((tx) => rpc<RpcReceipt>(client, "eth_getTransactionReceipt", [tx.hash])),
  );
}

/** The successful transactions of block `number`, observed. Throws on an RPC failure (retry the block). */
export async function observeBlock(
  client: PublicClient,
  number: number,
  options: ObserveOptions,
): Promise<BlockObservation> {
  const block = await rpc<RpcBlock | null>(client, "eth_getBlockByNumber", [numberToHex(number), true]);
  if (block === null) throw new Error(`block ${number} is not available yet`);
  const receipts = await blockReceipts(client, block);
  const byHash = new Map(receipts.map((receipt) => [lower(receipt.transactionHash), receipt]));
  const candidates = block.transactions
    .map((raw, index) => ({ tx: toObservedTransaction(raw), index }))
    .filter(({ tx }) => byHash.get(tx.hash)?.status === "0x1");
  const transactions = await mapLimited(candidates, options.traceConcurrency ?? 4, async ({ tx, index }) => {
    const receipt = byHash.get(tx.hash) as RpcReceipt;
    const logs = receipt.logs.map((log) => ({
      address: lower(log.address),
      topics: log.topics.map(lower),
      data: lower(log.data),
    }));
    const base = {
      source: "block" as const,
      chainId: options.chainId,
      block: number,
      index,
      stateBlock: number - 1,
      tx,
    };
    if (!needsTrace(tx, logs, options)) {
      const observedLogs: ObservedLog[] = logs.map((log, seq) => ({ ...log, seq, frame: null }));
      const observation: TxObservation = {
        ...base,
        traced: false,
        calls: [],
        logs: observedLogs,
        nativeTransfers:
          tx.value > 0n && tx.to !== null
            ? [{ seq: observedLogs.length, from: tx.from, to: tx.to, value: tx.value, frame: null }]
            : [],
        storageWrites: null,
      };
      return observation;
    }
    const { frames, diff } = await traceTransaction(client, tx.hash);
    const parsed = parseCallTrace(frames);
    const observation: TxObservation = {
      ...base,
      traced: true,
      calls: parsed.calls,
      logs: parsed.logs,
      nativeTransfers: parsed.nativeTransfers,
      storageWrites: parseStorageDiff(diff),
    };
    return observation;
  });
  return { chainId: options.chainId, number, hash: lower(block.hash), transactions };
}

/** A pending transaction by hash (null when the node no longer knows it). */
export async function pendingTransaction(client: PublicClient, hash: Hex): Promise<RpcTransaction | null> {
  return rpc<RpcTransaction | null>(client, "eth_getTransactionByHash", [hash]);
}

/**
 * Simulates a pending transaction on the state after `stateBlock`. Null when it reverts there (nothing
 * to detect: its effects would be undone).
 */
export async function observePending(
  client: PublicClient,
  raw: RpcTransaction,
  stateBlock: number,
  options: Pick<ObserveOptions, "chainId">,
): Promise<TxObservation | null> {
  const tx = toObservedTransaction(raw);
  const call: Record<string, string> = {
    from: tx.from,
    value: numberToHex(tx.value),
    data: tx.input,
    gas: numberToHex(tx.gas),
  };
  if (tx.to !== null) call.to = tx.to;
  const tag = numberToHex(stateBlock);
  const [frames, diff] = await Promise.all([
    rpc<CallFrame>(client, "debug_traceCall", [call, tag, CALL_TRACER]),
    rpc<PrestateDiff>(client, "debug_traceCall", [call, tag, DIFF_TRACER]),
  ]);
  const parsed = parseCallTrace(frames);
  if (parsed.reverted) return null;
  return {
    source: "mempool",
    chainId: options.chainId,
    block: null,
    index: null,
    stateBlock,
    tx,
    traced: true,
    calls: parsed.calls,
    logs: parsed.logs,
    nativeTransfers: parsed.nativeTransfers,
    storageWrites: parseStorageDiff(diff),
  };
}

export type { RpcTransaction };
