/**
 * proxy-upgrade@1 — a watched proxy now points elsewhere.
 *
 * Seen as an EIP-1967 event emitted by a watched contract — Upgraded (implementation), AdminChanged,
 * BeaconUpgraded — or (with a trace) as a write to one of the three EIP-1967 slots in its storage diff.
 * One alert per proxy, pointer kind and new value, listing how it was seen; the previous value comes
 * from the diff. Severity: a slot written without its event is critical (a backdoored implementation
 * rewriting itself); an announced change high. Pure: no reads.
 */
import type { Address, Hex } from "viem";
import type { AlertDraft } from "../alert.ts";
import { proxyEvents, topicAddress } from "../chain/decode.ts";
import { labelOf } from "../watch.ts";
import { draftAlert, type TxDetector } from "./detector.ts";

const id = { type: "proxy-upgrade", version: 1 } as const;

type Kind = "implementation" | "admin" | "beacon";

/** EIP-1967 slots: bytes32(uint256(keccak256("eip1967.proxy.<name>")) - 1). */
export const EIP1967_SLOTS: Readonly<Record<Kind, Hex>> = {
  implementation: "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc",
  admin: "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103",
  beacon: "0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50",
};
const kindOfSlot = new Map(Object.entries(EIP1967_SLOTS).map(([kind, slot]) => [slot, kind as Kind]));

interface Change {
  proxy: Address;
  kind: Kind;
  current: Address;
  previous: Address | null;
  via: Set<"event" | "storage">;
}

export const proxyUpgrade: TxDetector<null> = {
  ...id,

  async gather() {
    return null;
  },

  evaluate(ctx, obs): AlertDraft[] {
    const changes = new Map<string, Change>();
    const changeOf = (proxy: Address, kind: Kind, current: Address) => {
      const key = `${proxy}:${kind}:${current}`;
      let change = changes.get(key);
      if (!change) {
        change = { proxy, kind, current, previous: null, via: new Set() };
        changes.set(key, change);
      }
      return change;
    };
    for (const event of proxyEvents(obs))
      if (ctx.watch.contracts.has(event.proxy))
        changeOf(event.proxy, event.kind, event.value).via.add("event");
    for (const write of obs.storageWrites ?? []) {
      const kind = kindOfSlot.get(write.slot);
      if (kind === undefined || !ctx.watch.contracts.has(write.address)) continue;
      const change = changeOf(write.address, kind, topicAddress(write.after));
      change.via.add("storage");
      change.previous = topicAddress(write.before);
    }
    return [...changes.values()].map((change) => {
      const silent = !change.via.has("event");
      const label = labelOf(ctx.watch, change.proxy);
      const name = label ?? change.proxy;
      return draftAlert(id, obs, {
        key: `${change.proxy}:${change.kind}:${change.current}`,
        severity: silent ? "critical" : "high",
        title: silent
          ? `Proxy ${name}: EIP-1967 ${change.kind} slot rewritten to ${change.current} without an event`
          : `Proxy ${name}: ${change.kind} changed to ${change.current}`,
        addresses: [change.proxy, change.current, obs.tx.from],
        evidence: {
          proxy: change.proxy,
          label,
          kind: change.kind,
          previous: change.previous,
          current: change.current,
          via: [...change.via].sort(),
          slot: EIP1967_SLOTS[change.kind],
        },
      });
    });
  },
};
