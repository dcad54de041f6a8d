import { type Address, type Hex, type PublicClient, pad } from "viem";
import { orNull } from "./rpc.ts";

/** Storage slots upgradeable proxies keep their targets in. */
export const proxySlots = {
  /** EIP-1967 `keccak256("eip1967.proxy.implementation") - 1`. */
  eip1967Implementation: "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc",
  /** EIP-1967 `keccak256("eip1967.proxy.beacon") - 1`. */
  eip1967Beacon: "0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50",
  /** EIP-1822 (UUPS) `keccak256("PROXIABLE")`. */
  eip1822Proxiable: "0xc5f16f0fcc639fa48a6947836d9850f504798523bf8c9a3a87d5876cf622bcf7",
  /** OpenZeppelin's pre-EIP-1967 proxies: `keccak256("org.zeppelinos.proxy.implementation")`. */
  ozLegacyImplementation: "0x7050c9e0f4ca769c69bd3a8ef740bc37934f8e2c036e5a723fd8ee048ed3f8c3",
} as const satisfies Record<string, Hex>;

/** EIP-1167 minimal proxy runtime code around its 20-byte target. */
const MINIMAL_PROXY = /^0x363d3d373d3d3d363d73([0-9a-f]{40})5af43d82803e903d91602b57fd5bf3$/;
/** `implementation()`: what an EIP-1967 beacon answers. */
const IMPLEMENTATION_SELECTOR = "0x5c60da1b";

export interface ProxyFindings {
  /** null: the node refused a slot read and nothing was found in the others. */
  isProxy: boolean | null;
  kind: string | null;
  implementation: Address | null;
}

/**
 * Recognises a proxy at `block`: EIP-1167 minimal proxies from the code; EIP-1967 (implementation or
 * beacon), EIP-1822 and OpenZeppelin's legacy slot from storage. A slot counts only when it holds a
 * 20-byte address (upper 12 bytes zero, non-zero). A proxy with its own slot layout is not
 * recognised here; its DELEGATECALL still shows in the `delegatecall` field.
 */
export async function detectProxy(
  client: PublicClient,
  address: Address,
  code: Hex,
  blockNumber: bigint,
): Promise<ProxyFindings> {
  const minimal = MINIMAL_PROXY.exec(code.toLowerCase());
  if (minimal?.[1]) return { isProxy: true, kind: "eip1167", implementation: `0x${minimal[1]}` };
  const read = (slot: Hex) => orNull(client.getStorageAt({ address, slot, blockNumber }));
  const [implementation, beacon, proxiable, legacy] = await Promise.all([
    read(proxySlots.eip1967Implementation),
    read(proxySlots.eip1967Beacon),
    read(proxySlots.eip1822Proxiable),
    read(proxySlots.ozLegacyImplementation),
  ]);
  const found = (kind: string, value: Address | null): ProxyFindings => ({
    isProxy: true,
    kind,
    implementation: value,
  });
  if (slotAddress(implementation)) return found("eip1967", slotAddress(implementation));
  const beaconAddress = slotAddress(beacon);
  if (beaconAddress) {
    const answer = await orNull(
      client.call({ to: beaconAddress, data: IMPLEMENTATION_SELECTOR, blockNumber }),
    );
    return found(
      "eip1967-beacon",
      answer?.data && answer.data.length === 66 ? slotAddress(answer.data) : null,
    );
  }
  if (slotAddress(proxiable)) return found("eip1822", slotAddress(proxiable));
  if (slotAddress(legacy)) return found("oz-legacy", slotAddress(legacy));
  const refused = [implementation, beacon, proxiable, legacy].some((value) => value === null);
  return { isProxy: refused ? null : false, kind: null, implementation: null };
}

/** The address a 32-byte word holds (lower-case), or null when it holds none (zero, or upper bytes set). */
export function slotAddress(value: Hex | null | undefined): Address | null {
  if (!value) return null;
  const hex = pad(value.toLowerCase() as Hex, { size: 32 }).slice(2);
  if (!hex.startsWith("0".repeat(24)) || /^0+$/.test(hex)) return null;
  return `0x${hex.slice(24)}`;
}
