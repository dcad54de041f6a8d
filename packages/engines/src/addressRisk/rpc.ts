import type { Address, EIP1193RequestFn, Hash, Hex, PublicClient } from "viem";
import { RpcError } from "viem";
import { EngineRpcError } from "../errors.ts";

/** The engine id errors and reports carry. */
export const ADDRESS_RISK_ENGINE_ID = "address-risk@1";

/** JSON-RPC codes that mean "slow down" (the node is not refusing the question itself). */
const RATE_LIMIT_CODES = new Set([-32005, -32007, 429]);

/**
 * Whether the node answered with a JSON-RPC error — it cannot or will not answer this question
 * (method not offered, state pruned, call reverted) — rather than not answering at all (connection
 * refused, timeout, HTTP error) or rate-limiting. Only the former makes a field null: a report must
 * not change because a request was unlucky.
 */
export function isNodeRefusal(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 10; depth++) {
    if (current instanceof RpcError) return !RATE_LIMIT_CODES.has(current.code);
    current = current.cause;
  }
  return false;
}

/**
 * The value, or null when the node refuses (see isNodeRefusal); anything else becomes an
 * EngineRpcError, so a network failure fails the check instead of yielding a different report.
 */
export async function orNull<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (isNodeRefusal(error)) return null;
    throw new EngineRpcError(ADDRESS_RISK_ENGINE_ID, error);
  }
}

/** Like orNull, but every failure is an EngineRpcError (reads without which there is no report). */
export async function must<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw new EngineRpcError(ADDRESS_RISK_ENGINE_ID, error);
  }
}

/** A call frame of geth's callTracer (debug_trace*). */
export interface CallFrame {
  type: string;
  from: Address;
  to?: Address;
  value?: Hex;
  error?: string;
  calls?: CallFrame[];
}

/** A trace of the Parity/OpenEthereum `trace_*` API (Erigon, Nethermind, Reth, anvil). */
export interface ParityTrace {
  type: string;
  action: { from: Address; value?: Hex };
  result?: { address?: Address } | null;
  error?: string;
  transactionHash: Hash | null;
  traceAddress: number[];
}

/** The node methods beyond viem's public actions that the engine tries (each optional). */
type ExtraRpcSchema = [
  {
    Method: "ots_getContractCreator";
    Parameters: [Address];
    ReturnType: { hash: Hash; creator: Address } | null;
  },
  {
    Method: "ots_searchTransactionsAfter";
    Parameters: [Address, number, number];
    ReturnType: {
      txs: { hash: Hash; blockNumber: Hex; transactionIndex: Hex }[];
      receipts: { status: Hex; transactionHash: Hash }[];
    };
  },
  {
    Method: "debug_traceTransaction";
    Parameters: [Hash, { tracer: "callTracer" }];
    ReturnType: CallFrame;
  },
  { Method: "trace_block"; Parameters: [Hex]; ReturnType: ParityTrace[] | null },
  {
    Method: "debug_traceBlockByNumber";
    Parameters: [Hex, { tracer: "callTracer" }];
    ReturnType: { txHash?: Hash; result: CallFrame }[];
  },
];

/** The client's request function, typed for the extra methods. */
export function extraRpc(client: PublicClient): EIP1193RequestFn<ExtraRpcSchema> {
  return client.request as unknown as EIP1193RequestFn<ExtraRpcSchema>;
}
