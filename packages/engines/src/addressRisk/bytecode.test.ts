import assert from "node:assert/strict";
import { test } from "node:test";
import { type Hex, keccak256, numberToHex, stringToHex } from "viem";
import { parseDelegation } from "./delegation.ts";
import { parseMinimalProxy } from "./minimalProxy.ts";
import { proxySlots, slotAddress } from "./proxy.ts";
import { minimalProxyRuntime } from "./testContracts.ts";

const minusOne = (label: string): Hex =>
  numberToHex(BigInt(keccak256(stringToHex(label))) - 1n, { size: 32 });

test("proxy slots are the ones the standards define", () => {
  assert.equal(proxySlots.eip1967Implementation, minusOne("eip1967.proxy.implementation"));
  assert.equal(proxySlots.eip1967Beacon, minusOne("eip1967.proxy.beacon"));
  assert.equal(proxySlots.eip1967Admin, minusOne("eip1967.proxy.admin"));
  assert.equal(proxySlots.eip1822Proxiable, keccak256(stringToHex("PROXIABLE")));
  assert.equal(
    proxySlots.ozLegacyImplementation,
    keccak256(stringToHex("org.zeppelinos.proxy.implementation")),
  );
  assert.equal(proxySlots.ozLegacyAdmin, keccak256(stringToHex("org.zeppelinos.proxy.admin")));
});

test("EIP-1167 clones (PUSH20 and vanity PUSHn forms) and EIP-7511 clones are recognised", () => {
  const implementation = "0xbEbc44782C7dB0a1A60Cb6fe97d0b483032FF1C7";
  assert.deepEqual(parseMinimalProxy(minimalProxyRuntime(implementation)), {
    type: "eip1167",
    implementation: implementation.toLowerCase(),
  });
  // A vanity implementation with two leading zero bytes, pushed with PUSH18; the jump target moves by 2.
  const vanity = "0x0000bc44782c7db0a1a60cb6fe97d0b483032ff1";
  const short: Hex = `0x363d3d373d3d3d363d71${vanity.slice(6)}5af43d82803e903d91602957fd5bf3`;
  assert.deepEqual(parseMinimalProxy(short), { type: "eip1167", implementation: vanity });
  // …and with the PUSH20 jump target it is malformed.
  assert.equal(parseMinimalProxy(short.replace("602957", "602b57") as Hex), null);
  const modern: Hex = `0x365f5f375f5f365f73${implementation.slice(2)}5af43d5f5f3e5f3d91602a57fd5bf3`;
  assert.deepEqual(parseMinimalProxy(modern), {
    type: "eip7511",
    implementation: implementation.toLowerCase(),
  });
  // Anything else, including a clone with bytes appended, is not a minimal proxy.
  assert.equal(parseMinimalProxy("0x"), null);
  assert.equal(parseMinimalProxy("0x602a60005260206000f3"), null);
  assert.equal(parseMinimalProxy(`${minimalProxyRuntime(implementation)}00`), null);
});

test("EIP-7702 delegation designators, and slot values that hold an address", () => {
  const delegate = "0x63c0c19a282a1b52b07dd5a65b58948a07dae32b";
  assert.equal(parseDelegation(`0xef0100${delegate.slice(2).toUpperCase()}`), delegate);
  assert.equal(parseDelegation(`0xef0100${delegate.slice(2)}00`), null);
  assert.equal(parseDelegation("0x602a"), null);
  assert.equal(slotAddress(`0x000000000000000000000000${delegate.slice(2)}`), delegate);
  assert.equal(slotAddress("0x0"), false);
  assert.equal(slotAddress(`0x0000000000000000000000000000000000000000000000000000000000000000`), false);
  assert.equal(slotAddress(`0x0100000000000000000000000000000000000000000000000000000000000001`), false);
  assert.equal(slotAddress(undefined), false);
});
