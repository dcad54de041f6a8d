import { type Address, type Hex, hexToBigInt, numberToHex, type PublicClient } from "viem";
import { EngineRpcError } from "../errors.ts";
import { TX_FIREWALL_ENGINE_ID } from "./constants.ts";
import { BackendUnsupportedError } from "./errors.ts";
import {
  type Execution,
  type ExecutionLog,
  lower,
  nativeTransferLog,
  type SlotWrite,
  sortedDistinct,
} from "./execution.ts";
import { proxySlotKinds } from "./proxySlots.ts";
import { decodeRevertReason } from "./revertReason.ts";
import { classifyRpcError, type RpcFailure, rpcRequest } from "./rpc.ts";
import type { SimulatedTx, TxFailure } from "./types.ts";

/** A callTracer frame (geth's format; anvil's matches). */
interface CallFrame {
  type: string;
  from: Address;
  to?: Address;
  value?: Hex;
  gasUsed: Hex;
  output?: Hex;
  error?: string;
  calls?: CallFrame[];
  /** `position`: how many of the frame's calls had been made when the log was emitted. */
  logs?: { address: Address; topics: Hex[]; data: Hex; position?: Hex }[];
}

interface AccountDiff {
  storage?: Record<string, Hex>;
}

interface PrestateDiff {
  pre: Record<string, AccountDiff>;
  post: Record<string, AccountDiff>;
}

/** Frame types whose `value` moves ETH between two accounts (CALLCODE and DELEGATECALL do not). */
const VALUE_FRAMES = new Set(["CALL", "CREATE", "CREATE2", "SELFDESTRUCT"]);
const PLAIN_REVERT = /^execution reverted/i;
const ZERO_WORD: Hex = `0x${"0".repeat(64)}`;

/**
 * Simulates `tx` on the state after `block` with debug_traceCall: the callTracer (with logs) for
 * the frames, their logs and value transfers, and, when `storageDiff`, the prestateTracer in diff
 * mode for EIP-1967 slot writes — two requests sent together. Gas is free, as in eth_call.
 */
export async function simulateWithTraceCall(
  client: PublicClient,
  tx: SimulatedTx,
  block: number,
  storageDiff: boolean,
): Promise<Execution> {
  const call: Record<string, string> = { from: tx.from, value: numberToHex(BigInt(tx.value)), data: tx.data };
  if (tx.to !== null) call.to = tx.to;
  if (tx.gas !== null) call.gas = numberToHex(BigInt(tx.gas));
  const blockTag = numberToHex(block);
  const [frames, diff] = await Promise.allSettled([
    rpcRequest<CallFrame>(client, "debug_traceCall", [
      call,
      blockTag,
      { tracer: "callTracer", tracerConfig: { withLog: true } },
    ]),
    storageDiff
      ? rpcRequest<PrestateDiff>(client, "debug_traceCall", [
          call,
          blockTag,
          { tracer: "prestateTracer", tracerConfig: { diffMode: true, disableCode: true } },
        ])
      : Promise.resolve(null),
  ]);
  if (frames.status === "rejected") {
    const failure = classifyRpcError(frames.reason);
    const early = earlyFailure(failure, tx);
    if (early) return early;
    if (failure.kind === "unsupported")
      throw new BackendUnsupportedError("debug_traceCall", failure.message, frames.reason);
    throw new EngineRpcError(TX_FIREWALL_ENGINE_ID, frames.reason);
  }
  if (diff.status === "rejected") {
    const failure = classifyRpcError(diff.reason);
    if (failure.kind === "unsupported")
      throw new BackendUnsupportedError("debug_traceCall", `prestateTracer: ${failure.message}`, diff.reason);
    throw new EngineRpcError(TX_FIREWALL_ENGINE_ID, diff.reason);
  }

  const root = frames.value;
  const targets: Address[] = [];
  collectTargets(root, targets);
  const gasUsed = Number(hexToBigInt(root.gasUsed));
  if (root.error !== undefined) {
    const data = lower(root.output ?? "0x");
    const reason = data !== "0x" || PLAIN_REVERT.test(root.error) ? decodeRevertReason(data) : root.error;
    return {
      backend: "debug_traceCall",
      status: "reverted",
      failure: { kind: "revert", reason, data },
      gasUsed,
      logs: [],
      callTargets: sortedDistinct(targets),
      slotWrites: storageDiff ? [] : null,
    };
  }
  const logs: ExecutionLog[] = [];
  collectLogs(root, logs);
  return {
    backend: "debug_traceCall",
    status: "success",
    failure: null,
    gasUsed,
    logs,
    callTargets: sortedDistinct(targets),
    slotWrites: diff.value === null ? null : proxySlotWrites(diff.value),
  };
}

