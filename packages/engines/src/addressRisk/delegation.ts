import type { Hex } from "viem";

/** EIP-7702: an EOA's code `0xef0100 ‖ address` delegates its execution to `address`. */
const DESIGNATOR = /^0xef0100([0-9a-f]{40})$/;

/** The delegate (lower-case) when `code` is an EIP-7702 delegation designator, else null. */
export function parseDelegation(code: Hex): `0x${string}` | null {
  const match = DESIGNATOR.exec(code.toLowerCase());
  return match ? `0x${match[1]}` : null;
}
