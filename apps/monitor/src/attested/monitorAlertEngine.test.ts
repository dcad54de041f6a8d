// monitor-alert@1 on one anvil with Palisade's AVS (four registered operators), the demo DEX and the
// attack demo: the exploit seen pending and mined, an approval drain by a registered operator.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { operatorRegistryAbi } from "@palisade/abis";
import { InvalidInputError } from "@palisade/engines";
import { type AvsFixture, accounts, avsFixture, deployDemoDex } from "@palisade/testkit";
import {
  type Address,
  decodeAbiParameters,
  encodeFunctionData,
  getAddress,
  type Hex,
  keccak256,
  type PublicClient,
  parseAbiParameters,
  parseEther,
  zeroAddress,
} from "viem";
import type { HDAccount } from "viem/accounts";
import { type Alert, alertId, parseAlert } from "../alert.ts";
import { analyseBlock, analyseTransaction } from "../analyse.ts";
import { observeBlock, observePending, pendingTransaction } from "../chain/observe.ts";
import { createRpcStateReader } from "../chain/stateReader.ts";
import {
  approveAllCalldata,
  attackCalldata,
  deployMonitorDemo,
  type MonitorDemo,
  monitorDemoAbis,
  monitorDemoWatchFile,
  send,
} from "../demo/attackDemo.ts";
import { reproduceAlert } from "../reproduce.ts";
import {
  parseWatchFile,
  resolveWatch,
  type WatchConfig,
  type WatchFile,
  watchedAddresses,
} from "../watch.ts";
import { decodeAlertVerdict } from "./alertVerdict.ts";
import { WatchDigestMismatchError } from "./errors.ts";
import { registeredOperatorsAt } from "./implicated.ts";
import { createMonitorAlertEngine, type MonitorAlertEngine } from "./monitorAlertEngine.ts";

/** AlertVerdict as decision 0008 spells it, written out here independently of alertVerdictAbi. */
const alertVerdictStruct = parseAbiParameters(
  "(bytes32 alertId, uint64 chainId, bool reproduced, uint8 alertType, uint8 severity, address protocol, uint64 serviceId, address[] implicatedOperators)",
);
const SERVICE_ID = 7;

let f: AvsFixture;
let client: PublicClient;
let demo: MonitorDemo;
let file: WatchFile;
let watch: WatchConfig;
let chainId: number;
let engine: MonitorAlertEngine;
/** The flash-loan exploit's alert while it was pending, and once mined (one id). */
let pending: Alert;
let mined: Alert;

const engineFor = (w: WatchConfig = watch) =>
  createMonitorAlertEngine({ watch: w, chainId, operatorRegistry: f.deployment.avs.operatorRegistry });

const stamp = (draft: object): Alert => parseAlert({ ...draft, detectedAt: 1_795_262_400_000 });

async function minedAlerts(blockNumber: bigint): Promise<Alert[]> {
  const block = await observeBlock(client, Number(blockNumber), {
    chainId,
    watched: watchedAddresses(watch),
    drainCandidateOwners: watch.approvalDrain.minOwners,
  });
  const { drafts } = await analyseBlock({ chainId, watch }, block, createRpcStateReader(client));
  return drafts.map(stamp);
}

async function answer(e: MonitorAlertEngine, alert: Alert) {
  const request = e.parseRequest({ alert, watchDigest: e.watchDigest });
  return { request, result: await e.run(client, request) };
}

before(async () => {
  f = await avsFixture();
  client = f.clients.public as unknown as PublicClient;
  chainId = f.deployment.chainId;
  const dex = await deployDemoDex(f.clients);
  demo = await deployMonitorDemo(f.clients, {
    dex,
    deployer: accounts().deployer,
    attacker: accounts().attacker,
  });
  const operator = accounts().avsOperators[0].address;
  const base = monitorDemoWatchFile(demo);
  file = {
    ...base,
    contracts: (base.contracts ?? []).map((entry) =>
      entry.address === demo.vault ? { ...entry, serviceId: SERVICE_ID } : entry,
    ),
    labels: { ...base.labels, [operator]: "operator gone rogue" },
  };
  watch = resolveWatch(parseWatchFile(file));
  engine = engineFor();

  // The exploit, pending: simulated on the latest block as the monitor's mempool pass does.
  await f.clients.test.setAutomine(false);
  const hash = await f.clients.wallet(accounts().attacker).sendTransaction({
    to: demo.exploit,
    data: attackCalldata(),
    gas: 1_000_000n,
  });
  const raw = await pendingTransaction(client, hash);
  assert.ok(raw);
  const stateBlock = Number(await client.getBlockNumber({ cacheTime: 0 }));
  const obs = await observePending(client, raw, stateBlock, { chainId });
  assert.ok(obs);
  const { drafts } = await analyseTransaction({ chainId, watch }, obs, createRpcStateReader(client));
  const flash = drafts.find((draft) => draft.type === "flash-loan-exploit");
  assert.ok(flash, "the demo exploit is detected while pending");
  pending = stamp(flash);
  await f.clients.test.mine({ blocks: 1 });
  await f.clients.test.setAutomine(true);
  const receipt = await client.getTransactionReceipt({ hash });
  const minedFlash = (await minedAlerts(receipt.blockNumber)).find((a) => a.id === pending.id);
  assert.ok(minedFlash, "and again once mined, with the same id");
  mined = minedFlash;
});

