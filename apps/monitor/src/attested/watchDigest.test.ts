import assert from "node:assert/strict";
import { test } from "node:test";
import { keccak256, stringToBytes } from "viem";
import { parseWatchFile, resolveWatch, type WatchFile } from "../watch.ts";
import { canonicalJson, watchDigest } from "./watchDigest.ts";

const vault = "0x7a2088a1bFc9d81c55368AE168C2C02570cB814F";
const pair = "0xdEdc0D7FCdfE17A09d69a34112ee8A1621bd83E0";
const token = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const attacker = "0x2546BcD3c84621e976D8185a91A922aE77ECEc30";

const file: WatchFile = {
  version: 1,
  contracts: [
    {
      address: vault,
      label: "vault",
      outflow: { minPercent: 20, minAmount: { [token]: "50", native: "1" } },
    },
  ],
  oracles: [{ kind: "uniswap-v2-pair", address: pair, base: "token1", maxDeviationPercent: 10 }],
  labels: { [attacker]: "attacker" },
};
const digestOf = (f: WatchFile) => watchDigest(resolveWatch(parseWatchFile(f)));

test("the canonical JSON of a resolved watch: sorted keys, lower-case addresses, decimal amounts, defaults filled", () => {
  const json =
    '{"approvalDrain":{"freshMaxNonce":10,"lookbackBlocks":1000,"minOwners":3},' +
    `"contracts":[{"address":"${vault.toLowerCase()}","label":"vault",` +
    `"outflow":{"minAmount":{"${token.toLowerCase()}":"50","native":"1"},"minPercent":20},` +
    '"ownerSlots":["0x9016d09d72d40fdae2fd8ceac6b6234c7706214fd39c1cd1e609a0528c199300"],"serviceId":null}],' +
    `"labels":{"${attacker.toLowerCase()}":"attacker"},` +
    `"oracles":[{"address":"${pair.toLowerCase()}","base":"token1","kind":"uniswap-v2-pair","label":null,"serviceId":null,"thresholdBps":1000}]}`;
  assert.equal(digestOf(file), keccak256(stringToBytes(json)));
});

test("key order and letter case do not move the digest; every setting does", () => {
  const same: WatchFile = JSON.parse(
    JSON.stringify({
      labels: { [attacker.toLowerCase()]: "attacker" },
      oracles: [
        {
          maxDeviationPercent: 10,
          base: "token1",
          address: pair.toUpperCase().replace("0X", "0x"),
          kind: "uniswap-v2-pair",
        },
      ],
      contracts: [
        {
          outflow: { minAmount: { native: "1", [token.toLowerCase()]: "50" }, minPercent: 20 },
          label: "vault",
          address: vault.toLowerCase(),
        },
      ],
      version: 1,
    }),
  );
  const digest = digestOf(file);
  assert.equal(digestOf(same), digest);
  const [contract] = file.contracts ?? [];
  assert.ok(contract);
  const changed: WatchFile[] = [
    { ...file, contracts: [{ ...contract, outflow: { minPercent: 21 } }] },
    { ...file, contracts: [{ ...contract, outflow: { ...contract.outflow, minAmount: { native: "2" } } }] },
    { ...file, contracts: [{ ...contract, outflow: null }] },
    { ...file, contracts: [{ ...contract, ownerSlots: ["0x1"] }] },
    { ...file, contracts: [{ ...contract, serviceId: 3 }] },
    { ...file, contracts: [{ ...contract, label: "Vault" }] },
    {
      ...file,
      oracles: [{ kind: "uniswap-v2-pair", address: pair, base: "token0", maxDeviationPercent: 10 }],
    },
    {
      ...file,
      oracles: [{ kind: "uniswap-v2-pair", address: pair, base: "token1", maxDeviationPercent: 10.5 }],
    },
    { ...file, labels: {} },
    { ...file, approvalDrain: { minOwners: 4 } },
    { ...file, approvalDrain: { freshMaxNonce: 0 } },
    { ...file, approvalDrain: { lookbackBlocks: 10 } },
  ];
  const digests = new Set([digest, ...changed.map(digestOf)]);
  assert.equal(digests.size, changed.length + 1);
  // A contract added beside the file (the deployment's) is part of the watch too.
  assert.notEqual(
    watchDigest(resolveWatch(parseWatchFile(file), [{ address: token, outflow: false }])),
    digest,
  );
});

test("canonicalJson sorts keys at every depth and refuses non-finite numbers", () => {
  assert.equal(canonicalJson({ b: [{ d: 1, c: null }], a: "x" }), '{"a":"x","b":[{"c":null,"d":1}]}');
  assert.throws(() => canonicalJson({ a: Number.NaN }));
});
