import assert from "node:assert/strict";
import { test } from "node:test";
import { op, parseBytecode, pushedAddresses, scanOpcodes } from "./bytecode.ts";
import { forgeRuntimeCode } from "./testArtifacts.ts";

test("push data is never read as an opcode", () => {
  // PUSH1 0xff, PUSH2 0x5bf4, STOP: 0xff (SELFDESTRUCT), 0x5b (JUMPDEST), 0xf4 (DELEGATECALL) are data.
  const code = parseBytecode("0x60ff615bf400");
  assert.deepEqual([...scanOpcodes(code)].sort(), [op.STOP, op.PUSH1, 0x61].sort());
  assert.equal(code.jumpdests.size, 0);
});

test("solc's CBOR metadata is stripped, so its bytes cannot pose as SELFDESTRUCT", () => {
  // STOP, then a 4-byte CBOR map {…} holding 0xff, then its length (0x0004).
  const code = parseBytecode("0x00a1ff00ff0004");
  assert.equal(code.end, 1);
  assert.equal(scanOpcodes(code).has(op.SELFDESTRUCT), false);
  // Without a CBOR map head the tail is code.
  assert.equal(parseBytecode("0x00ff").end, 2);
});

test("a forge artifact's metadata is found (the code ends with INVALID before it)", () => {
  const code = parseBytecode(forgeRuntimeCode("DemoCleanToken"));
  assert.ok(code.end < code.bytes.length);
  assert.equal(code.bytes[code.end - 1], op.INVALID);
});

test("pushedAddresses keeps 20-byte constants, not masks or small numbers", () => {
  const address = "5a15ade0000000000000000000000000000fee05";
  const mask = "ff".repeat(20);
  const small = `${"00".repeat(18)}dead`;
  const code = parseBytecode(`0x73${address}73${mask}73${small}00`);
  assert.deepEqual(pushedAddresses(code), [`0x${address}`]);
});
