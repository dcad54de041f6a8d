import assert from "node:assert/strict";
import { test } from "node:test";
import { engineVersionOf } from "@palisade/engines";
import { encodeAbiParameters, type Hex, keccak256, parseAbiParameters, stringToHex, zeroAddress } from "viem";
import {
  decodeAlertVerdict,
  encodeAlertVerdict,
  MONITOR_ALERT_ENGINE_ID,
  type MonitorAlertRequestFields,
  monitorAlertRequestHash,
  notReproduced,
} from "./alertVerdict.ts";

const base: MonitorAlertRequestFields = {
  engineVersion: engineVersionOf(MONITOR_ALERT_ENGINE_ID),
  chainId: 31_337,
  alertId: keccak256(stringToHex("alert")),
  txHash: keccak256(stringToHex("tx")),
  source: "mempool",
  stateBlock: 35,
  block: 0,
  watchDigest: keccak256(stringToHex("watch")),
};

test("requestHash is keccak256(abi.encode(engineVersion, uint64 chainId, bytes32 alertId, bytes32 txHash, uint8 source, uint64 stateBlock, uint64 block, bytes32 watchDigest))", () => {
  // Written out from decision 0008, independently of the module's ABI.
  const expected = keccak256(
    encodeAbiParameters(
      parseAbiParameters("bytes32, uint64, bytes32, bytes32, uint8, uint64, uint64, bytes32"),
      [
        keccak256(stringToHex("monitor-alert@1")),
        31_337n,
        base.alertId,
        base.txHash,
        1, // mempool
        35n,
        0n,
        base.watchDigest,
      ],
    ),
  );
  assert.equal(monitorAlertRequestHash(base), expected);
});

test("changing any field of the request changes its hash", () => {
  const other = keccak256(stringToHex("other"));
  const variants: Partial<MonitorAlertRequestFields>[] = [
    { engineVersion: engineVersionOf("monitor-alert@2") },
    { chainId: 1 },
    { alertId: other },
    { txHash: other },
    { source: "block" },
    { stateBlock: 36 },
    { block: 36 },
    { watchDigest: other },
  ];
  const hashes = new Set([monitorAlertRequestHash(base)]);
  for (const variant of variants) hashes.add(monitorAlertRequestHash({ ...base, ...variant }));
  assert.equal(hashes.size, variants.length + 1, "every variant has its own hash");
});

test("the response round-trips; a verdict that did not reproduce is zeros but its id, chain and flag", () => {
  const verdict = {
    alertId: base.alertId,
    chainId: 31_337n,
    reproduced: true,
    alertType: 1,
    severity: 4,
    protocol: "0x7a2088a1bFc9d81c55368AE168C2C02570cB814F" as const,
    serviceId: 7n,
    implicatedOperators: [
      "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
      "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
    ] as const,
  };
  assert.deepEqual(decodeAlertVerdict(encodeAlertVerdict(verdict)), verdict);
  const zero = notReproduced(base.alertId, 31_337);
  assert.deepEqual(zero, {
    alertId: base.alertId,
    chainId: 31_337n,
    reproduced: false,
    alertType: 0,
    severity: 0,
    protocol: zeroAddress,
    serviceId: 0n,
    implicatedOperators: [],
  });
  // abi.encode of a struct with a dynamic member: one head word (the offset 0x20), then the fields.
  const encoded: Hex = encodeAlertVerdict(zero);
  assert.equal(encoded.slice(2, 66), "20".padStart(64, "0"));
  assert.equal((encoded.length - 2) / 2, 32 * (1 + 8 + 1), "offset, 8 heads, the empty array's length");
});
