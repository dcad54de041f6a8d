import { type Address, zeroAddress } from "viem";
import type { LabelEntry } from "../labels/labelIndex.ts";
import { NATIVE_TOKEN_ADDRESS } from "./execution.ts";
import type {
  AddressRole,
  Approval,
  AssetTransfer,
  FlaggedAddress,
  OwnershipChange,
  ProxyChange,
  SimulatedTx,
} from "./types.ts";

/**
 * The label lists the firewall matches addresses against: a LabelIndex from ../labels (loadLabels,
 * createLabelIndex) or anything with the same lookup. Every label counts as a flag (the bundled lists
 * only hold bad actors: sanctioned, phishing, scam, exploit, heist, malicious_contract).
 */
export interface TxLabels {
  /** The entries for `address` on `chainId` (and chain-less entries); `[]` when unlisted. */
  lookup(address: string, chainId?: number): readonly Pick<LabelEntry, "label" | "sources">[];
  /** A digest of the lists' content, reported so operators can tell they judged with the same lists. */
  readonly digest?: string;
}

export interface RoleInputs {
  tx: SimulatedTx;
  callTargets: readonly Address[];
  transfers: readonly AssetTransfer[];
  approvals: readonly Pick<Approval, "spender">[];
  ownershipChanges: readonly OwnershipChange[];
  proxyChanges: readonly ProxyChange[];
}

/** Every address the transaction involves, with the roles it plays (zero and ERC-7528 addresses left out). */
export function addressRoles(inputs: RoleInputs): Map<Address, Set<AddressRole>> {
  const roles = new Map<Address, Set<AddressRole>>();
  const add = (address: Address, role: AddressRole) => {
    if (address === zeroAddress || address === NATIVE_TOKEN_ADDRESS) return;
    let set = roles.get(address);
    if (!set) {
      set = new Set();
      roles.set(address, set);
    }
    set.add(role);
  };
  add(inputs.tx.from, "sender");
  if (inputs.tx.to !== null) add(inputs.tx.to, "call");
  for (const target of inputs.callTargets) add(target, "call");
  for (const transfer of inputs.transfers) add(transfer.to, "recipient");
  for (const approval of inputs.approvals) add(approval.spender, "spender");
  for (const change of inputs.ownershipChanges) add(change.newOwner, "new-owner");
  for (const change of inputs.proxyChanges) add(change.current, "implementation");
  return roles;
}

/** The addresses of `roles` the lists label, sorted by address, labels merged per label name. */
export function findFlagged(
  labels: TxLabels,
  chainId: number,
  roles: ReadonlyMap<Address, ReadonlySet<AddressRole>>,
): FlaggedAddress[] {
  const flagged: FlaggedAddress[] = [];
  for (const [address, addressRoleSet] of roles) {
    const entries = labels.lookup(address, chainId);
    if (entries.length === 0) continue;
    const byLabel = new Map<string, Set<string>>();
    for (const entry of entries) {
      const sources = byLabel.get(entry.label) ?? new Set<string>();
      for (const source of entry.sources) sources.add(source);
      byLabel.set(entry.label, sources);
    }
    flagged.push({
      address,
      roles: [...addressRoleSet].sort(),
      labels: [...byLabel.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([label, sources]) => ({ label, sources: [...sources].sort() })),
    });
  }
  return flagged.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}
