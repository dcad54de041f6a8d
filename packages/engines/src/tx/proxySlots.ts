import type { Hex } from "viem";
import type { ProxySlotKind } from "./types.ts";

/**
 * EIP-1967 storage slots (`bytes32(uint256(keccak256("eip1967.proxy.<name>")) - 1)`), by what they
 * hold. Their events: Upgraded(address indexed implementation), AdminChanged(address previousAdmin,
 * address newAdmin), BeaconUpgraded(address indexed beacon).
 */
export const proxySlotKinds: Readonly<Record<Hex, ProxySlotKind>> = {
  "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc": "implementation",
  "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103": "admin",
  "0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50": "beacon",
};

/** The slot of each kind. */
export const proxySlotOf: Readonly<Record<ProxySlotKind, Hex>> = {
  implementation: "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc",
  admin: "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103",
  beacon: "0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50",
};
