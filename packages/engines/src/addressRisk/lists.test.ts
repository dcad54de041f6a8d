import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type Anvil, createClients, freePort, startAnvil } from "@palisade/testkit";
import { createPublicClient, http, type PublicClient } from "viem";
import { BlockAheadOfChainError, EngineRpcError, InvalidInputError } from "../errors.ts";
import { createLabelIndex } from "../labels/labelIndex.ts";
import { bundledLabelsDir, type LoadedLabels, loadLabels } from "../labels/loadLabels.ts";
import { type AddressRiskEngine, createAddressRiskEngine } from "./createAddressRiskEngine.ts";
import { UnknownLabelError } from "./errors.ts";

let anvil: Anvil;
let client: PublicClient;
let labels: LoadedLabels;
let engine: AddressRiskEngine;
before(async () => {
  anvil = await startAnvil();
  client = createClients(anvil.rpcUrl).public as PublicClient;
  labels = await loadLabels(bundledLabelsDir);
  engine = createAddressRiskEngine({ labels });
});
after(() => anvil?.stop());

const randomAddress = () => `0x${randomBytes(20).toString("hex")}`;

test("an OFAC address is sanctioned and malicious, with source list:ofac/ETH", async () => {
  const head = Number(await client.getBlockNumber({ cacheTime: 0 }));
  const report = await engine.check(client, {
    address: "0x098B716B8Aaf21512996dC57EB0615e2383E2f96",
    chainId: 1,
  });
  assert.equal(report.engine, "address-risk@1");
  assert.equal(report.target, "0x098b716b8aaf21512996dc57eb0615e2383e2f96");
  assert.equal(report.block, head);
  assert.equal(report.verdict, "malicious");
  assert.deepEqual(report.flags, ["sanctioned"]);
  assert.deepEqual(report.sources, {
    sanctioned: { source: "list:ofac/ETH", detail: "sanctioned on chain 1 (ofac/ETH)", block: null },
  });
  assert.equal(report.fields.sanctioned, true);
  assert.equal(report.fields.data_source, "ofac/ETH");
  assert.equal(report.fields.chain_id, 1);
  assert.equal(report.fields.labels_digest, labels.digest);
  // The chain half still runs: on this devnet the address is an empty EOA.
  assert.equal(report.fields.is_contract, false);
  assert.equal(report.fields.first_funder, null);
});

test("each committed list flags its field with its source", async () => {
  const cases: { address: string; chainId: number; field: string; source: string }[] = [
    {
      address: "0x000000000532b45f47779fce440748893b257865",
      chainId: 1,
      field: "phishing_activities",
      source: "list:forta/1/etherscan_malicious_labels",
    },
    {
      address: "0x036587e77eabe6a7e181886a5a6ed10dc25654f9",
      chainId: 1,
      field: "stealing_attack",
      source: "list:forta/1/etherscan_malicious_labels",
    },
    {
      address: "0x03ccb56ffc86ef711545f44303ceeb44f7dfd1ed",
      chainId: 56,
      field: "stealing_attack",
      source: "list:etherscan-labels/bscscan/accounts/heist",
    },
    {
      address: "0x0059b14e35dab1b4eee1e2926c7a5660da66f747",
      chainId: 1,
      field: "financial_crime",
      source: "list:mew/addresses-darklist",
    },
    {
      address: "0x00000a9f233d0b3ebbf136276165429d071d1abf",
      chainId: 1,
      field: "malicious_contract",
      source: "list:forta/1/malicious_smart_contracts",
    },
    {
      address: "0x00828f5238d04a2fd7526380b3abec5090976bb7",
      chainId: 42161,
      field: "fake_token",
      source: "list:etherscan-labels/arbiscan/tokens/phish-hack",
    },
    {
      address: "0xd882cfc20f52f2599d84b8e8d58c7fb62cfe344b",
      chainId: 61,
      field: "sanctioned",
      source: "list:ofac/ETC",
    },
  ];
  for (const { address, chainId, field, source } of cases) {
    const report = await engine.check(client, { address, chainId });
    assert.equal(report.verdict, "malicious", address);
    assert.ok((report.flags as string[]).includes(field), `${address}: ${report.flags.join(",")}`);
    assert.equal(report.sources[field as keyof typeof report.sources]?.source, source, address);
    for (const flag of report.flags) assert.ok(report.sources[flag], `${address}: flag ${flag} has a source`);
  }
});

