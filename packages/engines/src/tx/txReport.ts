import { createHash } from "node:crypto";
import { encodeAbiParameters, hexToBytes } from "viem";
import type { FlagSource, SecurityReport } from "../security/report.ts";
import { TX_FIREWALL_ENGINE_ID } from "./constants.ts";
import {
  describeApproval,
  evaluatePolicy,
  resolveTxFirewallPolicy,
  sendersGrants,
  type TxFirewallPolicy,
  type TxFirewallPolicyInput,
  type TxPolicyMatch,
  type TxVerdict,
} from "./policy.ts";
import type { FlaggedAddress, TxChanges } from "./types.ts";

/**
 * The firewall's fields: GoPlus's address-security names for what the label lists say about the
 * transaction's counterparties (sanctioned, phishing_activities …: `null` when no lists were loaded),
 * then the simulation's. Approval fields concern approvals the sender grants.
 */
export type TxFirewallFields = {
  chain_id: number;
  simulation_backend: string;
  tx_from: string;
  tx_to: string | null;
  /** Wei, decimal. */
  tx_value: string;
  /** The transaction would revert, or the node refuses it. */
  tx_reverted: boolean;
  revert_reason: string | null;
  gas_used: number | null;
  /** The sender's net native outflow in wei, decimal ("0" when none; gas not counted). */
  native_outflow: string;
  /** The largest share (percent) of one fungible balance the sender loses; null when none is known. */
  max_outflow_percent: number | null;
  /** max_outflow_percent above the policy's largeOutflowPercent. */
  large_outflow: boolean;
  approval_granted: boolean;
  /** An ERC20 allowance ≥ 2^255 or a Permit2 allowance ≥ 2^159. */
  unlimited_approval: boolean;
  /** ApprovalForAll(true) on an ERC721 / ERC1155 collection. */
  approval_for_all: boolean;
  /** An approval to an address without code (or an EIP-7702 account) at the block. */
  approval_to_eoa: boolean;
  /** An unlimited approval or ApprovalForAll to a contract that is neither the tx's `to` nor trusted. */
  approval_to_unknown_contract: boolean;
  permit2_approval: boolean;
  /** A counterparty (anything but the sender) is in the lists. */
  flagged_address_interaction: boolean | null;
  flagged_sender: boolean | null;
  /** GoPlus: a counterparty labelled `sanctioned`. */
  sanctioned: boolean | null;
  /** GoPlus: a counterparty labelled `phishing`. */
  phishing_activities: boolean | null;
  /** GoPlus: a counterparty labelled `exploit` or `heist`. */
  stealing_attack: boolean | null;
  /** GoPlus: a counterparty labelled `scam`. */
  financial_crime: boolean | null;
  /** GoPlus: a counterparty labelled `malicious_contract`. */
  malicious_contract: boolean | null;
  ownership_change: boolean;
  proxy_upgrade: boolean;
  /** The last new implementation a proxy change sets; null when none. */
  new_implementation: string | null;
  labels_digest: string | null;
};

export type TxFirewallField = keyof TxFirewallFields & string;

/** The firewall's answer: the shared report shape, the matched policy rules, and the facts. */
export interface TxFirewallReport extends SecurityReport<TxFirewallFields, TxVerdict> {
  /** The pinned block (always known: the simulation runs on its state). */
  block: number;
  /** The policy rules that matched (warn or block), each with its `policy:<rule>` source. */
  rules: TxPolicyMatch[];
  /** The simulation's facts (JSON-safe): evaluatePolicy(changes, policy) reproduces the verdict. */
  changes: TxChanges;
}

/** GoPlus fields set by list labels. */
const labelFields: Readonly<Record<string, TxFirewallField>> = {
  sanctioned: "sanctioned",
  phishing: "phishing_activities",
  exploit: "stealing_attack",
  heist: "stealing_attack",
  scam: "financial_crime",
  malicious_contract: "malicious_contract",
};

