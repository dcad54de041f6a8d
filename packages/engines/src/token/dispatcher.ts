import { type Bytecode, instructionOffsets, op, pushSize, pushValue } from "./bytecode.ts";

/** The functions a contract's dispatcher answers, by selector (`0x` + 8 hex digits) → entry offset. */
export interface Dispatcher {
  readonly entries: ReadonlyMap<string, number>;
  /**
   * "dispatcher": selectors read from solc/vyper-style compare-and-jump sequences. "push4": none was
   * found, so every 4-byte constant in the code stands in (may include selectors the contract only
   * calls or reverts with: an over-approximation, and no entry offsets).
   */
  readonly method: "dispatcher" | "push4";
  readonly selectors: readonly string[];
}

const selectorHex = (value: bigint) => `0x${value.toString(16).padStart(8, "0")}`;

/**
 * Finds the selectors a contract dispatches on. Solc (legacy and via-IR, 0.4 to 0.8) compiles the
 * dispatcher to `[DUPn] PUSH4 sel [DUPn] EQ PUSHn dest JUMPI`; a selector with a leading zero byte is
 * pushed with PUSH3, so PUSH3 counts too (two leading zero bytes would be PUSH2, too ambiguous: missed).
 * The comparison value must be followed by EQ and a jump to a JUMPDEST; binary-search pivots
 * (`PUSH4 sel GT`) are real selectors as well and are matched by their own EQ.
 */
export function readDispatcher(code: Bytecode): Dispatcher {
  const offsets = [...instructionOffsets(code)];
  const entries = new Map<string, number>();
  const pushed4 = new Set<string>();
  for (let i = 0; i < offsets.length; i++) {
    const pc = offsets[i] ?? 0;
    const opcode = code.bytes[pc] ?? 0;
    if (opcode !== op.PUSH3 && opcode !== op.PUSH4) continue;
    const selector = selectorHex(pushValue(code, pc));
    if (opcode === op.PUSH4) pushed4.add(selector);
    let j = i + 1;
    if (isDup(code.bytes[offsets[j] ?? -1])) j++;
    if (code.bytes[offsets[j] ?? -1] !== op.EQ) continue;
    const push = offsets[j + 1] ?? -1;
    const jumpi = offsets[j + 2] ?? -1;
    if (pushSize(code.bytes[push] ?? 0) === 0 || code.bytes[jumpi] !== op.JUMPI) continue;
    const dest = Number(pushValue(code, push));
    if (!code.jumpdests.has(dest)) continue;
    if (!entries.has(selector)) entries.set(selector, dest);
  }
  if (entries.size > 0) return { entries, method: "dispatcher", selectors: [...entries.keys()].sort() };
  return { entries, method: "push4", selectors: [...pushed4].sort() };
}

function isDup(opcode: number | undefined): boolean {
  return opcode !== undefined && opcode >= op.DUP1 && opcode <= op.DUP16;
}