test("chain-aware: a row without a chain applies on every chain; a row for another chain is only a doubt", async () => {
  // OFAC's USDT entries have no chain id: sanctioned on this devnet too (chainId from eth_chainId).
  const usdt = await engine.check(client, { address: "0x175d44451403edf28469df03a9280c1197adb92c" });
  assert.equal(usdt.fields.chain_id, 31337);
  assert.equal(usdt.fields.sanctioned, true);
  assert.equal(usdt.sources.sanctioned?.source, "list:ofac/USDT");
  // An exploiter listed on chains 1, 10, 250, 42161 and 43114, checked for Polygon.
  const exploiter = "0x489a8756c18c0b8b24ec2a2b9ff3d4d447f79bec";
  const onPolygon = await engine.check(client, { address: exploiter, chainId: 137 });
  assert.equal(onPolygon.verdict, "suspicious");
  assert.deepEqual(onPolygon.flags, ["blacklist_doubt"]);
  assert.equal(onPolygon.fields.stealing_attack, false);
  assert.match(
    onPolygon.sources.blacklist_doubt?.detail ?? "",
    /exploit on chain 1 .*exploit on chain 43114/,
  );
  const onOptimism = await engine.check(client, { address: exploiter, chainId: 10 });
  assert.equal(onOptimism.fields.stealing_attack, true);
  assert.equal(onOptimism.sources.stealing_attack?.source, "list:etherscan-labels/optimism/accounts/exploit");
});

test("a clean random address is safe: covered list fields false, uncovered null, no flags", async () => {
  const report = await engine.check(client, { address: randomAddress(), chainId: 1 });
  assert.equal(report.verdict, "safe");
  assert.deepEqual(report.flags, []);
  assert.deepEqual(report.sources, {});
  const f = report.fields;
  for (const field of [
    "sanctioned",
    "phishing_activities",
    "stealing_attack",
    "financial_crime",
    "malicious_contract",
    "fake_token",
    "blacklist_doubt",
  ] as const)
    assert.equal(f[field], false, field);
  for (const field of [
    "cybercrime",
    "mixer",
    "money_laundering",
    "number_of_malicious_contracts_created",
    "reinit",
  ] as const)
    assert.equal(f[field], null, field);
  assert.equal(f.data_source, "");
  assert.equal(f.is_contract, false);
  assert.equal(f.contract_address, false);
  assert.equal(f.is_proxy, false);
  assert.equal(f.code_first_block, null);
  assert.equal(f.deployer_address, null);
  assert.equal(f.address_poisoning_lookalike, null);
});

test("without lists every list field is null and the verdict rests on the chain alone", async () => {
  const bare = createAddressRiskEngine({ labels: createLabelIndex([]) });
  const report = await bare.check(client, {
    address: "0x098b716b8aaf21512996dc57eb0615e2383e2f96",
    chainId: 1,
  });
  assert.equal(report.verdict, "safe");
  assert.equal(report.fields.sanctioned, null);
  assert.equal(report.fields.blacklist_doubt, null);
  assert.equal(report.fields.data_source, null);
  assert.equal(report.fields.is_contract, false);
});

test("lists with a label the engine has no field for are refused when the engine is created", () => {
  const odd = createLabelIndex([
    {
      address: "0x00000000000000000000000000000000000000a1",
      chainId: null,
      label: "legit",
      sources: ["mine/list"],
    },
  ]);
  assert.throws(
    () => createAddressRiskEngine({ labels: odd }),
    (error: unknown) => error instanceof UnknownLabelError && error.labels.join() === "legit",
  );
});

test("bad parameters, a block ahead of the chain and an unreachable node fail with named errors", async () => {
  const address = randomAddress();
  for (const bad of [
    { address: "0x12" },
    { address, block: -1 },
    { address, block: 1.5 },
    { address, chainId: 0 },
    { address, counterparty: "nope" },
    { address, extra: true },
  ])
    await assert.rejects(engine.check(client, bad as never), InvalidInputError, JSON.stringify(bad));
  const head = Number(await client.getBlockNumber({ cacheTime: 0 }));
  await assert.rejects(
    engine.check(client, { address, block: head + 10 }),
    (error: unknown) =>
      error instanceof BlockAheadOfChainError && error.block === head + 10 && error.head === head,
  );
  const dead = createPublicClient({
    transport: http(`http://127.0.0.1:${await freePort()}`, { retryCount: 0 }),
  });
  await assert.rejects(engine.check(dead, { address, chainId: 1 }), EngineRpcError);
});

// ScamSniffer (GPL-3.0) rows are never committed: they load at run time from PALISADE_LABELS_DIR.
const sharedDir = process.env.PALISADE_LABELS_DIR;
test("ScamSniffer rows from PALISADE_LABELS_DIR flag phishing on any chain", {
  skip: sharedDir ? false : "PALISADE_LABELS_DIR is not set",
}, async () => {
  const dir = sharedDir as string;
  const text = await readFile(join(dir, "malicious_addresses.csv"), "utf8");
  const row = text.split("\n").find((line) => line.endsWith(",scamsniffer/address"));
  const address = row?.split(",")[0];
  assert.ok(address, "a ScamSniffer-only row");
  const withScamSniffer = createAddressRiskEngine({ labels: await loadLabels([bundledLabelsDir, dir]) });
  const report = await withScamSniffer.check(client, { address });
  assert.equal(report.fields.phishing_activities, true);
  assert.equal(report.sources.phishing_activities?.source, "list:scamsniffer/address");
  // The committed lists alone do not know it.
  assert.equal((await engine.check(client, { address })).fields.phishing_activities, false);
});
