import { type Address, decodeAbiParameters, type Hex, type PublicClient } from "viem";
import { parseMinimalProxy } from "./minimalProxy.ts";
import { orNull } from "./rpc.ts";

/** Storage slots that upgradeable proxies keep their targets in (each checked by proxy.test.ts). */
export const proxySlots = {
  /** EIP-1967: `keccak256("eip1967.proxy.implementation") - 1`. */
  eip1967Implementation: "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc",
  /** EIP-1967: `keccak256("eip1967.proxy.beacon") - 1`. */
  eip1967Beacon: "0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50",
  /** EIP-1967: `keccak256("eip1967.proxy.admin") - 1` (set by OpenZeppelin's transparent proxy). */
  eip1967Admin: "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103",
  /** EIP-1822 (UUPS): `keccak256("PROXIABLE")`. */
  eip1822Proxiable: "0xc5f16f0fcc639fa48a6947836d9850f504798523bf8c9a3a87d5876cf622bcf7",
  /** OpenZeppelin's pre-EIP-1967 (zos) proxies: `keccak256("org.zeppelinos.proxy.implementation")`. */
  ozLegacyImplementation: "0x7050c9e0f4ca769c69bd3a8ef740bc37934f8e2c036e5a723fd8ee048ed3f8c3",
  /** `keccak256("org.zeppelinos.proxy.admin")`. */
  ozLegacyAdmin: "0x10d6a54a4754c8869d6886b5f5d7fbfa5b4522237ea5c60d11bc4e7a1ff9390b",
} as const satisfies Record<string, Hex>;

/** `implementation()`: what an EIP-1967 beacon answers. */
const IMPLEMENTATION_SELECTOR = "0x5c60da1b";

/** The proxy part of a report. `isProxy` null: the node refused a slot read and nothing was found. */
export interface ProxyFindings {
  isProxy: boolean | null;
  type: string | null;
  implementation: string | null;
  admin: string | null;
}

const NOT_A_PROXY: ProxyFindings = { isProxy: false, type: null, implementation: null, admin: null };

/**
 * Recognises a proxy at `block` from its code (minimal proxies: no call) or its storage (five
 * `eth_getStorageAt` in parallel, plus one `eth_call` to a beacon). A slot counts only when it holds
 * a non-zero 20-byte address (upper 12 bytes zero), so unrelated data in a colliding slot is ignored.
 */
export async function detectProxy(
  client: PublicClient,
  address: Address,
  code: Hex,
  block: bigint,
): Promise<ProxyFindings> {
  const minimal = parseMinimalProxy(code);
  if (minimal)
    return { isProxy: true, type: minimal.type, implementation: minimal.implementation, admin: null };

  const read = (slot: Hex) =>
    orNull(client.getStorageAt({ address, slot, blockNumber: block })).then((value) =>
      value === null ? null : slotAddress(value),
    );
  const [implementation, beacon, admin, proxiable, legacy, legacyAdmin] = await Promise.all([
    read(proxySlots.eip1967Implementation),
    read(proxySlots.eip1967Beacon),
    read(proxySlots.eip1967Admin),
    read(proxySlots.eip1822Proxiable),
    read(proxySlots.ozLegacyImplementation),
    read(proxySlots.ozLegacyAdmin),
  ]);
  const refused = [implementation, beacon, admin, proxiable, legacy, legacyAdmin].some((v) => v === null);
  const found = (value: Address | false | null): value is Address => typeof value === "string";

  if (found(implementation))
    return {
      isProxy: true,
      type: found(admin) ? "eip1967-transparent" : "eip1967",
      implementation,
      admin: found(admin) ? admin : null,
    };
  if (found(beacon)) {
    const answer = await orNull(
      client.call({ to: beacon, data: IMPLEMENTATION_SELECTOR, blockNumber: block }),
    );
    return {
      isProxy: true,
      type: "eip1967-beacon",
      implementation: answer?.data ? returnedAddress(answer.data) : null,
      admin: found(admin) ? admin : null,
    };
  }
  if (found(proxiable)) return { isProxy: true, type: "eip1822", implementation: proxiable, admin: null };
  if (found(legacy))
    return {
      isProxy: true,
      type: "oz-legacy",
      implementation: legacy,
      admin: found(legacyAdmin) ? legacyAdmin : null,
    };
  return refused ? { ...NOT_A_PROXY, isProxy: null } : NOT_A_PROXY;
}

/** The address a 32-byte slot holds (lower-case), or false when it holds none (zero, or not an address). */
export function slotAddress(value: Hex | undefined): Address | false {
  if (value === undefined) return false;
  const hex = value.toLowerCase().replace(/^0x/, "").padStart(64, "0");
  if (hex.length !== 64 || !hex.startsWith("0".repeat(24))) return false;
  const address = hex.slice(24);
  return /^0+$/.test(address) ? false : `0x${address}`;
}

/** The address an `implementation()` call returned, or null when the answer is not one. */
function returnedAddress(data: Hex): string | null {
  if (data.length !== 66) return null;
  const address = slotAddress(data);
  if (!address) return null;
  return decodeAbiParameters([{ type: "address" }], data)[0].toLowerCase();
}
