import { type Hex, hexToBytes } from "viem";

/** Opcodes the engine looks for. */
export const op = {
  STOP: 0x00,
  EQ: 0x14,
  ISZERO: 0x15,
  AND: 0x16,
  JUMP: 0x56,
  JUMPI: 0x57,
  JUMPDEST: 0x5b,
  PUSH0: 0x5f,
  PUSH1: 0x60,
  PUSH3: 0x62,
  PUSH4: 0x63,
  PUSH20: 0x73,
  PUSH32: 0x7f,
  DUP1: 0x80,
  DUP16: 0x8f,
  SWAP1: 0x90,
  SWAP16: 0x9f,
  CREATE: 0xf0,
  CALL: 0xf1,
  CALLCODE: 0xf2,
  RETURN: 0xf3,
  DELEGATECALL: 0xf4,
  CREATE2: 0xf5,
  STATICCALL: 0xfa,
  REVERT: 0xfd,
  INVALID: 0xfe,
  SELFDESTRUCT: 0xff,
} as const;

/** Deployed code split into instructions. Push data is never read as an opcode. */
export interface Bytecode {
  readonly bytes: Uint8Array;
  /** Where the instructions end: before solc's CBOR metadata, when the code carries it. */
  readonly end: number;
  /** Offsets of the JUMPDEST instructions (not JUMPDEST bytes inside push data). */
  readonly jumpdests: ReadonlySet<number>;
}

/** Bytes of push data that follow `opcode` (0 for anything but PUSH1..PUSH32). */
export function pushSize(opcode: number): number {
  return opcode >= op.PUSH1 && opcode <= op.PUSH32 ? opcode - op.PUSH1 + 1 : 0;
}

/**
 * Solc appends CBOR metadata and its length (2 bytes, big-endian) to deployed code: read as code it
 * would yield random opcodes (0xff is SELFDESTRUCT). Strips it when the last two bytes point at a
 * CBOR map (major type 5, 0xa1..0xa7 entries) that ends exactly there.
 */
function metadataStart(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n < 4) return n;
  const length = ((bytes[n - 2] ?? 0) << 8) | (bytes[n - 1] ?? 0);
  const start = n - 2 - length;
  if (length === 0 || start < 0) return n;
  const head = bytes[start] ?? 0;
  return head >= 0xa1 && head <= 0xa7 ? start : n;
}

export function parseBytecode(code: Hex): Bytecode {
  const bytes = hexToBytes(code);
  const end = metadataStart(bytes);
  const jumpdests = new Set<number>();
  for (let pc = 0; pc < end; pc += 1 + pushSize(bytes[pc] ?? 0)) {
    if (bytes[pc] === op.JUMPDEST) jumpdests.add(pc);
  }
  return { bytes, end, jumpdests };
}

/** The value pushed by the PUSH instruction at `pc` (bytes past the end of the code read as zero). */
export function pushValue(code: Bytecode, pc: number): bigint {
  const size = pushSize(code.bytes[pc] ?? 0);
  let value = 0n;
  for (let i = 1; i <= size; i++) value = (value << 8n) | BigInt(code.bytes[pc + i] ?? 0);
  return value;
}

/** Every instruction offset in order. */
export function* instructionOffsets(code: Bytecode): Generator<number> {
  for (let pc = 0; pc < code.end; pc += 1 + pushSize(code.bytes[pc] ?? 0)) yield pc;
}

/** Opcodes present anywhere in the instructions (a linear scan: dead code and data sections count). */
export function scanOpcodes(code: Bytecode): Set<number> {
  const found = new Set<number>();
  for (const pc of instructionOffsets(code)) found.add(code.bytes[pc] ?? 0);
  return found;
}

/** The 20-byte constants the code pushes (PUSH20), lower-case: hard-coded addresses. */
export function pushedAddresses(code: Bytecode): string[] {
  const found = new Set<string>();
  for (const pc of instructionOffsets(code)) {
    if (code.bytes[pc] !== op.PUSH20) continue;
    const value = pushValue(code, pc);
    // Small values and all-ones masks (solc pushes 0xff…ff as an address mask) are not addresses.
    if (value < 1n << 64n || value === (1n << 160n) - 1n) continue;
    found.add(`0x${value.toString(16).padStart(40, "0")}`);
  }
  return [...found].sort();
}
