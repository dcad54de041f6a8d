import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { accounts } from "@palisade/testkit";
import { encodeFunctionData, parseEther } from "viem";
import { attackCalldata, monitorDemoAbis, send } from "../demo/attackDemo.ts";
import { startTestChain, type TestChain } from "../testChain.ts";
import type { WatchFile } from "../watch.ts";
import { detect } from "./detector.ts";
import { largeOutflow } from "./largeOutflow.ts";

let chain: TestChain;
before(async () => {
  chain = await startTestChain();
});
after(() => chain?.stop());

test("a small borrow stays under 20 % (no alert); the exploit takes 100 % of the vault's WETH (critical)", async () => {
  const { demo, clients } = chain;
  const borrower = clients.wallet(accounts().stakers[0]);
  const deployer = clients.wallet(accounts().deployer);
  const erc20 = monitorDemoAbis.erc20;
  await send(
    deployer,
    demo.token,
    encodeFunctionData({
      abi: erc20,
      functionName: "transfer",
      args: [borrower.account.address, parseEther("100000")],
    }),
    0n,
    "fund",
  );
  await send(
    borrower,
    demo.token,
    encodeFunctionData({ abi: erc20, functionName: "approve", args: [demo.vault, parseEther("100000")] }),
    0n,
    "approve",
  );
  await send(
    borrower,
    demo.vault,
    encodeFunctionData({
      abi: monitorDemoAbis.vault,
      functionName: "depositCollateral",
      args: [parseEther("100000")],
    }),
    0n,
    "deposit",
  );
  // 1.5 WETH of 100: 1.5 % of the vault.
  const borrow = await send(
    borrower,
    demo.vault,
    encodeFunctionData({ abi: monitorDemoAbis.vault, functionName: "borrow", args: [parseEther("1.5")] }),
    0n,
    "borrow",
  );
  assert.deepEqual(
    await detect(
      largeOutflow,
      chain.context(),
      await chain.observeMined(borrow.transactionHash),
      chain.reader,
    ),
    [],
  );

  const attack = await send(
    clients.wallet(accounts().attacker),
    demo.exploit,
    attackCalldata(),
    0n,
    "attack",
  );
  const obs = await chain.observeMined(attack.transactionHash);
  const alerts = await detect(largeOutflow, chain.context(), obs, chain.reader);
  assert.equal(alerts.length, 1);
  const [alert] = alerts;
  assert.ok(alert?.type === "large-outflow");
  assert.equal(alert.severity, "critical");
  assert.equal(alert.evidence.contract, demo.vault.toLowerCase());
  assert.equal(alert.evidence.label, "DemoLendingVault");
  assert.deepEqual(alert.evidence.flows, [
    {
      asset: demo.weth.toLowerCase(),
      outflow: parseEther("98.5").toString(),
      inflow: "0",
      net: parseEther("98.5").toString(),
      balanceBefore: parseEther("98.5").toString(),
      shareBps: 10_000,
      rule: "percent",
      recipients: [demo.exploit.toLowerCase()],
    },
  ]);
  assert.deepEqual(
    alert.addresses,
    [demo.vault, demo.exploit, demo.attacker].map((a) => a.toLowerCase()),
  );
  assert.match(alert.title, /100\.00 %/);
});

test("native ether out of a watched contract, and an absolute threshold", async () => {
  const { demo, clients, client } = chain;
  const deployer = clients.wallet(accounts().deployer);
  // WETH9 holds every wrapped ether; unwrapping sends native ether out of it.
  const held = await client.getBalance({ address: demo.weth });
  const watchWeth: WatchFile = {
    version: 1,
    contracts: [
      {
        address: demo.weth,
        label: "WETH9",
        outflow: { minPercent: 25, minAmount: { native: parseEther("50").toString() } },
      },
    ],
  };
  await send(
    deployer,
    demo.weth,
    encodeFunctionData({ abi: monitorDemoAbis.weth, functionName: "deposit" }),
    parseEther("61"),
    "wrap 61",
  );
  const small = await send(
    deployer,
    demo.weth,
    encodeFunctionData({ abi: monitorDemoAbis.weth, functionName: "withdraw", args: [parseEther("1")] }),
    0n,
    "unwrap 1",
  );
  assert.deepEqual(
    await detect(
      largeOutflow,
      chain.context(watchWeth),
      await chain.observeMined(small.transactionHash, watchWeth),
      chain.reader,
    ),
    [],
  );

  const large = await send(
    deployer,
    demo.weth,
    encodeFunctionData({ abi: monitorDemoAbis.weth, functionName: "withdraw", args: [parseEther("60")] }),
    0n,
    "unwrap 60",
  );
  const obs = await chain.observeMined(large.transactionHash, watchWeth);
  const [alert, ...rest] = await detect(largeOutflow, chain.context(watchWeth), obs, chain.reader);
  assert.equal(rest.length, 0);
  assert.ok(alert?.type === "large-outflow");
  const [flow] = alert.evidence.flows;
  assert.equal(flow?.asset, "native");
  assert.equal(flow?.net, parseEther("60").toString());
  assert.equal(flow?.balanceBefore, (held + parseEther("61") - parseEther("1")).toString());
  // 60 of ~1 219 ETH is under 25 %: the 50 ETH amount threshold is what fired.
  assert.equal(flow?.rule, "amount");
  assert.equal(alert.severity, "high");
  assert.deepEqual(alert.evidence.thresholds, {
    minPercent: 25,
    minAmount: { native: parseEther("50").toString() },
  });
});
