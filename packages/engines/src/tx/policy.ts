/**
 * The firewall's verdict policy: named rules over a simulation's facts (TxChanges), each mapped to
 * an action. The verdict is the strongest action among the rules that match (block > warn > allow).
 * Pure and synchronous, so a gateway can re-judge stored changes under its own policy.
 *
 * | rule                            | default | matches when                                                                 |
 * | ------------------------------- | ------- | ---------------------------------------------------------------------------- |
 * | `flagged-address`               | block   | a call target, asset recipient, spender, new owner or implementation is listed |
 * | `flagged-sender`                | warn    | the sender itself is listed                                                  |
 * | `unlimited-approval-to-eoa`     | block   | the sender grants an unlimited ERC20 / Permit2 allowance to an EOA (or EIP-7702 account) |
 * | `approval-for-all-to-eoa`       | block   | the sender sets ApprovalForAll(true) for an EOA (or EIP-7702 account)        |
 * | `approval-to-eoa`               | warn    | any other approval by the sender to an EOA (exact-amount drainer approvals)   |
 * | `unlimited-approval-to-unknown` | warn    | an unlimited allowance to a contract that is neither the tx's `to` nor trusted |
 * | `approval-for-all-to-unknown`   | warn    | ApprovalForAll(true) for a contract that is neither the tx's `to` nor trusted |
 * | `approval`                      | warn    | the sender grants any approval                                               |
 * | `large-outflow`                 | warn    | the sender loses more than `largeOutflowPercent` % of a fungible balance      |
 * | `ownership-change`              | warn    | OwnershipTransferred / OwnershipTransferStarted                              |
 * | `proxy-upgrade`                 | warn    | an EIP-1967 implementation, admin or beacon changes (event or slot write)    |
 * | `revert`                        | warn    | the transaction would revert or the node refuses it                          |
 *
 * Approval rules look at approvals whose owner is the sender (a router approving a pool inside a
 * swap is not the user's exposure). Trusted spenders are exempt from the EOA and unknown-contract
 * rules, never from `approval`.
 */
import { type Address, isAddress } from "viem";
import { z } from "zod";
import { issuesOf } from "../engine.ts";
import { InvalidInputError } from "../errors.ts";
import type { Approval, TxChanges } from "./types.ts";

export const txPolicyRules = [
  "flagged-address",
  "flagged-sender",
  "unlimited-approval-to-eoa",
  "approval-for-all-to-eoa",
  "approval-to-eoa",
  "unlimited-approval-to-unknown",
  "approval-for-all-to-unknown",
  "approval",
  "large-outflow",
  "ownership-change",
  "proxy-upgrade",
  "revert",
] as const;

export type TxPolicyRule = (typeof txPolicyRules)[number];
export type TxVerdict = "allow" | "warn" | "block";

/** A resolved policy: every rule has an action. */
export interface TxFirewallPolicy {
  rules: Readonly<Record<TxPolicyRule, TxVerdict>>;
  /** `large-outflow` matches above this share (percent, 0–100) of the sender's balance of one asset. */
  largeOutflowPercent: number;
  /** Spenders exempt from the EOA and unknown-contract approval rules; lower-case. */
  trustedSpenders: readonly Address[];
}

/** What a caller configures: any subset; the rest comes from defaultTxFirewallPolicy. */
export interface TxFirewallPolicyInput {
  rules?: Partial<Record<TxPolicyRule, TxVerdict>>;
  largeOutflowPercent?: number;
  /** Replaces the default list (Permit2) when given. */
  trustedSpenders?: readonly string[];
}

/** Permit2 (the same address on every chain it is deployed to): unlimited approvals to it are the norm. */
export const PERMIT2_ADDRESS: Address = "0x000000000022d473030f116ddee9f6b43ac78ba3";

