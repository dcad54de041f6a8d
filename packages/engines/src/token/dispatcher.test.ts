import assert from "node:assert/strict";
import { test } from "node:test";
import { toFunctionSelector } from "viem";
import { parseBytecode } from "./bytecode.ts";
import { readDispatcher } from "./dispatcher.ts";
import { forgeRuntimeCode, uniswapRuntimeCode } from "./testArtifacts.ts";

test("the dispatcher of a solc 0.8 token lists exactly its external functions", () => {
  const dispatcher = readDispatcher(parseBytecode(forgeRuntimeCode("DemoPrivilegedToken")));
  assert.equal(dispatcher.method, "dispatcher");
  const expected = [
    "allowance(address,address)",
    "approve(address,uint256)",
    "balanceOf(address)",
    "blacklist(address)",
    "decimals()",
    "isBlacklisted(address)",
    "mint(address,uint256)",
    "name()",
    "owner()",
    "pause()",
    "paused()",
    "renounceOwnership()",
    "symbol()",
    "totalSupply()",
    "transfer(address,uint256)",
    "transferFrom(address,address,uint256)",
    "transferOwnership(address)",
    "unblacklist(address)",
    "unpause()",
  ].map((signature) => toFunctionSelector(signature));
  assert.deepEqual(dispatcher.selectors, [...expected].sort());
  const code = parseBytecode(forgeRuntimeCode("DemoPrivilegedToken"));
  for (const entry of dispatcher.entries.values()) assert.ok(code.jumpdests.has(entry));
});

test("the dispatcher of solc 0.5.16 (UniswapV2Pair) is read too", () => {
  const dispatcher = readDispatcher(parseBytecode(uniswapRuntimeCode("UniswapV2Pair")));
  assert.equal(dispatcher.method, "dispatcher");
  for (const signature of [
    "swap(uint256,uint256,address,bytes)",
    "getReserves()",
    "transfer(address,uint256)",
  ])
    assert.ok(dispatcher.selectors.includes(toFunctionSelector(signature)), signature);
});

test("a selector whose first byte is zero is pushed with PUSH3 and still found", () => {
  // balanceOf(address,uint256) is 0x00fdd58e. DUP1 PUSH3 0xfdd58e EQ PUSH1 0x0a JUMPI STOP JUMPDEST STOP
  const dispatcher = readDispatcher(parseBytecode("0x8062fdd58e14600a57005b00"));
  assert.deepEqual(dispatcher.selectors, [toFunctionSelector("balanceOf(address,uint256)")]);
  assert.equal(dispatcher.entries.get("0x00fdd58e"), 10);
});

test("without a recognisable dispatcher every PUSH4 constant stands in", () => {
  const dispatcher = readDispatcher(parseBytecode("0x6340c10f195000"));
  assert.equal(dispatcher.method, "push4");
  assert.deepEqual(dispatcher.selectors, ["0x40c10f19"]);
  assert.equal(dispatcher.entries.size, 0);
});
