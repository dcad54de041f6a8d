import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { accounts } from "@palisade/testkit";
import { encodeFunctionData, type Hex, parseEther } from "viem";
import { alertSchema } from "../alert.ts";
import { attackCalldata, monitorDemoAbis, send } from "../demo/attackDemo.ts";
import { reproduceAlert } from "../reproduce.ts";
import { startTestChain, type TestChain } from "../testChain.ts";
import { detect } from "./detector.ts";
import { flashLoan } from "./flashLoan.ts";

let chain: TestChain;
before(async () => {
  chain = await startTestChain();
});
after(() => chain?.stop());

const attacker = () => chain.clients.wallet(accounts().attacker);

test("the exploit seen pending and mined: one critical alert, same id, with the loan, the swap and the drain", async () => {
  const { demo, client } = chain;
  await chain.clients.test.setAutomine(false);
  let hash: Hex;
  try {
    hash = await attacker().sendTransaction({ to: demo.exploit, data: attackCalldata(), gas: 1_000_000n });
    const pending = await chain.observePendingTx(hash);
    assert.ok(pending, "the attack succeeds in simulation");
    assert.equal(pending.source, "mempool");
    const [early] = await detect(flashLoan, chain.context(), pending, chain.reader);
    assert.ok(early, "detected while pending");
    assert.equal(early.block, null);
    assert.equal(early.source, "mempool");
    await chain.clients.test.mine({ blocks: 1 });
    const obs = await chain.observeMined(hash);
    const alerts = await detect(flashLoan, chain.context(), obs, chain.reader);
    assert.equal(alerts.length, 1);
    const [alert] = alerts;
    assert.ok(alert && alert.type === "flash-loan-exploit");
    assert.equal(alert.id, early.id, "pending and mined detections share the id");
    assert.equal(alert.severity, "critical");
    assert.equal(alert.source, "block");
    assert.equal(alert.block, obs.block);
    assert.equal(alert.detector, "flash-loan-exploit@1");
    assert.deepEqual(
      alert.addresses,
      [demo.vault, demo.exploit, demo.attacker].map((a) => a.toLowerCase()),
    );
    const { loan, manipulations, outflows } = alert.evidence;
    assert.equal(loan.kind, "erc3156");
    assert.equal(loan.lender, demo.lender.toLowerCase());
    assert.equal(loan.receiver, demo.exploit.toLowerCase());
    assert.equal(loan.asset, demo.weth.toLowerCase());
    assert.equal(loan.amount, parseEther("90").toString());
    assert.equal(loan.repaid, ((parseEther("90") * 10_009n) / 10_000n).toString(), "amount + 9 bps");
    assert.equal(loan.callback, "0x23e30c8b", "onFlashLoan");
    assert.equal(manipulations.length, 2, "buy, then sell back");
    const [buy] = manipulations;
    assert.equal(buy?.pair, demo.pair.toLowerCase());
    assert.ok(buy?.reservesBefore, "reserves read at the parent block");
    // token1/token0: WETH is token0 here, so the CLEAN-per-WETH price falls ~99 % (CLEAN's rises ~100×).
    assert.ok(
      Math.abs(buy?.priceMoveBps ?? 0) >= 9_000,
      `the buy moves the price (${buy?.priceMoveBps} bps)`,
    );
    assert.deepEqual(outflows, [
      {
        contract: demo.vault.toLowerCase(),
        asset: demo.weth.toLowerCase(),
        amount: parseEther("100").toString(),
        to: demo.exploit.toLowerCase(),
      },
    ]);
    assert.equal(alert.evidence.stateBlock, (obs.block as number) - 1);
    assert.equal(alert.evidence.transaction.input, attackCalldata());
    // The draft validates once stamped; re-evaluating the same observation and facts gives the same draft.
    alertSchema.parse({ ...alert, detectedAt: Date.now() });
    const facts = await flashLoan.gather(chain.context(), obs, chain.reader);
    assert.deepEqual(flashLoan.evaluate(chain.context(), obs, facts), alerts);
    // An operator re-running the detectors on what each alert names reaches the same drafts, the pending
    // one included (simulated again at its stateBlock, after it was mined).
    for (const draft of [early, alert])
      assert.deepEqual(
        await reproduceAlert(client, chain.context(), alertSchema.parse({ ...draft, detectedAt: 1 })),
        draft,
      );
  } finally {
    await chain.clients.test.setAutomine(true);
  }
});

test("negative: the same kind of attack on a vault nobody watches, and a plain borrow, raise nothing", async () => {
  const { demo } = chain;
  // A fresh vault was drained above; this attack reverts (nothing to borrow), so exercise the detector on
  // the mined attack again with a watch file that does not name the vault.
  const unwatched = { ...chain.watchFile, contracts: [] };
  const block = await chain.observeBlockOf(await latestAttack(), unwatched);
  for (const obs of block.transactions)
    assert.deepEqual(await detect(flashLoan, chain.context(unwatched), obs, chain.reader), []);

  // A borrower deposits collateral and borrows 1 WETH: value leaves the vault, but with no flash loan.
  const borrower = chain.clients.wallet(accounts().stakers[0]);
  const deployer = chain.clients.wallet(accounts().deployer);
  await send(
    deployer,
    demo.token,
    encodeFunctionData({
      abi: monitorDemoAbis.erc20,
      functionName: "transfer",
      args: [borrower.account.address, parseEther("10000")],
    }),
    0n,
    "fund",
  );
  await send(
    borrower,
    demo.token,
    encodeFunctionData({
      abi: monitorDemoAbis.erc20,
      functionName: "approve",
      args: [demo.vault, parseEther("10000")],
    }),
    0n,
    "approve",
  );
  await send(
    borrower,
    demo.vault,
    encodeFunctionData({
      abi: monitorDemoAbis.vault,
      functionName: "depositCollateral",
      args: [parseEther("10000")],
    }),
    0n,
    "deposit",
  );
  await send(
    deployer,
    demo.weth,
    encodeFunctionData({ abi: monitorDemoAbis.weth, functionName: "deposit" }),
    parseEther("5"),
    "wrap",
  );
  await send(
    deployer,
    demo.weth,
    encodeFunctionData({
      abi: monitorDemoAbis.weth,
      functionName: "transfer",
      args: [demo.vault, parseEther("5")],
    }),
    0n,
    "refill the vault",
  );
  const receipt = await send(
    borrower,
    demo.vault,
    encodeFunctionData({ abi: monitorDemoAbis.vault, functionName: "borrow", args: [parseEther("0.001")] }),
    0n,
    "borrow",
  );
  const obs = await chain.observeMined(receipt.transactionHash);
  assert.equal(obs.traced, true, "a transaction to a watched contract is traced");
  assert.deepEqual(await detect(flashLoan, chain.context(), obs, chain.reader), []);
});

let attackHash: Hex | undefined;
async function latestAttack(): Promise<Hex> {
  if (attackHash) return attackHash;
  const logs = await chain.client.getLogs({ address: chain.demo.exploit, fromBlock: 0n });
  const last = logs.at(-1);
  if (!last?.transactionHash) throw new Error("no attack mined");
  attackHash = last.transactionHash;
  return attackHash;
}
