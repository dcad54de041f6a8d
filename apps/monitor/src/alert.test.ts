import assert from "node:assert/strict";
import { test } from "node:test";
import { keccak256, stringToHex } from "viem";
import { alertId, alertSchema, parseAlert } from "./alert.ts";
import { exampleAlert } from "./exampleAlert.ts";

const tx = `0x${"ab".repeat(32)}` as const;

test("the id is keccak256 of type:tx:key, lower-cased, and ignores everything else", () => {
  assert.equal(alertId("proxy-upgrade", tx, "0xAbC"), keccak256(stringToHex(`proxy-upgrade:${tx}:0xabc`)));
  assert.equal(
    alertId("proxy-upgrade", tx.toUpperCase().replace("0X", "0x") as `0x${string}`, "0xabc"),
    alertId("proxy-upgrade", tx, "0xABC"),
  );
  assert.notEqual(alertId("proxy-upgrade", tx, "a"), alertId("ownership-change", tx, "a"));
});

test("a valid alert parses; the evidence is checked against its type", () => {
  assert.deepEqual(parseAlert(exampleAlert), exampleAlert);
  // Evidence of another detector under this type.
  const wrong = { ...exampleAlert, type: "large-outflow" };
  assert.equal(alertSchema.safeParse(wrong).success, false);
});

test("refused: another schema version, upper-case addresses, a number for an amount, an unknown severity, a bare detector name, a negative block", () => {
  const cases: Record<string, unknown> = {
    schema: { ...exampleAlert, schema: "palisade.alert/2" },
    address: { ...exampleAlert, addresses: [`0x${"AB".repeat(20)}`] },
    amount: {
      ...exampleAlert,
      evidence: { ...exampleAlert.evidence, loan: { ...exampleAlert.evidence.loan, amount: 90 } },
    },
    severity: { ...exampleAlert, severity: "severe" },
    detector: { ...exampleAlert, detector: "flash-loan-exploit" },
    block: { ...exampleAlert, block: -1 },
  };
  for (const [name, value] of Object.entries(cases))
    assert.equal(alertSchema.safeParse(value).success, false, name);
});