/** A refused or reverted transaction reported as an RPC error: an Execution, not an exception. */
function earlyFailure(failure: RpcFailure, tx: SimulatedTx): Execution | undefined {
  let result: TxFailure;
  if (failure.kind === "invalid") result = { kind: "invalid", reason: failure.message, data: null };
  else if (failure.kind === "revert")
    result = { kind: "revert", reason: decodeRevertReason(failure.data), data: failure.data };
  else return undefined;
  return {
    backend: "debug_traceCall",
    status: result.kind === "invalid" ? "invalid" : "reverted",
    failure: result,
    gasUsed: null,
    logs: [],
    callTargets: tx.to === null ? [] : [tx.to],
    slotWrites: null,
  };
}

/** Every frame's target, reverted frames included (the transaction did try to call them). */
function collectTargets(frame: CallFrame, out: Address[]): void {
  if (frame.to !== undefined) out.push(lower(frame.to));
  for (const child of frame.calls ?? []) collectTargets(child, out);
}

/**
 * The logs and value transfers of `frame` and its children, in execution order: the frame's own
 * value moves when it starts; then its logs interleave with its calls by `position`. A reverted
 * frame contributes nothing (its children's effects are undone with it).
 */
function collectLogs(frame: CallFrame, out: ExecutionLog[]): void {
  if (frame.error !== undefined) return;
  const value = frame.value === undefined ? 0n : hexToBigInt(frame.value);
  if (value > 0n && frame.to !== undefined && VALUE_FRAMES.has(frame.type.toUpperCase()))
    out.push(nativeTransferLog(frame.from, frame.to, value));
  const calls = frame.calls ?? [];
  let next = 0;
  for (const log of frame.logs ?? []) {
    // Without `position` (older tracers) the logs are taken to precede the frame's calls.
    const position = log.position === undefined ? 0 : Number(hexToBigInt(log.position));
    for (; next < position && next < calls.length; next++) collectLogs(calls[next] as CallFrame, out);
    out.push({ address: lower(log.address), topics: log.topics.map(lower), data: lower(log.data) });
  }
  for (; next < calls.length; next++) collectLogs(calls[next] as CallFrame, out);
}

/**
 * The EIP-1967 slots the diff shows written. The prestate diff lists only changed slots; a slot
 * cleared to zero appears in `pre` only.
 */
function proxySlotWrites(diff: PrestateDiff): SlotWrite[] {
  const writes: SlotWrite[] = [];
  const accounts = sortedDistinct(
    [...Object.keys(diff.pre ?? {}), ...Object.keys(diff.post ?? {})].map((a) => a.toLowerCase()),
  );
  const byLower = (record: Record<string, AccountDiff> | undefined, address: string) => {
    if (!record) return undefined;
    for (const [key, value] of Object.entries(record)) if (key.toLowerCase() === address) return value;
    return undefined;
  };
  for (const address of accounts) {
    const pre = normaliseStorage(byLower(diff.pre, address)?.storage);
    const post = normaliseStorage(byLower(diff.post, address)?.storage);
    for (const slot of Object.keys(proxySlotKinds) as Hex[]) {
      const after = post.get(slot) ?? (pre.has(slot) ? ZERO_WORD : undefined);
      if (after === undefined || after === (pre.get(slot) ?? ZERO_WORD)) continue;
      writes.push({ address: address as Address, slot, value: after });
    }
  }
  return writes;
}

function normaliseStorage(storage: Record<string, Hex> | undefined): Map<Hex, Hex> {
  const map = new Map<Hex, Hex>();
  for (const [slot, value] of Object.entries(storage ?? {}))
    map.set(
      numberToHex(hexToBigInt(slot as Hex), { size: 32 }),
      numberToHex(hexToBigInt(value), { size: 32 }),
    );
  return map;
}
