import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { encodeFunctionData, maxUint256, parseEther } from "viem";
import { createTxFirewall, type TxFirewall } from "./createTxFirewall.ts";
import {
  erc20Abi,
  type FirewallFixture,
  FRIEND_EOA,
  forwarderAbi,
  multiTokenAbi,
  nftAbi,
  PHISHING_EOA,
  SANCTIONED_EOA,
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

describe("benign transactions are allowed", () => {
  test("an ETH transfer: allow, with the native change on both sides", async () => {
    const report = await simulate({ to: FRIEND_EOA, value: parseEther("1.5") });
    assert.equal(report.verdict, "allow");
    assert.deepEqual(report.flags, []);
    assert.deepEqual(report.rules, []);
    assert.equal(report.engine, "tx-firewall@1");
    assert.equal(report.fields.simulation_backend, "debug_traceCall");
    assert.equal(report.fields.native_outflow, parseEther("1.5").toString());
    assert.deepEqual(
      report.changes.assetChanges,
      [
        {
          address: FRIEND_EOA,
          kind: "native",
          token: null,
          tokenId: null,
          in: "1500000000000000000",
          out: "0",
          net: "1500000000000000000",
        },
        {
          address: from,
          kind: "native",
          token: null,
          tokenId: null,
          in: "0",
          out: "1500000000000000000",
          net: "-1500000000000000000",
        },
      ].sort((a, b) => (a.address < b.address ? -1 : 1)),
    );
    const balance = await f.client.getBalance({ address: from, blockNumber: BigInt(report.block) });
    assert.equal(report.changes.outflows[0]?.balanceBefore, balance.toString());
    assert.equal(report.fields.max_outflow_percent, 0.01);
    assert.equal(report.fields.flagged_address_interaction, false);
    assert.equal(report.fields.sanctioned, false);
    assert.equal(report.block, Number(await f.client.getBlockNumber({ cacheTime: 0 })));
  });

  test("an ERC20 transfer: allow, with the token, the amounts and the sender's share", async () => {
    const amount = parseEther("100");
    const data = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [FRIEND_EOA, amount] });
    const report = await simulate({ to: f.lst, data });
    assert.equal(report.verdict, "allow");
    assert.deepEqual(report.changes.transfers, [
      { kind: "erc20", token: f.lst, tokenId: null, from, to: FRIEND_EOA, amount: amount.toString() },
    ]);
    assert.deepEqual(report.changes.outflows, [
      {
        kind: "erc20",
        token: f.lst,
        tokenId: null,
        amount: amount.toString(),
        balanceBefore: USER_LST.toString(),
        percent: 10,
      },
    ]);
    assert.equal(report.fields.large_outflow, false);
  });

  test("NFT and ERC1155 batch transfers are asset changes with token ids", async () => {
    const nft = await simulate({
      to: f.nft,
      data: encodeFunctionData({ abi: nftAbi, functionName: "transferFrom", args: [from, FRIEND_EOA, 2n] }),
    });
    assert.deepEqual(nft.changes.transfers, [
      { kind: "erc721", token: f.nft, tokenId: "2", from, to: FRIEND_EOA, amount: "1" },
    ]);
    assert.equal(nft.verdict, "allow");
    const batch = await simulate({
      to: f.multi,
      data: encodeFunctionData({
        abi: multiTokenAbi,
        functionName: "safeBatchTransferFrom",
        args: [from, FRIEND_EOA, [1n, 2n], [3n, 10n], "0x"],
      }),
    });
    const received = batch.changes.assetChanges.filter((change) => change.address === FRIEND_EOA);
    assert.deepEqual(
      received.map((change) => [change.kind, change.tokenId, change.net]),
      [
        ["erc1155", "1", "3"],
        ["erc1155", "2", "10"],
      ],
    );
    // All 10 of id 2 leave: a 100 % outflow of that balance, so the default policy warns.
    assert.equal(batch.verdict, "warn");
    assert.equal(batch.rules[0]?.rule, "large-outflow");
    assert.equal(batch.fields.max_outflow_percent, 100);
  });
});

