import type { Hex } from "viem";

/** A minimal proxy recognised from its bytecode alone. */
export interface MinimalProxy {
  type: "eip1167" | "eip7511";
  /** Lower-case, left-padded to 20 bytes. */
  implementation: `0x${string}`;
}

/**
 * EIP-1167 runtime: `363d3d373d3d3d363d` PUSHn <implementation> `5af43d82803e903d91602b57fd5bf3`.
 * The standard form uses PUSH20 (0x73); vanity implementations with leading zero bytes are pushed
 * with a shorter PUSHn (0x60 + n - 1), which moves the return jump's target by 20 - n bytes — the
 * JUMPDEST offset is checked against n so only well-formed clones match.
 */
const EIP1167 =
  /^0x363d3d373d3d3d363d(6[0-9a-f]|7[0-3])([0-9a-f]*)5af43d82803e903d9160([0-9a-f]{2})57fd5bf3$/;

/** EIP-7511 (PUSH0 minimal proxy): `365f5f375f5f365f73` <implementation> `5af43d5f5f3e5f3d91602a57fd5bf3`. */
const EIP7511 = /^0x365f5f375f5f365f73([0-9a-f]{40})5af43d5f5f3e5f3d91602a57fd5bf3$/;

/** The minimal proxy `code` is, or null. */
export function parseMinimalProxy(code: Hex): MinimalProxy | null {
  const hex = code.toLowerCase();
  const modern = EIP7511.exec(hex);
  if (modern) return { type: "eip7511", implementation: `0x${modern[1]}` };
  const classic = EIP1167.exec(hex);
  if (!classic) return null;
  const [, push, address, jumpdest] = classic as unknown as [string, string, string, string];
  const bytes = Number.parseInt(push, 16) - 0x5f; // PUSH1 = 0x60 pushes 1 byte
  if (address.length !== bytes * 2) return null;
  // The JUMPDEST sits at byte 0x2b in the PUSH20 form, 20 - n bytes earlier with PUSHn.
  if (Number.parseInt(jumpdest, 16) !== 0x2b - (20 - bytes)) return null;
  return { type: "eip1167", implementation: `0x${address.padStart(40, "0")}` };
}
