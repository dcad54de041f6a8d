import assert from "node:assert/strict";
import { test } from "node:test";
import {
  defaultTxFirewallPolicy,
  evaluatePolicy,
  PERMIT2_ADDRESS,
  resolveTxFirewallPolicy,
  txPolicyRules,
} from "./policy.ts";
import { buildTxFirewallReport } from "./txReport.ts";
import type { Approval, TxChanges } from "./types.ts";

const SENDER = "0x00000000000000000000000000000000000000aa";
const ROUTER = "0x00000000000000000000000000000000000000bb";
const TOKEN = "0x00000000000000000000000000000000000000cc";
const OTHER = "0x00000000000000000000000000000000000000dd";

function changes(overrides: Partial<TxChanges> = {}): TxChanges {
  return {
    chainId: 1,
    block: 100,
    backend: "eth_simulateV1",
    coverage: { callFrames: false, storageWrites: false },
    tx: { from: SENDER, to: ROUTER, value: "0", data: "0x", gas: null },
    status: "success",
    failure: null,
    gasUsed: 21_000,
    transfers: [],
    assetChanges: [],
    outflows: [],
    approvals: [],
    ownershipChanges: [],
    proxyChanges: [],
    flagged: [],
    listsChecked: true,
    labelsDigest: null,
    ...overrides,
  };
}

const approval = (fields: Partial<Approval>): Approval => ({
  kind: "erc20",
  contract: TOKEN,
  token: TOKEN,
  owner: SENDER,
  spender: OTHER,
  amount: ((1n << 256n) - 1n).toString(),
  tokenId: null,
  granted: true,
  unlimited: true,
  expiration: null,
  spenderKind: "contract",
  ...fields,
});

const rules = (c: TxChanges, policy = {}) =>
  evaluatePolicy(c, policy).matches.map((m) => `${m.action}:${m.rule}`);

test("nothing risky: allow, no matches", () => {
  assert.deepEqual(evaluatePolicy(changes()), { verdict: "allow", matches: [] });
});

test("unlimited approvals: to an EOA or EIP-7702 account block; to the tx's target or Permit2 only warn as approvals", () => {
  assert.deepEqual(rules(changes({ approvals: [approval({ spenderKind: "eip7702" })] })), [
    "block:unlimited-approval-to-eoa",
    "warn:approval",
  ]);
  assert.deepEqual(rules(changes({ approvals: [approval({})] })), [
    "warn:unlimited-approval-to-unknown",
    "warn:approval",
  ]);
  assert.deepEqual(rules(changes({ approvals: [approval({ spender: ROUTER })] })), ["warn:approval"]);
  assert.deepEqual(rules(changes({ approvals: [approval({ spender: PERMIT2_ADDRESS })] })), [
    "warn:approval",
  ]);
  // A finite approval to an EOA (drainers ask for the exact balance): approval-to-eoa.
  assert.deepEqual(
    rules(changes({ approvals: [approval({ unlimited: false, amount: "5", spenderKind: "eoa" })] })),
    ["warn:approval-to-eoa", "warn:approval"],
  );
});

test("approvals by other owners and revocations are not the sender's exposure", () => {
  assert.deepEqual(rules(changes({ approvals: [approval({ owner: ROUTER, spenderKind: null })] })), []);
  assert.deepEqual(
    rules(
      changes({
        approvals: [approval({ granted: false, amount: "0", unlimited: false, spenderKind: "eoa" })],
      }),
    ),
    [],
  );
});

test("flagged counterparties block, a flagged sender warns", () => {
  const labels = [{ label: "phishing", sources: ["l"] }];
  assert.deepEqual(
    rules(
      changes({
        flagged: [
          { address: OTHER, roles: ["recipient"], labels },
          { address: SENDER, roles: ["sender"], labels },
        ],
      }),
    ),
    ["block:flagged-address", "warn:flagged-sender"],
  );
});

test("blocks come first, then the rules' order; the verdict is the strongest action", () => {
  const c = changes({
    failure: { kind: "revert", reason: "x", data: "0x" },
    status: "reverted",
    approvals: [approval({ spenderKind: "eoa", kind: "approval-for-all", amount: null })],
  });
  const result = evaluatePolicy(c);
  assert.equal(result.verdict, "block");
  assert.deepEqual(
    result.matches.map((m) => m.rule),
    ["approval-for-all-to-eoa", "approval", "revert"],
  );
  assert.ok(result.matches.every((m) => m.source === `policy:${m.rule}`));
  assert.equal(evaluatePolicy(c, { rules: { "approval-for-all-to-eoa": "allow" } }).verdict, "warn");
});

test("resolveTxFirewallPolicy fills defaults and lower-cases trusted spenders", () => {
  const resolved = resolveTxFirewallPolicy({
    trustedSpenders: ["0x00000000000000000000000000000000000000BB"],
  });
  assert.deepEqual(resolved.trustedSpenders, [ROUTER]);
  assert.equal(resolved.largeOutflowPercent, 50);
  assert.deepEqual(Object.keys(defaultTxFirewallPolicy.rules).sort(), [...txPolicyRules].sort());
});

test("the report: flags sorted, each with a source and the block; list fields null without lists", () => {
  const report = buildTxFirewallReport(
    changes({ approvals: [approval({ spenderKind: "eoa" })], listsChecked: false }),
  );
  assert.deepEqual(report.flags, ["approval_granted", "approval_to_eoa", "unlimited_approval"]);
  for (const flag of report.flags) assert.deepEqual(report.sources[flag]?.block, 100);
  assert.equal(report.fields.sanctioned, null);
  assert.equal(report.fields.flagged_address_interaction, null);
  assert.equal(report.verdict, "block");
});