/** Fields that are flags when true, in report order. */
export const TX_RISK_FIELDS: readonly TxFirewallField[] = [
  "tx_reverted",
  "large_outflow",
  "approval_granted",
  "unlimited_approval",
  "approval_for_all",
  "approval_to_eoa",
  "approval_to_unknown_contract",
  "permit2_approval",
  "flagged_address_interaction",
  "flagged_sender",
  "sanctioned",
  "phishing_activities",
  "stealing_attack",
  "financial_crime",
  "malicious_contract",
  "ownership_change",
  "proxy_upgrade",
];

/**
 * `target`: sha256 of abi.encode(from, to, value, data, gas) (to = 0 for a creation, gas = 0 when
 * unset), 0x-hex — the same transaction gives the same target. (sha256, not keccak256: node's native
 * hash costs ~2 µs here, viem's keccak256 ~40 µs, and nothing on-chain recomputes it.)
 */
export function txTarget(changes: TxChanges): string {
  const { tx } = changes;
  const encoded = hexToBytes(
    encodeAbiParameters(
      [{ type: "address" }, { type: "address" }, { type: "uint256" }, { type: "bytes" }, { type: "uint256" }],
      [
        tx.from,
        tx.to ?? "0x0000000000000000000000000000000000000000",
        BigInt(tx.value),
        tx.data,
        BigInt(tx.gas ?? "0"),
      ],
    ),
  );
  return `0x${createHash("sha256").update(encoded).digest("hex")}`;
}

/**
 * The report for `changes` under `policy`: fields, flags with their sources, the verdict and the
 * matched rules. Pure: a gateway holding `changes` rebuilds the same report.
 */
