import assert from "node:assert/strict";
import { test } from "node:test";
import { op, parseBytecode } from "./bytecode.ts";
import { readDispatcher } from "./dispatcher.ts";
import { reach } from "./reach.ts";
import { transferSelectors } from "./signatures.ts";
import { forgeRuntimeCode, uniswapRuntimeCode } from "./testArtifacts.ts";

const calls = [op.CALL, op.CALLCODE, op.DELEGATECALL, op.STATICCALL];

test("dead code after a jump is not reached; a linear scan would see it", () => {
  // PUSH1 5, JUMP, STOP, SELFDESTRUCT (dead), JUMPDEST, STOP
  const walk = reach(parseBytecode("0x60055600ff5b00"), [0]);
  assert.equal(walk.complete, true);
  assert.equal(walk.opcodes.has(op.SELFDESTRUCT), false);
});

test("a jump to a computed address leaves the walk incomplete and names the jump", () => {
  // PUSH1 0, CALLDATALOAD, JUMP
  const walk = reach(parseBytecode("0x60003556"), [0]);
  assert.equal(walk.complete, false);
  assert.deepEqual(walk.unresolved, [3]);
});

test("a JUMPI on a constant takes only its branch", () => {
  // PUSH1 1, PUSH1 7, JUMPI, SELFDESTRUCT (never: the condition is 1), STOP, JUMPDEST, STOP
  const walk = reach(parseBytecode("0x6001600757ff005b00"), [0]);
  assert.equal(walk.opcodes.has(op.SELFDESTRUCT), false);
});

test("a branch on ISZERO(x) tells the destination that x is zero", () => {
  // CALLDATASIZE DUP1 ISZERO PUSH1 8 JUMPI STOP STOP | 8: JUMPDEST PUSH1 14 JUMPI (x = 0: falls through)
  // STOP STOP | 14: JUMPDEST SELFDESTRUCT — reachable only if x were non-zero at 8.
  const walk = reach(parseBytecode("0x36801560085700005b600e5700005bff"), [0]);
  assert.equal(walk.complete, true);
  assert.equal(walk.opcodes.has(op.SELFDESTRUCT), false);
});

test("an exhausted budget is reported as incomplete", () => {
  const walk = reach(parseBytecode(forgeRuntimeCode("DemoTaxToken")), [0], { maxStates: 5 });
  assert.equal(walk.complete, false);
});

/** The call opcodes reachable from transfer and transferFrom, and whether the walk completed. */
function transferPath(code: ReturnType<typeof parseBytecode>) {
  const dispatcher = readDispatcher(code);
  const entries = Object.values(transferSelectors).map((selector) => {
    const entry = dispatcher.entries.get(selector);
    assert.ok(entry !== undefined, `no entry for ${selector}`);
    return entry;
  });
  const walk = reach(code, entries);
  return { complete: walk.complete, calls: calls.filter((opcode) => walk.opcodes.has(opcode)) };
}

test("a plain OpenZeppelin ERC20's transfer makes no call; the whole code is walked completely", () => {
  const code = parseBytecode(forgeRuntimeCode("DemoCleanToken"));
  assert.deepEqual(transferPath(code), { complete: true, calls: [] });
  const whole = reach(code, [0]);
  assert.equal(whole.complete, true);
  assert.equal(
    calls.some((opcode) => whole.opcodes.has(opcode)),
    false,
  );
});

test("a transfer hook is an external call on the transfer path", () => {
  assert.deepEqual(transferPath(parseBytecode(forgeRuntimeCode("DemoReclaimableToken"))), {
    complete: true,
    calls: [op.CALL],
  });
});

test("solc 0.5.16 (UniswapV2Pair): library jumps through `AND 0xffffffff` resolve; transfer makes no call", () => {
  const code = parseBytecode(uniswapRuntimeCode("UniswapV2Pair"));
  assert.deepEqual(transferPath(code), { complete: true, calls: [] });
  const whole = reach(code, [0]);
  assert.equal(whole.complete, true);
  assert.ok(whole.opcodes.has(op.CALL)); // swap() pays out through the tokens' transfer
});

test("solc 0.8 try/catch (TokenSimulator) joins paths of different heights and is still walked completely", () => {
  const whole = reach(parseBytecode(forgeRuntimeCode("TokenSimulator")), [0]);
  assert.deepEqual(whole.unresolved, []);
  assert.equal(whole.complete, true);
});
