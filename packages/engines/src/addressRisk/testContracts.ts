// Hand-assembled contracts for this folder's tests (not exported from the package). Each runtime is
// short enough to read opcode by opcode; the comments give the assembly.
import { type Address, concat, type Hex, numberToHex, type PublicClient, size } from "viem";
import { proxySlots } from "./proxy.ts";

/** Returns 42 for any call: PUSH1 42, PUSH1 0, MSTORE, PUSH1 32, PUSH1 0, RETURN. */
export const returns42Runtime: Hex = "0x602a60005260206000f3";

/**
 * Init code that runs `setup`, then returns `runtime` as the contract's code:
 * PUSH2 len, DUP1, PUSH2 offset, PUSH0, CODECOPY (mem[0..len] = runtime), PUSH0, RETURN.
 */
export function initCode(runtime: Hex, setup: Hex = "0x"): Hex {
  const length = size(runtime);
  const offset = size(setup) + 11; // the copy-and-return sequence is 11 bytes
  return concat([
    setup,
    "0x61",
    numberToHex(length, { size: 2 }),
    "0x80",
    "0x61",
    numberToHex(offset, { size: 2 }),
    "0x5f395ff3",
    runtime,
  ]);
}

/** Setup code storing `value` at `slot` for each pair: PUSH32 value, PUSH32 slot, SSTORE. */
export function storeSlots(entries: readonly (readonly [Hex, Hex])[]): Hex {
  return concat(
    entries.flatMap(([slot, value]) => [
      "0x7f",
      numberToHex(BigInt(value), { size: 32 }),
      "0x7f",
      slot,
      "0x55",
    ]),
  );
}

/**
 * An EIP-1967 proxy: delegates every call to the address in the implementation slot.
 * CALLDATASIZE PUSH0 PUSH0 CALLDATACOPY; PUSH0 PUSH0 CALLDATASIZE PUSH0 PUSH32 slot SLOAD GAS
 * DELEGATECALL; RETURNDATASIZE PUSH0 PUSH0 RETURNDATACOPY; PUSH1 0x36 JUMPI; RETURNDATASIZE PUSH0
 * REVERT; JUMPDEST(0x36) RETURNDATASIZE PUSH0 RETURN.
 */
export const eip1967ProxyRuntime: Hex = concat([
  "0x365f5f375f5f365f7f",
  proxySlots.eip1967Implementation,
  "0x545af43d5f5f3e603657",
  "0x3d5ffd5b3d5ff3",
]);

/** The EIP-1167 clone of `implementation` (45 bytes). */
export function minimalProxyRuntime(implementation: Address): Hex {
  return concat(["0x363d3d373d3d3d363d73", implementation, "0x5af43d82803e903d91602b57fd5bf3"]);
}

/** A beacon: answers `implementation` to any call. PUSH20 impl, PUSH0, MSTORE, PUSH1 32, PUSH0, RETURN. */
export function beaconRuntime(implementation: Address): Hex {
  return concat(["0x73", implementation, "0x5f5260205ff3"]);
}

/**
 * A factory: each call CREATEs a contract from `childInit` (stored after its own 12 bytes of code).
 * PUSH1 len, PUSH1 12, PUSH0, CODECOPY; PUSH1 len, PUSH0, PUSH0, CREATE; STOP.
 */
export function factoryRuntime(childInit: Hex): Hex {
  const length = numberToHex(size(childInit), { size: 1 });
  return concat(["0x60", length, "0x600c5f39", "0x60", length, "0x5f5ff000", childInit]);
}

/** A forwarder: sends the call's value on to `to`. PUSH0 ×4, CALLVALUE, PUSH20 to, GAS, CALL, STOP. */
export function forwarderRuntime(to: Address): Hex {
  return concat(["0x5f5f5f5f3473", to, "0x5af100"]);
}

/** The contract a successful creation transaction made (throws when the receipt has none). */
export async function createdAddress(client: PublicClient, hash: Hex): Promise<Address> {
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) throw new Error(`deployment ${hash} failed`);
  return receipt.contractAddress;
}
