import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { accounts, uniswapArtifact } from "@palisade/testkit";
import { encodeFunctionData, maxUint256, parseEther } from "viem";
import { attackCalldata, DEMO_FEED_ANSWER, monitorDemoAbis, send } from "../demo/attackDemo.ts";
import { startTestChain, type TestChain } from "../testChain.ts";
import { detect } from "./detector.ts";
import { oracleDeviation } from "./oracleDeviation.ts";

let chain: TestChain;
before(async () => {
  chain = await startTestChain();
});
after(() => chain?.stop());

test("a 0.1 WETH buy moves CLEAN/WETH ~2 % (no alert); the exploit's buy moves it ~100× (critical)", async () => {
  const { demo, dex, clients } = chain;
  const trader = clients.wallet(accounts().stakers[0]);
  const swap = await send(
    trader,
    dex.router,
    encodeFunctionData({
      abi: uniswapArtifact("UniswapV2Router02").abi,
      functionName: "swapExactETHForTokens",
      args: [0n, [dex.weth, demo.token], trader.account.address, maxUint256],
    }),
    parseEther("0.1"),
    "swap",
  );
  assert.deepEqual(
    await detect(
      oracleDeviation,
      chain.context(),
      await chain.observeMined(swap.transactionHash),
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
  const [alert, ...rest] = await detect(oracleDeviation, chain.context(), obs, chain.reader);
  assert.equal(rest.length, 0);
  assert.ok(alert?.type === "oracle-deviation");
  assert.equal(alert.severity, "critical");
  assert.equal(alert.evidence.oracle, demo.pair.toLowerCase());
  assert.equal(alert.evidence.kind, "uniswap-v2-pair");
  assert.equal(alert.evidence.direction, "up", "WETH per CLEAN rises when CLEAN is bought");
  assert.ok(alert.evidence.deviationBps > 900_000, `~100× (${alert.evidence.deviationBps} bps)`);
  assert.equal(alert.evidence.thresholdBps, 1_000);
  const price = (point: typeof alert.evidence.reference) => ("price" in point ? BigInt(point.price) : 0n);
  // The sell-back brings the price down again, but not all the way: the worst point is mid-transaction.
  assert.ok(price(alert.evidence.final) < price(alert.evidence.observed));
  assert.ok(price(alert.evidence.final) > price(alert.evidence.reference));
  assert.equal(alert.addresses[0], demo.pair.toLowerCase());
});

test("a Chainlink-style feed: 2000 → 1500 (25 %) is high, 1500 → 1510 is nothing", async () => {
  const { demo, clients } = chain;
  const owner = clients.wallet(accounts().deployer);
  const update = (answer: bigint) =>
    send(
      owner,
      demo.feed,
      encodeFunctionData({ abi: monitorDemoAbis.feed, functionName: "updateAnswer", args: [answer] }),
      0n,
      "update",
    );
  const drop = await update((DEMO_FEED_ANSWER * 3n) / 4n);
  const obs = await chain.observeMined(drop.transactionHash);
  const [alert, ...rest] = await detect(oracleDeviation, chain.context(), obs, chain.reader);
  assert.equal(rest.length, 0);
  assert.ok(alert?.type === "oracle-deviation");
  assert.equal(alert.severity, "high");
  assert.equal(alert.evidence.kind, "chainlink");
  assert.equal(alert.evidence.deviationBps, 2_500);
  assert.equal(alert.evidence.direction, "down");
  assert.deepEqual(alert.evidence.reference, { answer: DEMO_FEED_ANSWER.toString(), roundId: "1" });
  assert.deepEqual(alert.evidence.observed, {
    answer: ((DEMO_FEED_ANSWER * 3n) / 4n).toString(),
    roundId: "2",
  });

  const nudge = await update(1_510n * 10n ** 8n);
  assert.deepEqual(
    await detect(
      oracleDeviation,
      chain.context(),
      await chain.observeMined(nudge.transactionHash),
      chain.reader,
    ),
    [],
  );
});
