import { type Bytecode, op, pushSize, pushValue } from "./bytecode.ts";

/** [values popped, values pushed] per opcode; absent: invalid (halts). PUSH/DUP/SWAP are handled apart. */
const stackEffect = new Map<number, readonly [number, number]>();
const effect = (from: number, to: number, pops: number, pushes: number) => {
  for (let opcode = from; opcode <= to; opcode++) stackEffect.set(opcode, [pops, pushes]);
};
effect(0x00, 0x00, 0, 0); // STOP
effect(0x01, 0x07, 2, 1); // ADD … SMOD
effect(0x08, 0x09, 3, 1); // ADDMOD MULMOD
effect(0x0a, 0x0b, 2, 1); // EXP SIGNEXTEND
effect(0x10, 0x14, 2, 1); // LT GT SLT SGT EQ
effect(0x15, 0x15, 1, 1); // ISZERO
effect(0x16, 0x18, 2, 1); // AND OR XOR
effect(0x19, 0x19, 1, 1); // NOT
effect(0x1a, 0x1d, 2, 1); // BYTE SHL SHR SAR
effect(0x1e, 0x1e, 1, 1); // CLZ
effect(0x20, 0x20, 2, 1); // KECCAK256
effect(0x30, 0x30, 0, 1); // ADDRESS
effect(0x31, 0x31, 1, 1); // BALANCE
effect(0x32, 0x34, 0, 1); // ORIGIN CALLER CALLVALUE
effect(0x35, 0x35, 1, 1); // CALLDATALOAD
effect(0x36, 0x36, 0, 1); // CALLDATASIZE
effect(0x37, 0x37, 3, 0); // CALLDATACOPY
effect(0x38, 0x38, 0, 1); // CODESIZE
effect(0x39, 0x39, 3, 0); // CODECOPY
effect(0x3a, 0x3a, 0, 1); // GASPRICE
effect(0x3b, 0x3b, 1, 1); // EXTCODESIZE
effect(0x3c, 0x3c, 4, 0); // EXTCODECOPY
effect(0x3d, 0x3d, 0, 1); // RETURNDATASIZE
effect(0x3e, 0x3e, 3, 0); // RETURNDATACOPY
effect(0x3f, 0x3f, 1, 1); // EXTCODEHASH
effect(0x40, 0x40, 1, 1); // BLOCKHASH
effect(0x41, 0x48, 0, 1); // COINBASE … BASEFEE
effect(0x49, 0x49, 1, 1); // BLOBHASH
effect(0x4a, 0x4a, 0, 1); // BLOBBASEFEE
effect(0x50, 0x50, 1, 0); // POP
effect(0x51, 0x51, 1, 1); // MLOAD
effect(0x52, 0x53, 2, 0); // MSTORE MSTORE8
effect(0x54, 0x54, 1, 1); // SLOAD
effect(0x55, 0x55, 2, 0); // SSTORE
effect(0x58, 0x5a, 0, 1); // PC MSIZE GAS
effect(0x5b, 0x5b, 0, 0); // JUMPDEST
effect(0x5c, 0x5c, 1, 1); // TLOAD
effect(0x5d, 0x5d, 2, 0); // TSTORE
effect(0x5e, 0x5e, 3, 0); // MCOPY
effect(0x5f, 0x5f, 0, 1); // PUSH0
for (let n = 0; n <= 4; n++) effect(0xa0 + n, 0xa0 + n, 2 + n, 0); // LOG0 … LOG4
effect(0xf0, 0xf0, 3, 1); // CREATE
effect(0xf1, 0xf2, 7, 1); // CALL CALLCODE
effect(0xf4, 0xf4, 6, 1); // DELEGATECALL
effect(0xf5, 0xf5, 4, 1); // CREATE2
effect(0xfa, 0xfa, 6, 1); // STATICCALL

/** Instructions after which execution does not fall through. */
const halts = new Set<number>([op.STOP, op.RETURN, op.REVERT, op.INVALID, op.SELFDESTRUCT, op.JUMP]);

/** Where the walk got to from its entries. */
export interface Reach {
  /** The opcodes of every instruction reached. */
  readonly opcodes: ReadonlySet<number>;
  /** Whether every jump was resolved and the state budget was not exhausted: only then is "absent" meaningful. */
  readonly complete: boolean;
  /** Abstract states explored. */
  readonly states: number;
  /** Offsets of the jumps whose destination was not a known constant (sorted). */
  readonly unresolved: readonly number[];
}

export interface ReachOptions {
  /** The exploration budget; beyond it the walk stops and is incomplete. Default 50 000. */
  maxStates?: number;
}

/** Constants up to this value are tracked exactly (jump destinations, small flags); larger ones are unknown. */
const MAX_TRACKED = 0xffffffn;
/** An all-ones constant above MAX_TRACKED: AND with it keeps a jump destination (solc ≤ 0.5). */
const MASK = -1;
/** A value known to be non-zero (a branch was taken on it), otherwise unknown. */
const NONZERO = -2;
const isMask = (value: bigint) => value > MAX_TRACKED && (value & (value + 1n)) === 0n;

/** An unknown value; `zeroOf` when it is ISZERO of another unknown (so a branch on it says which is 0). */
interface Unknown {
  readonly zeroOf: Unknown | undefined;
}
/** A stack slot: a small constant, MASK, NONZERO, or an unknown. */
type Value = number | Unknown;

const unknown = (): Unknown => ({ zeroOf: undefined });
const keyOf = (value: Value) => (typeof value === "number" ? String(value) : "?");

/**
 * The stack after a branch on `condition` when it is known to be zero (`isZero`) or not: the
 * condition, and the value it is ISZERO of (or that is ISZERO of it), become constants. This is how
 * `DUP1 ISZERO PUSH dest JUMPI` tells the destination that the duplicated value is 0.
 */
