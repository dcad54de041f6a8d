/**
 * ownership-change@1 — a watched contract changed hands.
 *
 * Seen as OpenZeppelin's OwnershipTransferred / OwnershipTransferStarted emitted by a watched contract,
 * or (with a trace) as a write to one of its owner slots in the storage diff — OpenZeppelin's ERC-7201
 * Ownable slot and any the watch file names. One alert per contract and new owner, listing how it was
 * seen. Severity: a silent write (storage, no event) is critical — that is a backdoor, not an admin
 * action; a completed transfer high; a proposed two-step transfer or a renounce medium. Pure: no reads.
 */
import { type Address, type Hex, zeroAddress } from "viem";
import type { AlertDraft, Severity } from "../alert.ts";
import { ownershipEvents, topicAddress } from "../chain/decode.ts";
import { labelOf } from "../watch.ts";
import { draftAlert, type TxDetector } from "./detector.ts";

const id = { type: "ownership-change", version: 1 } as const;

interface Change {
  contract: Address;
  kind: "transferred" | "transfer-started";
  previousOwner: Address | null;
  newOwner: Address;
  via: Set<"event" | "storage">;
  slot: Hex | null;
}

/** A 32-byte word holding an address (the upper 12 bytes zero), or null. */
function wordAddress(word: Hex): Address | null {
  return /^0x0{24}[0-9a-f]{40}$/.test(word) ? topicAddress(word) : null;
}

export const ownershipChange: TxDetector<null> = {
  ...id,

  async gather() {
    return null;
  },

  evaluate(ctx, obs): AlertDraft[] {
    const changes = new Map<string, Change>();
    const changeOf = (
      contract: Address,
      newOwner: Address,
      init: Omit<Change, "via" | "contract" | "newOwner">,
    ) => {
      const key = `${contract}:${newOwner}:${init.kind}`;
      let change = changes.get(key);
      if (!change) {
        change = { contract, newOwner, via: new Set(), ...init };
        changes.set(key, change);
      }
      return change;
    };
    for (const event of ownershipEvents(obs)) {
      if (!ctx.watch.contracts.has(event.contract)) continue;
      changeOf(event.contract, event.newOwner, {
        kind: event.kind,
        previousOwner: event.previousOwner,
        slot: null,
      }).via.add("event");
    }
    for (const write of obs.storageWrites ?? []) {
      const watched = ctx.watch.contracts.get(write.address);
      if (!watched?.ownerSlots.includes(write.slot)) continue;
      const newOwner = wordAddress(write.after);
      if (newOwner === null) continue;
      const change = changeOf(write.address, newOwner, {
        kind: "transferred",
        previousOwner: wordAddress(write.before),
        slot: write.slot,
      });
      change.via.add("storage");
      change.slot = write.slot;
      change.previousOwner ??= wordAddress(write.before);
    }
    return [...changes.values()].map((change) => {
      const silent = !change.via.has("event");
      const severity: Severity = silent
        ? "critical"
        : change.kind === "transfer-started" || change.newOwner === zeroAddress
          ? "medium"
          : "high";
      const label = labelOf(ctx.watch, change.contract);
      const name = label ?? change.contract;
      const title = silent
        ? `Owner of ${name} rewritten to ${change.newOwner} without an event`
        : change.kind === "transfer-started"
          ? `Ownership transfer of ${name} to ${change.newOwner} started`
          : change.newOwner === zeroAddress
            ? `Ownership of ${name} renounced`
            : `Ownership of ${name} transferred to ${change.newOwner}`;
      return draftAlert(id, obs, {
        // A proposal and its completion are two alerts.
        key: `${change.contract}:${change.newOwner}${change.kind === "transfer-started" ? ":started" : ""}`,
        severity,
        title,
        addresses: [change.contract, change.newOwner, obs.tx.from],
        evidence: {
          contract: change.contract,
          label,
          previousOwner: change.previousOwner,
          newOwner: change.newOwner,
          kind: change.kind,
          via: [...change.via].sort(),
          slot: change.slot,
        },
      });
    });
  },
};
