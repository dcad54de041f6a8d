import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { accounts } from "@palisade/testkit";
import { encodeFunctionData } from "viem";
import { monitorDemoAbis, send } from "../demo/attackDemo.ts";
import { startTestChain, type TestChain } from "../testChain.ts";
import { OZ_OWNABLE_SLOT } from "../watch.ts";
import { detect } from "./detector.ts";
import { ownershipChange } from "./ownershipChange.ts";

let chain: TestChain;
before(async () => {
  chain = await startTestChain();
});
after(() => chain?.stop());

const box = monitorDemoAbis.box;

test("transferOwnership: event and owner-slot write, one high alert; setValue and an unwatched box: none", async () => {
  const { demo, clients } = chain;
  const owner = clients.wallet(accounts().deployer);
  const newOwner = accounts().stakers[1].address.toLowerCase();
  const value = await send(
    owner,
    demo.box,
    encodeFunctionData({ abi: box, functionName: "setValue", args: [7n] }),
    0n,
    "set value",
  );
  assert.deepEqual(
    await detect(
      ownershipChange,
      chain.context(),
      await chain.observeMined(value.transactionHash),
      chain.reader,
    ),
    [],
  );

  const transfer = await send(
    owner,
    demo.box,
    encodeFunctionData({ abi: box, functionName: "transferOwnership", args: [newOwner as `0x${string}`] }),
    0n,
    "transfer",
  );
  const obs = await chain.observeMined(transfer.transactionHash);
  const alerts = await detect(ownershipChange, chain.context(), obs, chain.reader);
  assert.equal(alerts.length, 1);
  const [alert] = alerts;
  assert.ok(alert?.type === "ownership-change");
  assert.equal(alert.severity, "high");
  assert.deepEqual(alert.evidence, {
    stateBlock: obs.stateBlock,
    transaction: alert.evidence.transaction,
    contract: demo.box.toLowerCase(),
    label: "DemoBox",
    previousOwner: demo.owner.toLowerCase(),
    newOwner,
    kind: "transferred",
    via: ["event", "storage"],
    slot: OZ_OWNABLE_SLOT,
  });
  assert.deepEqual(alert.addresses, [demo.box.toLowerCase(), newOwner, demo.owner.toLowerCase()]);

  const unwatched = { ...chain.watchFile, contracts: [] };
  assert.deepEqual(await detect(ownershipChange, chain.context(unwatched), obs, chain.reader), []);
});

test("a backdoored implementation rewrites the owner slot without an event: critical, seen in the storage diff", async () => {
  const { demo, clients } = chain;
  const current = clients.wallet(accounts().stakers[1]);
  await send(
    current,
    demo.box,
    encodeFunctionData({ abi: box, functionName: "upgradeToAndCall", args: [demo.boxV2, "0x"] }),
    0n,
    "upgrade",
  );
  const attacker = clients.wallet(accounts().attacker);
  const takeover = await send(
    attacker,
    demo.box,
    encodeFunctionData({ abi: box, functionName: "backdoorSetOwner", args: [demo.attacker] }),
    0n,
    "backdoor",
  );
  const obs = await chain.observeMined(takeover.transactionHash);
  assert.equal(obs.logs.length, 0, "no event at all");
  const [alert, ...rest] = await detect(ownershipChange, chain.context(), obs, chain.reader);
  assert.equal(rest.length, 0);
  assert.ok(alert?.type === "ownership-change");
  assert.equal(alert.severity, "critical");
  assert.deepEqual(alert.evidence.via, ["storage"]);
  assert.equal(alert.evidence.previousOwner, accounts().stakers[1].address.toLowerCase());
  assert.equal(alert.evidence.newOwner, demo.attacker.toLowerCase());
  assert.match(alert.title, /without an event/);
});
