/**
 * A backend's answer, normalised so that one decoder serves every backend: the logs in execution
 * order with native value transfers folded in as ERC-7528 pseudo-logs (what eth_simulateV1's
 * `traceTransfers` emits; the debug_traceCall backend synthesises the same from its call frames).
 */
import { type Address, type Hex, numberToHex, pad } from "viem";
import type { SimulationBackend, TxFailure } from "./types.ts";

/** ERC-7528: the address that stands for native ETH in `traceTransfers` logs. */
export const NATIVE_TOKEN_ADDRESS: Address = "0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";

/** keccak256("Transfer(address,address,uint256)"): ERC20 / ERC721 Transfer, and native pseudo-logs. */
export const TRANSFER_TOPIC: Hex = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

export interface ExecutionLog {
  /** Lower-case. */
  address: Address;
  /** Lower-case. */
  topics: Hex[];
  /** Lower-case. */
  data: Hex;
}

/** An EIP-1967 slot the transaction wrote (storage-diff backends only). */
export interface SlotWrite {
  address: Address;
  /** The slot, 32 bytes, lower-case. */
  slot: Hex;
  /** The value written, 32 bytes, lower-case. */
  value: Hex;
}

export interface Execution {
  backend: SimulationBackend;
  status: "success" | "reverted" | "invalid";
  failure: TxFailure | null;
  gasUsed: number | null;
  /** Logs of the frames that did not revert, in execution order, native transfers included. */
  logs: ExecutionLog[];
  /**
   * Addresses the transaction called: every frame's target (reverted ones too) for debug_traceCall;
   * the transaction's target and every log emitter for eth_simulateV1. Lower-case, distinct, sorted.
   */
  callTargets: Address[];
  /** EIP-1967 slot writes; null when the backend does not see storage. */
  slotWrites: SlotWrite[] | null;
}

/** The pseudo-log a native value transfer becomes (same shape as eth_simulateV1's traceTransfers). */
export function nativeTransferLog(from: Address, to: Address, value: bigint): ExecutionLog {
  return {
    address: NATIVE_TOKEN_ADDRESS,
    topics: [TRANSFER_TOPIC, pad(lower(from)), pad(lower(to))],
    data: numberToHex(value, { size: 32 }),
  };
}

/** Lower-cases a hex string (addresses, topics, data), so comparisons and output never depend on case. */
export function lower<T extends Hex>(value: T): T {
  return value.toLowerCase() as T;
}

/** Distinct, sorted. */
export function sortedDistinct<T extends string>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort();
}