export function buildTxFirewallReport(
  changes: TxChanges,
  policyInput: TxFirewallPolicy | TxFirewallPolicyInput = {},
): TxFirewallReport {
  const policy = resolveTxFirewallPolicy(policyInput);
  const simulation = `simulation:${changes.backend}`;
  const at = (detail: string, source = simulation): FlagSource => ({ source, detail, block: changes.block });
  const sources: Partial<Record<TxFirewallField, FlagSource>> = {};
  const sender = changes.tx.from;
  const trusted = new Set(policy.trustedSpenders);

  const grants = sendersGrants(changes.approvals, sender);
  const firstGrant = (
    predicate: (approval: (typeof grants)[number]) => boolean,
    field: TxFirewallField,
  ): boolean => {
    const approval = grants.find(predicate);
    if (approval) sources[field] = at(describeApproval(approval));
    return approval !== undefined;
  };
  const unknownContract = (approval: (typeof grants)[number]) =>
    approval.spenderKind === "contract" &&
    !trusted.has(approval.spender) &&
    approval.spender !== changes.tx.to;

  let maxPercent: number | null = null;
  for (const outflow of changes.outflows)
    if (outflow.percent !== null && (maxPercent === null || outflow.percent > maxPercent)) {
      maxPercent = outflow.percent;
      sources.large_outflow = at(
        `the sender loses ${outflow.percent}% of its ${outflow.kind === "native" ? "native" : `${outflow.kind} ${outflow.token}`} balance`,
      );
    }
  const largeOutflow = maxPercent !== null && maxPercent > policy.largeOutflowPercent;

  const counterparties = changes.flagged.filter((entry) => entry.roles.some((role) => role !== "sender"));
  const senderEntry = changes.flagged.find((entry) => entry.roles.includes("sender"));
  const listed = (value: boolean) => (changes.listsChecked ? value : null);
  const labelValues: Partial<Record<TxFirewallField, boolean>> = {};
  for (const entry of counterparties)
    for (const { label, sources: lists } of entry.labels) {
      const field = labelFields[label];
      if (field === undefined || labelValues[field]) continue;
      labelValues[field] = true;
      sources[field] = at(`${entry.address} is labelled ${label}`, `list:${lists[0] ?? "unknown"}`);
    }
  if (counterparties[0]) sources.flagged_address_interaction = listSource(counterparties[0], changes.block);
  if (senderEntry) sources.flagged_sender = listSource(senderEntry, changes.block);
  if (changes.failure) sources.tx_reverted = at(`${changes.failure.kind}: ${changes.failure.reason}`);
  const ownership = changes.ownershipChanges[0];
  if (ownership)
    sources.ownership_change = at(`${ownership.contract}: ${ownership.kind} to ${ownership.newOwner}`);
  const proxy = changes.proxyChanges[0];
  if (proxy)
    sources.proxy_upgrade = at(
      `${proxy.proxy}: ${proxy.kind} → ${proxy.current} (${proxy.evidence.join(", ")})`,
    );
  const implementation = changes.proxyChanges.filter((change) => change.kind === "implementation").at(-1);
  const nativeOutflow = changes.outflows.find((outflow) => outflow.kind === "native")?.amount ?? "0";

  const fields: TxFirewallFields = {
    chain_id: changes.chainId,
    simulation_backend: changes.backend,
    tx_from: changes.tx.from,
    tx_to: changes.tx.to,
    tx_value: changes.tx.value,
    tx_reverted: changes.status !== "success",
    revert_reason: changes.failure?.reason ?? null,
    gas_used: changes.gasUsed,
    native_outflow: nativeOutflow,
    max_outflow_percent: maxPercent,
    large_outflow: largeOutflow,
    approval_granted: firstGrant(() => true, "approval_granted"),
    unlimited_approval: firstGrant((a) => a.unlimited && a.kind !== "approval-for-all", "unlimited_approval"),
    approval_for_all: firstGrant((a) => a.kind === "approval-for-all", "approval_for_all"),
    approval_to_eoa: firstGrant(
      (a) => (a.spenderKind === "eoa" || a.spenderKind === "eip7702") && !trusted.has(a.spender),
      "approval_to_eoa",
    ),
    approval_to_unknown_contract: firstGrant(
      (a) => (a.unlimited || a.kind === "approval-for-all") && unknownContract(a),
      "approval_to_unknown_contract",
    ),
    permit2_approval: firstGrant((a) => a.kind === "permit2", "permit2_approval"),
    flagged_address_interaction: listed(counterparties.length > 0),
    flagged_sender: listed(senderEntry !== undefined),
    sanctioned: listed(labelValues.sanctioned === true),
    phishing_activities: listed(labelValues.phishing_activities === true),
    stealing_attack: listed(labelValues.stealing_attack === true),
    financial_crime: listed(labelValues.financial_crime === true),
    malicious_contract: listed(labelValues.malicious_contract === true),
    ownership_change: changes.ownershipChanges.length > 0,
    proxy_upgrade: changes.proxyChanges.length > 0,
    new_implementation: implementation?.current ?? null,
    labels_digest: changes.labelsDigest,
  };

  const flags = TX_RISK_FIELDS.filter((field) => fields[field] === true).sort();
  const flagSources: TxFirewallReport["sources"] = {};
  for (const flag of flags) {
    const source = sources[flag];
    if (source) flagSources[flag] = source;
  }
  const { verdict, matches } = evaluatePolicy(changes, policy);
  return {
    engine: TX_FIREWALL_ENGINE_ID,
    target: txTarget(changes),
    block: changes.block,
    verdict,
    fields,
    flags,
    sources: flagSources,
    rules: matches,
    changes,
  };
}

function listSource(entry: FlaggedAddress, block: number): FlagSource {
  const first = entry.labels[0];
  return {
    source: `list:${first?.sources[0] ?? "unknown"}`,
    detail: `${entry.address} (${entry.roles.join(", ")}) is labelled ${entry.labels
      .map((label) => `${label.label} by ${label.sources.join(", ")}`)
      .join("; ")}`,
    block,
  };
}
