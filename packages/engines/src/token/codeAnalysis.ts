import type { Hex } from "viem";
import { op, parseBytecode, pushedAddresses, scanOpcodes } from "./bytecode.ts";
import { type Dispatcher, readDispatcher } from "./dispatcher.ts";
import { reach } from "./reach.ts";
import { type KnownFunction, knownFunctions, transferSelectors } from "./signatures.ts";

/** A yes/no finding from the code, with why. `value` null: the analysis could not tell. */
export interface CodeFinding {
  value: boolean | null;
  detail: string;
}

/** What the deployed code alone says. */
export interface CodeAnalysis {
  dispatcher: Dispatcher;
  /** Known functions (signatures.ts) the dispatcher answers, in table order. */
  known: KnownFunction[];
  selfdestruct: CodeFinding;
  delegatecall: CodeFinding;
  externalCall: CodeFinding;
  /** Hard-coded addresses (PUSH20): candidates for a hidden owner. */
  constants: string[];
}

const callOpcodes: ReadonlyMap<number, string> = new Map([
  [op.CALL, "CALL"],
  [op.CALLCODE, "CALLCODE"],
  [op.DELEGATECALL, "DELEGATECALL"],
  [op.STATICCALL, "STATICCALL"],
]);

/**
 * Reads the dispatcher, matches the known selectors and looks for risky opcodes:
 * - SELFDESTRUCT / DELEGATECALL: reachable from the code's start (reach.ts). When the walk is
 *   incomplete (an unresolved jump), a linear scan decides: present anywhere counts (conservative).
 * - external_call: a CALL, CALLCODE, DELEGATECALL or STATICCALL reachable from the dispatcher
 *   entries of transfer and transferFrom. Unknown (null) when the dispatcher was not recognised or
 *   the walk was incomplete and found none.
 */
export function analyzeCode(code: Hex): CodeAnalysis {
  const bytecode = parseBytecode(code);
  const dispatcher = readDispatcher(bytecode);
  const answered = new Set(dispatcher.selectors);
  const known = knownFunctions().filter((fn) => answered.has(fn.selector));

  const whole = reach(bytecode, [0]);
  const scanned = whole.complete ? whole.opcodes : scanOpcodes(bytecode);
  const opcodeFinding = (opcode: number, name: string): CodeFinding => {
    if (whole.opcodes.has(opcode))
      return { value: true, detail: `${name} is reachable from the code's entry` };
    if (scanned.has(opcode))
      return {
        value: true,
        detail: `${name} is in the code (not every jump could be followed, so it may be reachable)`,
      };
    return {
      value: false,
      detail: whole.complete ? `no reachable ${name}` : `no ${name} instruction in the code`,
    };
  };

  return {
    dispatcher,
    known,
    selfdestruct: opcodeFinding(op.SELFDESTRUCT, "SELFDESTRUCT"),
    delegatecall: opcodeFinding(op.DELEGATECALL, "DELEGATECALL"),
    externalCall: transferCalls(bytecode, dispatcher),
    constants: pushedAddresses(bytecode),
  };
}

function transferCalls(bytecode: ReturnType<typeof parseBytecode>, dispatcher: Dispatcher): CodeFinding {
  const entries = Object.entries(transferSelectors).flatMap(([signature, selector]) => {
    const entry = dispatcher.entries.get(selector);
    return entry === undefined ? [] : [{ signature, entry }];
  });
  if (entries.length === 0)
    return {
      value: null,
      detail: "no transfer entry found in the dispatcher: the transfer path was not analysed",
    };
  const walk = reach(
    bytecode,
    entries.map(({ entry }) => entry),
  );
  const names = entries.map(({ signature }) => signature).join(" and ");
  const calls = [...callOpcodes].filter(([opcode]) => walk.opcodes.has(opcode)).map(([, name]) => name);
  if (calls.length > 0) return { value: true, detail: `${calls.join(", ")} reachable from ${names}` };
  if (walk.complete) return { value: false, detail: `no call instruction reachable from ${names}` };
  return {
    value: null,
    detail: `no call found from ${names}, but ${walk.unresolved.length} jump(s) could not be followed`,
  };
}
