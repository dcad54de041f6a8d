import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { accounts, uniswapArtifact } from "@palisade/testkit";
import { type Address, encodeFunctionData, maxUint256, parseEther } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { approveAllCalldata, monitorDemoAbis, send } from "../demo/attackDemo.ts";
import { startTestChain, type TestChain } from "../testChain.ts";
import { approvalDrain } from "./approvalDrain.ts";
import { detect } from "./detector.ts";

let chain: TestChain;
before(async () => {
  chain = await startTestChain();
  // Three victims holding CLEAN.
  const deployer = chain.clients.wallet(accounts().deployer);
  for (const victim of accounts().stakers)
    await send(
      deployer,
      chain.demo.token,
      encodeFunctionData({
        abi: monitorDemoAbis.erc20,
        functionName: "transfer",
        args: [victim.address, parseEther("1000")],
      }),
      0n,
      "fund a victim",
    );
});
after(() => chain?.stop());

const victims = () => accounts().stakers;
const lower = (address: Address) => address.toLowerCase();

test("a drainer contract pulls from three owners in one transaction: many-owners; a router swap: nothing", async () => {
  const { demo, dex, clients } = chain;
  // The victim buys through the router: the router pulls from the victim, who sent the transaction.
  const [first] = victims();
  const trader = clients.wallet(first);
  await send(trader, demo.token, approveAllCalldata(dex.router), 0n, "approve the router");
  const sell = await send(
    trader,
    dex.router,
    encodeFunctionData({
      abi: uniswapArtifact("UniswapV2Router02").abi,
      functionName: "swapExactTokensForETH",
      args: [parseEther("10"), 0n, [demo.token, dex.weth], first.address, maxUint256],
    }),
    0n,
    "sell",
  );
  assert.deepEqual(
    await detect(
      approvalDrain,
      chain.context(),
      await chain.observeMined(sell.transactionHash),
      chain.reader,
    ),
    [],
  );

  for (const victim of victims())
    await send(
      clients.wallet(victim),
      demo.token,
      approveAllCalldata(demo.drainer),
      0n,
      "approve the drainer",
    );
  const drain = await send(
    clients.wallet(accounts().attacker),
    demo.drainer,
    encodeFunctionData({
      abi: monitorDemoAbis.drainer,
      functionName: "drain",
      args: [demo.token, victims().map((v) => v.address), demo.attacker],
    }),
    0n,
    "drain",
  );
  const obs = await chain.observeMined(drain.transactionHash);
  assert.equal(obs.traced, true, "three owners losing tokens in a transaction they did not send: traced");
  const alerts = await detect(approvalDrain, chain.context(), obs, chain.reader);
  assert.equal(alerts.length, 1);
  const [alert] = alerts;
  assert.ok(alert?.type === "approval-drain");
  assert.equal(alert.severity, "high");
  const evidence = alert.evidence;
  assert.equal(evidence.pattern, "many-owners");
  assert.equal(evidence.window, "transaction");
  assert.equal(evidence.spender, lower(demo.drainer));
  assert.equal(evidence.spenderKind, "contract");
  assert.equal(evidence.spenderLabel, "demo drainer");
  assert.equal(evidence.spenderFrom, "trace");
  assert.deepEqual(
    evidence.owners,
    victims().map((v) => lower(v.address)),
  );
  assert.equal(evidence.pulls.length, 3);
  assert.deepEqual(alert.addresses, [
    ...victims().map((v) => lower(v.address)),
    lower(demo.drainer),
    lower(demo.attacker),
  ]);
});