function assume(stack: readonly Value[], condition: Unknown, isZero: boolean): Value[] {
  const when = (value: Value, zero: boolean): Value => {
    if (value === condition) return zero ? 0 : NONZERO;
    if (condition.zeroOf !== undefined && value === condition.zeroOf) return zero ? NONZERO : 0;
    if (typeof value !== "number" && value.zeroOf === condition) return zero ? NONZERO : 0;
    return value;
  };
  return stack.map((value) => when(value, isZero));
}

/** Deepest abstract stack tracked (the EVM's own limit). */
const MAX_STACK = 1024;

/**
 * Which instructions are reachable from `entries` (e.g. the dispatcher entry of `transfer`).
 *
 * An abstract interpretation of the stack: each slot holds a small constant (jump destinations and
 * flags are pushed as such), an all-ones mask, "non-zero", or an unknown. PUSH, DUP and SWAP move
 * values exactly, ISZERO and AND compute on constants, every other instruction pushes unknowns.
 * Solc passes internal-function return addresses as pushed constants, so JUMPs back from internal
 * functions resolve and each call site is followed separately. A JUMPI on a known condition takes
 * its one branch; on an unknown one it takes both, and each branch learns the condition's value
 * (solc relies on that: a `try` joins its paths at a JUMPDEST with different stack heights, and only
 * the branch the condition selects keeps the layout right). States are deduplicated on (offset,
 * stack), within a budget.
 *
 * Limits: a jump to a computed address (function pointers, hand-written assembly) is unresolved and
 * makes the result incomplete; so does an exhausted budget. Conditions on data (balances, flags in
 * storage) are not evaluated, so a CALL behind a condition that never holds is still reported: the
 * answer over-approximates what can run.
 */
export function reach(code: Bytecode, entries: readonly number[], options: ReachOptions = {}): Reach {
  const maxStates = options.maxStates ?? 50_000;
  const opcodes = new Set<number>();
  const visited = new Set<string>();
  const work: { pc: number; stack: Value[] }[] = entries.map((pc) => ({ pc, stack: [] }));
  const unresolved = new Set<number>();
  let exhausted = false;
  let states = 0;

  const enqueue = (pc: number, stack: Value[]) => {
    const key = `${pc}|${stack.map(keyOf).join(",")}`;
    if (visited.has(key)) return;
    visited.add(key);
    work.push({ pc, stack });
  };
  const jumpTo = (from: number, target: Value, stack: Value[]) => {
    if (typeof target === "number" && code.jumpdests.has(target)) enqueue(target, stack);
    else unresolved.add(from);
  };

  while (work.length > 0) {
    const state = work.pop();
    if (!state) break;
    if (++states > maxStates) {
      exhausted = true;
      break;
    }
    const stack = state.stack;
    // Pops below the tracked stack read "unknown": the walk starts with an unknown stack.
    const pop = (): Value => stack.pop() ?? unknown();
    let pc = state.pc;
    while (pc < code.end) {
      const opcode = code.bytes[pc] ?? 0;
      opcodes.add(opcode);
      const size = pushSize(opcode);
      if (size > 0) {
        const value = pushValue(code, pc);
        stack.push(value <= MAX_TRACKED ? Number(value) : isMask(value) ? MASK : unknown());
      } else if (opcode >= op.DUP1 && opcode <= op.DUP16) {
        const depth = opcode - op.DUP1 + 1;
        stack.push(depth <= stack.length ? (stack[stack.length - depth] ?? unknown()) : unknown());
      } else if (opcode >= op.SWAP1 && opcode <= op.SWAP16) {
        const depth = opcode - op.SWAP1 + 1;
        while (stack.length < depth + 1) stack.unshift(unknown());
        const top = stack.length - 1;
        const other = top - depth;
        [stack[top], stack[other]] = [stack[other] ?? unknown(), stack[top] ?? unknown()];
      } else if (opcode === op.PUSH0) {
        stack.push(0);
      } else if (opcode === op.ISZERO) {
        const value = pop();
        stack.push(typeof value === "number" ? (value === 0 ? 1 : 0) : { zeroOf: value });
      } else if (opcode === op.AND) {
        // Solc ≤ 0.5 jumps to library functions through `PUSH4 0xffffffff PUSH2 dest AND JUMP`.
        const a = pop();
        const b = pop();
        if (a === MASK) stack.push(b);
        else if (b === MASK) stack.push(a);
        else if (typeof a === "number" && typeof b === "number" && a >= 0 && b >= 0) stack.push(a & b);
        else stack.push(unknown());
      } else if (opcode === op.JUMP) {
        jumpTo(pc, pop(), stack);
        break;
      } else if (opcode === op.JUMPI) {
        const target = pop();
        const condition = pop();
        if (typeof condition === "number") {
          if (condition === 0) enqueue(pc + 1, stack);
          else jumpTo(pc, target, stack);
        } else {
          jumpTo(pc, target, assume(stack, condition, false));
          enqueue(pc + 1, assume(stack, condition, true));
        }
        break;
      } else {
        const stackOp = stackEffect.get(opcode);
        if (!stackOp) break; // INVALID or an unassigned opcode: halts
        for (let i = 0; i < stackOp[0]; i++) pop();
        for (let i = 0; i < stackOp[1]; i++) stack.push(unknown());
        if (halts.has(opcode)) break;
      }
      if (stack.length > MAX_STACK) break; // a real execution would fail here too
      pc += 1 + size;
    }
  }
  return {
    opcodes,
    complete: !exhausted && unresolved.size === 0,
    states,
    unresolved: [...unresolved].sort((a, b) => a - b),
  };
}
