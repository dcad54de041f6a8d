/**
 * Parses geth's callTracer (with logs) and prestateTracer (diff mode) answers — anvil's match — into
 * the observation's flat, ordered form. The traversal is the transaction firewall's
 * (packages/engines/src/tx/traceCall.ts): a frame's value moves when it starts, its logs interleave
 * with its sub-calls by `position`, a reverted frame contributes nothing. Unlike the firewall, the
 * monitor keeps the frames themselves (who called whom, and when), which the flash-loan detector needs.
 */
import { type Address, type Hex, hexToBigInt, numberToHex } from "viem";
import type { CallNode, NativeTransfer, ObservedLog, StorageWrite } from "./observation.ts";

/** A callTracer frame. */
export interface CallFrame {
  type: string;
  from: Address;
  to?: Address;
  value?: Hex;
  input?: Hex;
  error?: string;
  calls?: CallFrame[];
  /** `position`: how many of the frame's calls had been made when the log was emitted. */
  logs?: { address: Address; topics: Hex[]; data: Hex; position?: Hex }[];
}

interface AccountState {
  storage?: Record<string, Hex>;
}

/** A prestateTracer answer in diff mode: the touched accounts before and after (changed fields only). */
export interface PrestateDiff {
  pre?: Record<string, AccountState>;
  post?: Record<string, AccountState>;
}

/** Frame types whose value moves ether between two accounts (CALLCODE and DELEGATECALL do not). */
const VALUE_FRAMES = new Set(["CALL", "CREATE", "CREATE2", "SELFDESTRUCT"]);
const ZERO_WORD: Hex = `0x${"0".repeat(64)}`;

export interface ParsedTrace {
  calls: CallNode[];
  logs: ObservedLog[];
  nativeTransfers: NativeTransfer[];
  /** The top frame reverted. */
  reverted: boolean;
}

/** Flattens a callTracer tree: frames depth-first, logs and value transfers in execution order. */
export function parseCallTrace(root: CallFrame): ParsedTrace {
  const out: ParsedTrace = { calls: [], logs: [], nativeTransfers: [], reverted: root.error !== undefined };
  let seq = 0;
  const visit = (frame: CallFrame, parent: number | null, depth: number, revertedAbove: boolean) => {
    const reverted = revertedAbove || frame.error !== undefined;
    const type = frame.type.toUpperCase();
    const input = lower(frame.input ?? "0x");
    const node: CallNode = {
      id: out.calls.length,
      parent,
      depth,
      type,
      from: lower(frame.from),
      to: frame.to === undefined ? null : lower(frame.to),
      value: frame.value === undefined ? 0n : hexToBigInt(frame.value),
      selector: input.length >= 10 ? (input.slice(0, 10) as Hex) : null,
      reverted,
      enter: seq++,
      exit: -1,
    };
    out.calls.push(node);
    if (!reverted && node.value > 0n && node.to !== null && VALUE_FRAMES.has(type))
      out.nativeTransfers.push({
        seq: seq++,
        from: node.from,
        to: node.to,
        value: node.value,
        frame: node.id,
      });
    const children = frame.calls ?? [];
    let next = 0;
    for (const log of frame.logs ?? []) {
      // Without `position` (older tracers) the logs are taken to precede the frame's calls.
      const position = log.position === undefined ? 0 : Number(hexToBigInt(log.position));
      for (; next < position && next < children.length; next++)
        visit(children[next] as CallFrame, node.id, depth + 1, reverted);
      if (!reverted)
        out.logs.push({
          seq: seq++,
          address: lower(log.address),
          topics: log.topics.map(lower),
          data: lower(log.data),
          frame: node.id,
        });
    }
    for (; next < children.length; next++) visit(children[next] as CallFrame, node.id, depth + 1, reverted);
    node.exit = seq++;
  };
  visit(root, null, 0, false);
  return out;
}

/** Every storage slot the diff shows changed, by account and slot (sorted). A cleared slot is in `pre` only. */
export function parseStorageDiff(diff: PrestateDiff): StorageWrite[] {
  const writes: StorageWrite[] = [];
  const pre = byAccount(diff.pre);
  const post = byAccount(diff.post);
  const accounts = [...new Set([...pre.keys(), ...post.keys()])].sort();
  for (const account of accounts) {
    const before = normaliseStorage(pre.get(account)?.storage);
    const after = normaliseStorage(post.get(account)?.storage);
    const slots = [...new Set([...before.keys(), ...after.keys()])].sort();
    for (const slot of slots) {
      const was = before.get(slot) ?? ZERO_WORD;
      // A slot in `pre` but not in `post` was cleared (diff mode omits zero post values).
      const now = after.get(slot) ?? (before.has(slot) ? ZERO_WORD : was);
      if (was !== now) writes.push({ address: account as Address, slot, before: was, after: now });
    }
  }
  return writes;
}

function byAccount(record: Record<string, AccountState> | undefined): Map<string, AccountState> {
  const map = new Map<string, AccountState>();
  for (const [key, value] of Object.entries(record ?? {})) map.set(key.toLowerCase(), value);
  return map;
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

/** Lower-cases hex (addresses, topics, data) so that comparisons never depend on case. */
export function lower<T extends string>(value: T): T {
  return value.toLowerCase() as T;
}