export const defaultTxFirewallPolicy: TxFirewallPolicy = Object.freeze({
  rules: Object.freeze({
    "flagged-address": "block",
    "flagged-sender": "warn",
    "unlimited-approval-to-eoa": "block",
    "approval-for-all-to-eoa": "block",
    "approval-to-eoa": "warn",
    "unlimited-approval-to-unknown": "warn",
    "approval-for-all-to-unknown": "warn",
    approval: "warn",
    "large-outflow": "warn",
    "ownership-change": "warn",
    "proxy-upgrade": "warn",
    revert: "warn",
  }),
  largeOutflowPercent: 50,
  trustedSpenders: Object.freeze([PERMIT2_ADDRESS]),
});

const verdictSchema = z.enum(["allow", "warn", "block"]);
const policySchema = z.strictObject({
  rules: z.partialRecord(z.enum(txPolicyRules), verdictSchema).optional(),
  largeOutflowPercent: z.number().min(0).max(100).optional(),
  trustedSpenders: z
    .array(z.string().refine((value) => isAddress(value, { strict: false }), { message: "not an address" }))
    .optional(),
});

/** Policies this module resolved (frozen): passing one again skips validation. */
const resolvedPolicies = new WeakSet<object>([defaultTxFirewallPolicy]);

/** Validates a policy input and fills in the defaults (a resolved policy is returned as is). Errors: InvalidInputError. */
export function resolveTxFirewallPolicy(
  input: TxFirewallPolicy | TxFirewallPolicyInput = {},
): TxFirewallPolicy {
  if (resolvedPolicies.has(input)) return input as TxFirewallPolicy;
  const parsed = policySchema.safeParse(input);
  if (!parsed.success)
    throw new InvalidInputError("invalid transaction firewall policy", issuesOf(parsed.error));
  const { rules, largeOutflowPercent, trustedSpenders } = parsed.data;
  const policy: TxFirewallPolicy = Object.freeze({
    rules: Object.freeze({ ...defaultTxFirewallPolicy.rules, ...rules }),
    largeOutflowPercent: largeOutflowPercent ?? defaultTxFirewallPolicy.largeOutflowPercent,
    trustedSpenders: Object.freeze(
      trustedSpenders === undefined
        ? defaultTxFirewallPolicy.trustedSpenders
        : [...new Set(trustedSpenders.map((address) => address.toLowerCase() as Address))].sort(),
    ),
  });
  resolvedPolicies.add(policy);
  return policy;
}

/** One rule that matched, with the action the policy gives it. */
export interface TxPolicyMatch {
  rule: TxPolicyRule;
  action: "warn" | "block";
  /** `policy:<rule>`. */
  source: string;
  /** What matched, e.g. "unlimited erc20 approval of 0x… to EOA 0x…". */
  detail: string;
}

export interface TxPolicyResult {
  verdict: TxVerdict;
  /** Matched rules whose action is warn or block: blocks first, then in txPolicyRules order. */
  matches: TxPolicyMatch[];
}

const severity: Record<TxVerdict, number> = { allow: 0, warn: 1, block: 2 };

/**
 * Judges a simulation's facts by a policy (resolved or an input, default: defaultTxFirewallPolicy).
 *
 * @example
 * const { verdict, matches } = evaluatePolicy(report.changes, { rules: { approval: "allow" } });
 */
export function evaluatePolicy(
  changes: TxChanges,
  policy: TxFirewallPolicy | TxFirewallPolicyInput = defaultTxFirewallPolicy,
): TxPolicyResult {
  const resolved =
    policy === defaultTxFirewallPolicy ? defaultTxFirewallPolicy : resolveTxFirewallPolicy(policy);
  const matches: TxPolicyMatch[] = [];
  for (const [rule, detail] of matchRules(changes, resolved)) {
    const action = resolved.rules[rule];
    if (action !== "allow") matches.push({ rule, action, source: `policy:${rule}`, detail });
  }
  const order = (rule: TxPolicyRule) => txPolicyRules.indexOf(rule);
  matches.sort((a, b) => severity[b.action] - severity[a.action] || order(a.rule) - order(b.rule));
  const verdict = matches[0]?.action ?? "allow";
  return { verdict, matches };
}