test("approval to an EOA, then the EOA pulls with transferFrom: labelled → critical, fresh → high", async () => {
  const { demo, clients } = chain;
  const deployer = clients.wallet(accounts().deployer);
  const victim = accounts().deployer; // holds the rest of CLEAN's supply
  await send(deployer, demo.token, approveAllCalldata(demo.attacker), 0n, "approve the attacker EOA");
  const pull = (spender: ReturnType<typeof clients.wallet>, amount: bigint) =>
    send(
      spender,
      demo.token,
      encodeFunctionData({
        abi: monitorDemoAbis.erc20,
        functionName: "transferFrom",
        args: [victim.address, spender.account.address, amount],
      }),
      0n,
      "pull",
    );
  const labelled = await pull(clients.wallet(accounts().attacker), parseEther("5"));
  const obs = await chain.observeMined(labelled.transactionHash);
  assert.equal(obs.traced, false, "one owner, nothing watched: the receipt is enough");
  const [alert, ...rest] = await detect(approvalDrain, chain.context(), obs, chain.reader);
  assert.equal(rest.length, 0);
  assert.ok(alert?.type === "approval-drain");
  assert.equal(alert.severity, "critical");
  assert.equal(alert.evidence.pattern, "approval-to-eoa");
  assert.equal(alert.evidence.spenderKind, "eoa");
  assert.equal(alert.evidence.spenderLabel, "demo attacker");
  assert.equal(alert.evidence.spenderFrom, "receipt");
  assert.equal(alert.evidence.approvals.length, 1, "the Approval log found in the look-back window");
  assert.ok((alert.evidence.approvals[0]?.block ?? 0) < (obs.block ?? 0));

  const fresh = privateKeyToAccount(`0x${"42".repeat(32)}`);
  await clients.test.setBalance({ address: fresh.address, value: parseEther("1") });
  await send(deployer, demo.token, approveAllCalldata(fresh.address), 0n, "approve a fresh EOA");
  const byFresh = await pull(clients.wallet(fresh), parseEther("1"));
  const [freshAlert] = await detect(
    approvalDrain,
    chain.context(),
    await chain.observeMined(byFresh.transactionHash),
    chain.reader,
  );
  assert.ok(freshAlert?.type === "approval-drain");
  assert.equal(freshAlert.severity, "high");
  assert.equal(freshAlert.evidence.spenderNonce, 0);
  assert.equal(freshAlert.evidence.spenderLabel, null);
});

test("one EOA pulls from three owners across three transactions of a block: the block-wide alert", async () => {
  const { demo, clients } = chain;
  const spender = privateKeyToAccount(`0x${"43".repeat(32)}`);
  await clients.test.setBalance({ address: spender.address, value: parseEther("1") });
  const deployer = clients.wallet(accounts().deployer);
  for (const victim of victims()) {
    // The drainer of the first test took everything: fund again.
    await send(
      deployer,
      demo.token,
      encodeFunctionData({
        abi: monitorDemoAbis.erc20,
        functionName: "transfer",
        args: [victim.address, parseEther("10")],
      }),
      0n,
      "fund",
    );
    await send(clients.wallet(victim), demo.token, approveAllCalldata(spender.address), 0n, "approve");
  }
  await clients.test.setAutomine(false);
  try {
    const wallet = clients.wallet(spender);
    const hashes = [];
    for (const [nonce, victim] of victims().entries())
      hashes.push(
        await wallet.sendTransaction({
          to: demo.token,
          nonce,
          gas: 100_000n,
          data: encodeFunctionData({
            abi: monitorDemoAbis.erc20,
            functionName: "transferFrom",
            args: [victim.address, spender.address, parseEther("1")],
          }),
        }),
      );
    await clients.test.mine({ blocks: 1 });
    const block = await chain.observeBlockOf(hashes[2] as `0x${string}`);
    assert.equal(block.transactions.length, 3);
    const ctx = chain.context();
    const alerts = approvalDrain.evaluateBlock(
      ctx,
      block,
      await approvalDrain.gatherBlock(ctx, block, chain.reader),
    );
    assert.equal(alerts.length, 1);
    const [alert] = alerts;
    assert.ok(alert?.type === "approval-drain");
    assert.equal(alert.evidence.window, "block");
    assert.equal(alert.evidence.pattern, "many-owners");
    assert.equal(alert.tx, (hashes[2] as string).toLowerCase(), "the transaction that reached three owners");
    assert.deepEqual(
      alert.evidence.owners,
      victims().map((v) => lower(v.address)),
    );
    assert.equal(new Set(alert.evidence.pulls.map((p) => p.tx)).size, 3);
  } finally {
    await clients.test.setAutomine(true);
  }
});
