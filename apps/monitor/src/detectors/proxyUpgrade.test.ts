import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { accounts } from "@palisade/testkit";
import { encodeFunctionData } from "viem";
import { monitorDemoAbis, send } from "../demo/attackDemo.ts";
import { startTestChain, type TestChain } from "../testChain.ts";
import { detect } from "./detector.ts";
import { EIP1967_SLOTS, proxyUpgrade } from "./proxyUpgrade.ts";

let chain: TestChain;
before(async () => {
  chain = await startTestChain();
});
after(() => chain?.stop());

const box = monitorDemoAbis.box;

test("upgradeToAndCall: Upgraded event and slot write, one high alert with the previous implementation", async () => {
  const { demo, clients } = chain;
  const owner = clients.wallet(accounts().deployer);
  const value = await send(
    owner,
    demo.box,
    encodeFunctionData({ abi: box, functionName: "setValue", args: [1n] }),
    0n,
    "set value",
  );
  assert.deepEqual(
    await detect(
      proxyUpgrade,
      chain.context(),
      await chain.observeMined(value.transactionHash),
      chain.reader,
    ),
    [],
  );

  const upgrade = await send(
    owner,
    demo.box,
    encodeFunctionData({ abi: box, functionName: "upgradeToAndCall", args: [demo.boxV2, "0x"] }),
    0n,
    "upgrade",
  );
  const obs = await chain.observeMined(upgrade.transactionHash);
  const [alert, ...rest] = await detect(proxyUpgrade, chain.context(), obs, chain.reader);
  assert.equal(rest.length, 0);
  assert.ok(alert?.type === "proxy-upgrade");
  assert.equal(alert.severity, "high");
  assert.equal(alert.evidence.proxy, demo.box.toLowerCase());
  assert.equal(alert.evidence.kind, "implementation");
  assert.equal(alert.evidence.previous, demo.boxV1.toLowerCase());
  assert.equal(alert.evidence.current, demo.boxV2.toLowerCase());
  assert.deepEqual(alert.evidence.via, ["event", "storage"]);
  assert.equal(alert.evidence.slot, EIP1967_SLOTS.implementation);
  assert.deepEqual(
    alert.addresses,
    [demo.box, demo.boxV2, demo.owner].map((a) => a.toLowerCase()),
  );

  // Not watched: nothing, though the event is there.
  assert.deepEqual(await detect(proxyUpgrade, chain.context({ version: 1 }), obs, chain.reader), []);
});

test("the backdoored implementation points the proxy elsewhere without an event: critical", async () => {
  const { demo, clients } = chain;
  const attacker = clients.wallet(accounts().attacker);
  const rewrite = await send(
    attacker,
    demo.box,
    encodeFunctionData({ abi: box, functionName: "backdoorSetImplementation", args: [demo.boxV1] }),
    0n,
    "rewrite",
  );
  const obs = await chain.observeMined(rewrite.transactionHash);
  const [alert, ...rest] = await detect(proxyUpgrade, chain.context(), obs, chain.reader);
  assert.equal(rest.length, 0);
  assert.ok(alert?.type === "proxy-upgrade");
  assert.equal(alert.severity, "critical");
  assert.deepEqual(alert.evidence.via, ["storage"]);
  assert.equal(alert.evidence.previous, demo.boxV2.toLowerCase());
  assert.equal(alert.evidence.current, demo.boxV1.toLowerCase());
  assert.equal(alert.addresses[2], demo.attacker.toLowerCase());
});
