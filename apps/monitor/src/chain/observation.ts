/**
 * What the detectors see of a transaction, the same shape whether it was mined (receipt, and for
 * transactions touching watched contracts `debug_traceTransaction`) or is pending (`debug_traceCall`
 * at the latest block). Everything is lower-case hex and bigint; `seq` orders calls, logs and value
 * transfers as they executed, so a detector can ask "did X happen between Y and Z".
 */
import type { Address, Hex } from "viem";

/** One call frame of the callTracer, flattened (depth-first order; `id` is the index). */
export interface CallNode {
  id: number;
  parent: number | null;
  depth: number;
  /** CALL, STATICCALL, DELEGATECALL, CALLCODE, CREATE, CREATE2, SELFDESTRUCT (upper-case). */
  type: string;
  from: Address;
  to: Address | null;
  value: bigint;
  /** The first 4 bytes of the input, or null for shorter input. */
  selector: Hex | null;
  /** The frame (or an ancestor) reverted: its effects, and its logs, are undone. */
  reverted: boolean;
  /** `seq` when the frame started and when it ended (everything inside has enter < seq < exit). */
  enter: number;
  exit: number;
}

export interface ObservedLog {
  seq: number;
  address: Address;
  topics: Hex[];
  data: Hex;
  /** The frame that emitted it (null without a trace). */
  frame: number | null;
}

/** Ether moved by a call's value (CALL, CREATE, CREATE2, SELFDESTRUCT frames that did not revert). */
export interface NativeTransfer {
  seq: number;
  from: Address;
  to: Address;
  value: bigint;
  frame: number | null;
}

/** A storage slot the transaction changed (prestateTracer in diff mode). */
export interface StorageWrite {
  address: Address;
  /** 32 bytes. */
  slot: Hex;
  /** 32 bytes each; zero when the slot was empty / is cleared. */
  before: Hex;
  after: Hex;
}

export interface ObservedTransaction {
  hash: Hex;
  from: Address;
  to: Address | null;
  value: bigint;
  input: Hex;
  gas: bigint;
  nonce: number;
}

export interface TxObservation {
  source: "block" | "mempool";
  chainId: number;
  /** The block that included it (null while pending). */
  block: number | null;
  /** Its index in the block (null while pending). */
  index: number | null;
  /** The state detectors read: the parent block (mined) or the latest block simulated on (pending). */
  stateBlock: number;
  tx: ObservedTransaction;
  /** Whether the call tree and storage diff are known (a trace), or only the receipt's logs. */
  traced: boolean;
  /** Frames in depth-first order; empty when not traced. */
  calls: CallNode[];
  /** Logs of frames that did not revert, in execution order. */
  logs: ObservedLog[];
  /** Value transfers of frames that did not revert; without a trace, the transaction's own value. */
  nativeTransfers: NativeTransfer[];
  /** Changed storage slots; null when not traced. */
  storageWrites: StorageWrite[] | null;
}

/** A mined block's successful transactions, for detectors that look across a block. */
export interface BlockObservation {
  chainId: number;
  number: number;
  hash: Hex;
  transactions: TxObservation[];
}

/** The frame a log was emitted by, seen from outside: delegate calls run in their caller's frame. */
export function effectiveCaller(calls: readonly CallNode[], frameId: number): Address | null {
  let frame = calls[frameId];
  while (frame && (frame.type === "DELEGATECALL" || frame.type === "CALLCODE") && frame.parent !== null)
    frame = calls[frame.parent];
  return frame?.from ?? null;
}

/** Whether `seq` lies inside the frame (between its start and end). */
export function within(frame: CallNode, seq: number): boolean {
  return seq > frame.enter && seq < frame.exit;
}