/** Rules that match, each with the detail of its first match, in txPolicyRules order. */
export function matchRules(changes: TxChanges, policy: TxFirewallPolicy): Map<TxPolicyRule, string> {
  const found = new Map<TxPolicyRule, string>();
  const hit = (rule: TxPolicyRule, detail: string) => {
    if (!found.has(rule)) found.set(rule, detail);
  };
  const sender = changes.tx.from;
  const trusted = new Set(policy.trustedSpenders);

  for (const entry of changes.flagged) {
    const what = `${entry.address} is labelled ${entry.labels.map((l) => `${l.label} (${l.sources.join(", ")})`).join(", ")}`;
    const counterpartyRoles = entry.roles.filter((role) => role !== "sender");
    if (counterpartyRoles.length > 0)
      hit("flagged-address", `${what}; role: ${counterpartyRoles.join(", ")}`);
    if (entry.roles.includes("sender")) hit("flagged-sender", `the sender ${what}`);
  }

  for (const approval of sendersGrants(changes.approvals, sender)) {
    const eoa = approval.spenderKind === "eoa" || approval.spenderKind === "eip7702";
    const exempt = trusted.has(approval.spender);
    const unknown = !eoa && !exempt && approval.spender !== changes.tx.to;
    const fungible = approval.kind === "erc20" || approval.kind === "permit2";
    const what = describeApproval(approval);
    if (fungible && approval.unlimited && eoa && !exempt) hit("unlimited-approval-to-eoa", what);
    else if (approval.kind === "approval-for-all" && eoa && !exempt) hit("approval-for-all-to-eoa", what);
    else if (eoa && !exempt) hit("approval-to-eoa", what);
    if (fungible && approval.unlimited && unknown) hit("unlimited-approval-to-unknown", what);
    if (approval.kind === "approval-for-all" && unknown) hit("approval-for-all-to-unknown", what);
    hit("approval", what);
  }

  for (const outflow of changes.outflows)
    if (outflow.percent !== null && outflow.percent > policy.largeOutflowPercent)
      hit(
        "large-outflow",
        `the sender loses ${outflow.percent}% of its ${outflow.kind === "native" ? "native" : `${outflow.kind} ${outflow.token}${outflow.tokenId === null ? "" : ` #${outflow.tokenId}`}`} balance (${outflow.amount} of ${outflow.balanceBefore}); threshold ${policy.largeOutflowPercent}%`,
      );

  for (const change of changes.ownershipChanges)
    hit(
      "ownership-change",
      `${change.contract}: ownership ${change.kind} from ${change.previousOwner} to ${change.newOwner}`,
    );
  for (const change of changes.proxyChanges)
    hit(
      "proxy-upgrade",
      `${change.proxy}: ${change.kind} ${change.previous ?? "(none)"} → ${change.current}`,
    );
  if (changes.failure !== null) hit("revert", `${changes.failure.kind}: ${changes.failure.reason}`);
  return found;
}

/** The approvals the sender grants (owner = sender, not revocations), in execution order. */
export function sendersGrants(approvals: readonly Approval[], sender: Address): Approval[] {
  return approvals.filter((approval) => approval.owner === sender && approval.granted);
}

export function describeApproval(approval: Approval): string {
  const kind = { contract: "contract", eoa: "EOA", eip7702: "EIP-7702 account" } as const;
  const to = `${approval.spenderKind === null ? "" : `${kind[approval.spenderKind]} `}${approval.spender}`;
  switch (approval.kind) {
    case "erc20":
    case "permit2":
      return `${approval.unlimited ? "unlimited" : approval.amount} ${approval.kind} allowance of ${approval.token} to ${to}`;
    case "erc721":
      return `approval of ${approval.token} #${approval.tokenId} to ${to}`;
    case "approval-for-all":
      return `ApprovalForAll on ${approval.token} to ${to}`;
  }
}
