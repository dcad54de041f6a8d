import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { encodeFunctionData, maxUint256, parseEther } from "viem";
import { createTxFirewall, type TxFirewall } from "./createTxFirewall.ts";
import { evaluatePolicy } from "./policy.ts";
import {
  boxAbi,
  erc20Abi,
  type FirewallFixture,
  FRIEND_EOA,
  nftAbi,
  STRANGER_EOA,
  startFirewallFixture,
  USER_LST,
} from "./testFixture.ts";

let f: FirewallFixture;
let firewall: TxFirewall;
let from: `0x${string}`;

before(async () => {
  f = await startFirewallFixture();
  firewall = createTxFirewall({ labels: f.labels });
  from = f.user.address.toLowerCase() as `0x${string}`;
});
after(() => f?.anvil.stop());

const simulate = (tx: { to: string; value?: bigint; data?: `0x${string}` }) =>
  firewall.simulate(f.client, { from, ...tx });

describe("ownership, proxies, reverts", () => {
  test("a proxy upgrade warns and names the new implementation", async () => {
    const data = encodeFunctionData({ abi: boxAbi, functionName: "upgradeToAndCall", args: [f.boxV2, "0x"] });
    const report = await simulate({ to: f.proxy, data });
    assert.equal(report.verdict, "warn");
    assert.equal(report.rules[0]?.rule, "proxy-upgrade");
    assert.equal(report.fields.new_implementation, f.boxV2);
    assert.deepEqual(report.changes.proxyChanges, [
      {
        proxy: f.proxy,
        kind: "implementation",
        previous: f.boxV1,
        current: f.boxV2,
        evidence: ["event", "storage"],
      },
    ]);
  });

  test("an ownership transfer warns", async () => {
    const data = encodeFunctionData({ abi: nftAbi, functionName: "transferOwnership", args: [STRANGER_EOA] });
    const report = await simulate({ to: f.nft, data });
    assert.equal(report.verdict, "warn");
    assert.deepEqual(report.changes.ownershipChanges, [
      { contract: f.nft, kind: "transferred", previousOwner: from, newOwner: STRANGER_EOA },
    ]);
    assert.ok(report.flags.includes("ownership_change"));
  });

  test("a reverting transaction is reported as a revert with its decoded reason", async () => {
    const data = encodeFunctionData({
      abi: erc20Abi,
      functionName: "transfer",
      args: [FRIEND_EOA, USER_LST + 1n],
    });
    const report = await simulate({ to: f.lst, data });
    assert.equal(report.changes.status, "reverted");
    assert.equal(report.verdict, "warn");
    assert.equal(report.rules[0]?.rule, "revert");
    assert.equal(report.fields.tx_reverted, true);
    assert.equal(
      report.fields.revert_reason,
      `ERC20InsufficientBalance(${from}, ${USER_LST}, ${USER_LST + 1n})`,
    );
    assert.deepEqual(report.changes.transfers, []);
  });

  test("a transaction the node refuses (value above the balance) is reported as invalid", async () => {
    const report = await simulate({ to: FRIEND_EOA, value: parseEther("1000000") });
    assert.equal(report.changes.status, "invalid");
    assert.equal(report.changes.failure?.kind, "invalid");
    assert.match(report.fields.revert_reason ?? "", /insufficient funds/i);
    assert.equal(report.verdict, "warn");
  });
});

describe("the policy is configurable", () => {
  test("the same approval is blocked, warned or allowed as the policy says", async () => {
    const data = encodeFunctionData({
      abi: erc20Abi,
      functionName: "approve",
      args: [STRANGER_EOA, maxUint256],
    });
    const lenient = createTxFirewall({
      labels: f.labels,
      policy: { rules: { "unlimited-approval-to-eoa": "warn" } },
    });
    const report = await lenient.simulate(f.client, { from, to: f.lst, data });
    assert.equal(report.verdict, "warn");
    assert.equal(report.rules[0]?.rule, "unlimited-approval-to-eoa");
    assert.equal(report.rules[0]?.action, "warn");
    // evaluatePolicy re-judges the stored facts under another policy, without the chain.
    const off = {
      "unlimited-approval-to-eoa": "allow",
      "approval-to-eoa": "allow",
      approval: "allow",
    } as const;
    assert.deepEqual(evaluatePolicy(report.changes, { rules: off }), { verdict: "allow", matches: [] });
    assert.equal(evaluatePolicy(report.changes).verdict, "block");
  });

  test("the large-outflow threshold: 60 % of the LST balance warns at 50 %, passes at 70 %", async () => {
    const data = encodeFunctionData({
      abi: erc20Abi,
      functionName: "transfer",
      args: [FRIEND_EOA, (USER_LST * 6n) / 10n],
    });
    const report = await simulate({ to: f.lst, data });
    assert.equal(report.verdict, "warn");
    assert.equal(report.fields.large_outflow, true);
    assert.equal(report.fields.max_outflow_percent, 60);
    assert.equal(evaluatePolicy(report.changes, { largeOutflowPercent: 70 }).verdict, "allow");
    const strict = createTxFirewall({ policy: { rules: { "large-outflow": "block" } } });
    assert.equal((await strict.simulate(f.client, { from, to: f.lst, data })).verdict, "block");
  });

  test("a revert can be made to block; a bad policy is refused at creation", async () => {
    const strict = createTxFirewall({ policy: { rules: { revert: "block" } } });
    const data = encodeFunctionData({
      abi: erc20Abi,
      functionName: "transfer",
      args: [FRIEND_EOA, USER_LST + 1n],
    });
    assert.equal((await strict.simulate(f.client, { from, to: f.lst, data })).verdict, "block");
    assert.throws(() => createTxFirewall({ policy: { rules: { revert: "deny" as "block" } } }), {
      name: "InvalidInputError",
    });
    assert.throws(() => createTxFirewall({ policy: { largeOutflowPercent: 150 } }), {
      name: "InvalidInputError",
    });
  });
});