after(() => f?.stop());

test("the same alert gives the same bytes on two engine instances; viem decodes the AlertVerdict struct", async () => {
  // The second instance resolves the same watch file written another way (key order, letter case).
  const rewritten = parseWatchFile(
    JSON.parse(
      JSON.stringify({
        approvalDrain: file.approvalDrain,
        labels: Object.fromEntries(Object.entries(file.labels ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
        oracles: file.oracles,
        contracts: [...(file.contracts ?? [])].reverse(),
        version: 1,
      }),
    ),
  );
  const other = engineFor(resolveWatch(rewritten));
  assert.equal(other.watchDigest, engine.watchDigest);
  for (const alert of [pending, mined]) {
    const a = await answer(engine, alert);
    const b = await answer(other, alert);
    assert.equal(b.request.requestHash, a.request.requestHash);
    assert.equal(b.result.encoded, a.result.encoded, `${alert.source}: same bytes`);
    assert.equal(a.result.responseHash, keccak256(a.result.encoded));
    assert.equal(
      a.request.referenceBlock,
      alert.source === "mempool" ? alert.evidence.stateBlock : alert.block,
    );
    const [decoded] = decodeAbiParameters(alertVerdictStruct, a.result.encoded);
    assert.deepEqual(decoded, {
      alertId: alert.id,
      chainId: BigInt(chainId),
      reproduced: true,
      alertType: 1, // flash-loan-exploit
      severity: 4, // critical
      protocol: getAddress(demo.vault),
      serviceId: BigInt(SERVICE_ID),
      implicatedOperators: [],
    });
    assert.deepEqual(decodeAlertVerdict(a.result.encoded), decoded);
    assert.deepEqual((a.result.json as { verdict: unknown }).verdict, {
      alertId: alert.id,
      chainId,
      reproduced: true,
      alertType: "flash-loan-exploit",
      severity: "critical",
      protocol: getAddress(demo.vault),
      serviceId: String(SERVICE_ID),
      implicatedOperators: [],
    });
  }
  // The pending and the mined detection are two questions (two request hashes), one answer.
  const p = await answer(engine, pending);
  const m = await answer(engine, mined);
  assert.notEqual(p.request.requestHash, m.request.requestHash);
  assert.equal(p.result.encoded, m.result.encoded);
});

const zeros = (alertId: Hex) => ({
  alertId,
  chainId: BigInt(chainId),
  reproduced: false,
  alertType: 0,
  severity: 0,
  protocol: zeroAddress,
  serviceId: 0n,
  implicatedOperators: [],
});

test("an alert the detectors do not produce is reproduced = false with zeros", async () => {
  const forgedId = keccak256("0x01") as string;
  for (const forged of [
    // An id no detector gives for this transaction.
    { ...mined, id: forgedId },
    { ...pending, id: forgedId },
    // The real id and transaction hash, but "pending" with other calldata than the transaction's.
    {
      ...pending,
      evidence: { ...pending.evidence, transaction: { ...pending.evidence.transaction, input: "0x" } },
    },
  ]) {
    const { result } = await answer(engine, parseAlert(forged));
    const [decoded] = decodeAbiParameters(alertVerdictStruct, result.encoded);
    assert.deepEqual(decoded, zeros(forged.id as Hex));
  }
  // The real evidence under a transaction hash no node knows, with the id the detectors derive for that
  // hash: simulating the evidence alone reproduces it — only the node's check of the transaction
  // behind the hash stops a "pending attack" that was never sent from being certified.
  const fakeTx = keccak256("0x02");
  assert.ok(pending.type === "flash-loan-exploit");
  const { lender, receiver } = pending.evidence.loan;
  const unsent = parseAlert({
    ...pending,
    tx: fakeTx,
    id: alertId("flash-loan-exploit", fakeTx, `${lender}:${receiver}`),
  });
  assert.ok(await reproduceAlert(client, { chainId, watch }, unsent), "the evidence alone reproduces");
  const unsentAnswer = await answer(engine, unsent);
  assert.deepEqual(
    decodeAbiParameters(alertVerdictStruct, unsentAnswer.result.encoded)[0],
    zeros(unsent.id as Hex),
  );
  // Another watch (the vault unwatched): the same real alert does not reproduce there.
  const blind = engineFor(
    resolveWatch(
      parseWatchFile({ ...file, contracts: (file.contracts ?? []).filter((c) => c.address !== demo.vault) }),
    ),
  );
  const { result } = await answer(blind, mined);
  assert.deepEqual(decodeAbiParameters(alertVerdictStruct, result.encoded)[0], zeros(mined.id as Hex));
});

test("a request naming another watch digest is refused with both digests; other invalid requests too", () => {
  const otherDigest = engineFor(
    resolveWatch(parseWatchFile({ ...file, approvalDrain: { minOwners: 4 } })),
  ).watchDigest;
  assert.notEqual(otherDigest, engine.watchDigest, "a threshold is part of the digest");
  assert.throws(
    () => engine.parseRequest({ alert: mined, watchDigest: otherDigest }),
    (error: unknown) =>
      error instanceof WatchDigestMismatchError &&
      error instanceof InvalidInputError &&
      error.message.includes(otherDigest) &&
      error.message.includes(engine.watchDigest),
  );
  const refused: [unknown, RegExp][] = [
    [
      { alert: mined, watchDigest: engine.watchDigest, referenceBlock: (mined.block ?? 0) - 1 },
      /referenceBlock/,
    ],
    [{ alert: { ...mined, chainId: chainId + 1 }, watchDigest: engine.watchDigest }, /chain/],
    [{ alert: { ...mined, severity: "urgent" }, watchDigest: engine.watchDigest }, /alert/],
    [{ alert: { ...mined, block: null }, watchDigest: engine.watchDigest }, /block/],
    [{ alert: mined, watchDigest: engine.watchDigest, extra: 1 }, /extra|invalid/],
    [{ alert: mined }, /invalid/],
  ];
  for (const [input, message] of refused)
    assert.throws(
      () => engine.parseRequest(input),
      (error: unknown) => error instanceof InvalidInputError && message.test(`${error.message}`),
      JSON.stringify(input).slice(0, 80),
    );
  // The block the aggregator pins: the alert's own.
  assert.equal(
    engine.referenceBlockOf?.({ alert: pending, watchDigest: engine.watchDigest }),
    pending.evidence.stateBlock,
  );
  assert.equal(engine.referenceBlockOf?.({ alert: mined, watchDigest: engine.watchDigest }), mined.block);
});

test("implicated operators: a registered operator that drains approved tokens is named; an outsider is not", async () => {
  const deployer = f.clients.wallet(accounts().deployer);
  const pull = async (spender: HDAccount) => {
    await send(deployer, demo.token, approveAllCalldata(spender.address), 0n, "approve the spender");
    const receipt = await send(
      f.clients.wallet(spender),
      demo.token,
      encodeFunctionData({
        abi: monitorDemoAbis.erc20,
        functionName: "transferFrom",
        args: [accounts().deployer.address, spender.address, parseEther("5")],
      }),
      0n,
      "pull",
    );
    const alert = (await minedAlerts(receipt.blockNumber)).find((a) => a.type === "approval-drain");
    assert.ok(alert, "the labelled EOA's pull is an approval-drain alert");
    return alert;
  };
  const operator = accounts().avsOperators[0];
  const byOperator = await pull(operator);
  const { result } = await answer(engine, byOperator);
  const verdict = decodeAlertVerdict(result.encoded);
  assert.equal(verdict.reproduced, true);
  assert.equal(verdict.alertType, 5); // approval-drain
  assert.equal(verdict.severity, 4); // critical: a labelled EOA
  // The victim (addresses[0]) is the "protocol"; the suspect is the spender, a registered operator.
  assert.equal(verdict.protocol, getAddress(accounts().deployer.address));
  assert.deepEqual(verdict.implicatedOperators, [getAddress(operator.address)]);
  assert.equal(verdict.serviceId, 0n);

  const byOutsider = await pull(accounts().attacker);
  assert.deepEqual(
    decodeAlertVerdict((await answer(engine, byOutsider)).result.encoded).implicatedOperators,
    [],
  );
});

test("implicated operators are read at the reference block: before an operator registered, it is not named", async () => {
  const registry = f.deployment.avs.operatorRegistry;
  const operators = f.operators.map((o) => o.address as Address);
  const now = Number(await client.getBlockNumber({ cacheTime: 0 }));
  // Ascending, unique, checksummed, whatever order and case they came in.
  assert.deepEqual(
    await registeredOperatorsAt(
      client,
      registry,
      [...operators, ...operators.map((a) => a.toLowerCase() as Address)].reverse(),
      now,
    ),
    operators.map((a) => getAddress(a)).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
  );
  const [first] = await client.getContractEvents({
    address: registry,
    abi: operatorRegistryAbi,
    eventName: "OperatorRegistered",
    fromBlock: 0n,
  });
  assert.ok(first?.args.operator);
  const before = Number(first.blockNumber) - 1;
  assert.deepEqual(await registeredOperatorsAt(client, registry, [first.args.operator], before), []);
  assert.deepEqual(await registeredOperatorsAt(client, registry, [first.args.operator], before + 1), [
    getAddress(first.args.operator),
  ]);
});