describe("drainer patterns are blocked", () => {
  test("an unlimited ERC20 approval to an unknown EOA: block by unlimited-approval-to-eoa", async () => {
    const data = encodeFunctionData({
      abi: erc20Abi,
      functionName: "approve",
      args: [STRANGER_EOA, maxUint256],
    });
    const report = await simulate({ to: f.lst, data });
    assert.equal(report.verdict, "block");
    assert.deepEqual(report.rules[0], {
      rule: "unlimited-approval-to-eoa",
      action: "block",
      source: "policy:unlimited-approval-to-eoa",
      detail: `unlimited erc20 allowance of ${f.lst} to EOA ${STRANGER_EOA}`,
    });
    assert.ok(report.rules.some((rule) => rule.rule === "approval" && rule.action === "warn"));
    for (const flag of ["approval_granted", "approval_to_eoa", "unlimited_approval"] as const) {
      assert.ok(report.flags.includes(flag), flag);
      assert.equal(report.sources[flag]?.source, "simulation:debug_traceCall");
      assert.equal(report.sources[flag]?.block, report.block);
    }
    assert.deepEqual(report.changes.approvals, [
      {
        kind: "erc20",
        contract: f.lst,
        token: f.lst,
        owner: from,
        spender: STRANGER_EOA,
        amount: maxUint256.toString(),
        tokenId: null,
        granted: true,
        unlimited: true,
        expiration: null,
        spenderKind: "eoa",
      },
    ]);
  });

  test("setApprovalForAll to an EOA: block by approval-for-all-to-eoa", async () => {
    const data = encodeFunctionData({
      abi: nftAbi,
      functionName: "setApprovalForAll",
      args: [STRANGER_EOA, true],
    });
    const report = await simulate({ to: f.nft, data });
    assert.equal(report.verdict, "block");
    assert.equal(report.rules[0]?.rule, "approval-for-all-to-eoa");
    assert.ok(report.flags.includes("approval_for_all"));
    // The same on an ERC1155 collection.
    const multi = await simulate({
      to: f.multi,
      data: encodeFunctionData({
        abi: multiTokenAbi,
        functionName: "setApprovalForAll",
        args: [STRANGER_EOA, true],
      }),
    });
    assert.equal(multi.rules[0]?.rule, "approval-for-all-to-eoa");
  });

  test("an unlimited approval to an unknown contract warns; to a trusted spender only the approval warns", async () => {
    const data = encodeFunctionData({
      abi: erc20Abi,
      functionName: "approve",
      args: [f.forwarder, maxUint256],
    });
    const report = await simulate({ to: f.lst, data });
    assert.equal(report.verdict, "warn");
    assert.deepEqual(
      report.rules.map((rule) => rule.rule),
      ["unlimited-approval-to-unknown", "approval"],
    );
    const trusting = createTxFirewall({ labels: f.labels, policy: { trustedSpenders: [f.forwarder] } });
    const trusted = await trusting.simulate(f.client, { from, to: f.lst, data });
    assert.deepEqual(
      trusted.rules.map((rule) => rule.rule),
      ["approval"],
    );
  });

  test("ETH sent to a listed address: block by flagged-address, with the list as the flag's source", async () => {
    const report = await simulate({ to: PHISHING_EOA, value: 1n });
    assert.equal(report.verdict, "block");
    assert.equal(report.rules[0]?.rule, "flagged-address");
    assert.equal(report.sources.flagged_address_interaction?.source, "list:test/phishing");
    assert.equal(report.sources.phishing_activities?.source, "list:test/phishing");
    assert.deepEqual(report.changes.flagged, [
      {
        address: PHISHING_EOA,
        roles: ["call", "recipient"],
        labels: [{ label: "phishing", sources: ["test/phishing"] }],
      },
    ]);
  });

  test("a call to a listed contract deep inside the transaction is found in the call frames", async () => {
    const relay = encodeFunctionData({
      abi: forwarderAbi,
      functionName: "tryForward",
      args: [FRIEND_EOA, "0x"],
    });
    const data = encodeFunctionData({
      abi: forwarderAbi,
      functionName: "forward",
      args: [f.flaggedContract, relay],
    });
    const report = await simulate({ to: f.forwarder, data });
    assert.equal(report.changes.status, "success");
    assert.equal(report.verdict, "block");
    assert.equal(report.fields.malicious_contract, true);
    assert.deepEqual(report.changes.flagged[0]?.roles, ["call"]);
  });

  test("labels apply per chain: a chain-31337 sanction counts here, not when judged for chain 1", async () => {
    const here = await simulate({ to: SANCTIONED_EOA, value: 1n });
    assert.equal(here.fields.sanctioned, true);
    assert.equal(here.sources.sanctioned?.source, "list:test/ofac");
    const elsewhere = await firewall.simulate(f.client, { from, to: SANCTIONED_EOA, value: 1n, chainId: 1 });
    assert.equal(elsewhere.fields.sanctioned, false);
    assert.equal(elsewhere.verdict, "allow");
  });
});
