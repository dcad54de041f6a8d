import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeAbiParameters, type Hex, keccak256, pad, stringToBytes } from "viem";
import { InvalidInputError } from "../errors.ts";
import {
  ADDRESS_RISK_FIELD_ORDER,
  fieldsOfMask,
  flagBit,
  flagMask,
  securityFieldOrders,
  TOKEN_RISK_FIELD_ORDER,
} from "./fieldOrders.ts";
import { decodeSecurityResponse, encodeSecurityResponse, securityResult } from "./response.ts";

const subject = pad("0x983a81ca6fb1e441266d2fbcb7d8e530ac2e05a2");
const reportHash = keccak256("0x1234");

test("decodeSecurityResponse inverts encodeSecurityResponse, and the bytes are the ABI's", () => {
  const response = {
    subject,
    verdict: 2,
    flags: (1n << 255n) | 5n,
    unknowns: 1n << 37n,
    reportHash,
  } as const;
  const encoded = encodeSecurityResponse(response);
  assert.equal(
    encoded,
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "uint8" }, { type: "uint256" }, { type: "uint256" }, { type: "bytes32" }],
      [subject, 2, response.flags, response.unknowns, reportHash],
    ),
  );
  assert.deepEqual(decodeSecurityResponse(encoded), response);
  assert.deepEqual(decodeSecurityResponse(encoded.toUpperCase().replace("0X", "0x") as Hex), response);
});

test("decodeSecurityResponse refuses what is not a response", () => {
  const good = encodeSecurityResponse({ subject, verdict: 0, flags: 0n, unknowns: 0n, reportHash });
  for (const bad of ["0x", `${good}00`, good.slice(0, -2), "0xzz"] as Hex[])
    assert.throws(() => decodeSecurityResponse(bad), InvalidInputError, bad.slice(0, 12));
  // Verdict 3 (a uint8 the encoding allows, the convention does not).
  const three = encodeAbiParameters(
    [{ type: "bytes32" }, { type: "uint8" }, { type: "uint256" }, { type: "uint256" }, { type: "bytes32" }],
    [subject, 3, 0n, 0n, reportHash],
  );
  assert.throws(
    () => decodeSecurityResponse(three),
    (error: unknown) => {
      assert.ok(error instanceof InvalidInputError);
      assert.equal(error.issues[0]?.path, "verdict");
      return true;
    },
  );
  // A uint8 word with high bits set (Solidity's abi.decode reverts on it) is refused too.
  const dirty = `${good.slice(0, 66)}${"ff".repeat(31)}00${good.slice(130)}` as Hex;
  assert.throws(() => decodeSecurityResponse(dirty), InvalidInputError);
});

test("flagBit, flagMask and fieldsOfMask follow the field orders", () => {
  assert.equal(flagBit("address-risk@1", "sanctioned"), ADDRESS_RISK_FIELD_ORDER.indexOf("sanctioned"));
  assert.equal(flagBit("address-risk@1", "sanctioned"), 15);
  assert.equal(flagBit("token-risk@1", "is_honeypot"), TOKEN_RISK_FIELD_ORDER.length - 1);
  const mask = flagMask("token-risk@1", ["is_honeypot", "cannot_sell_all", "is_honeypot"]);
  assert.equal(mask, (1n << 32n) | (1n << 31n));
  assert.deepEqual(fieldsOfMask("token-risk@1", mask), ["cannot_sell_all", "is_honeypot"]);
  assert.equal(flagMask("phishing@1", []), 0n);
  assert.throws(() => flagBit("address-basics@1", "balance"), InvalidInputError);
  assert.throws(() => flagBit("phishing@1", "sanctioned"), InvalidInputError);
  assert.throws(() => fieldsOfMask("phishing@1", 1n << 12n), InvalidInputError);
  // Every order fits the 256-bit words and names each field once.
  for (const order of Object.values(securityFieldOrders)) {
    assert.ok(order.length <= 256);
    assert.equal(new Set(order).size, order.length);
  }
});

test("securityResult: flags and unknowns bits, the verdict code, the report's hash and the JSON view", () => {
  const report = {
    engine: "token-risk@1",
    target: "0x0000000000000000000000000000000000000001",
    block: 7,
    verdict: "malicious",
    fields: Object.fromEntries(TOKEN_RISK_FIELD_ORDER.map((field) => [field, false])),
    flags: ["is_honeypot", "selfdestruct"],
    sources: {},
  };
  report.fields.is_honeypot = true;
  report.fields.selfdestruct = true;
  report.fields.token_name = null as unknown as boolean;
  report.fields.buy_tax = null as unknown as boolean;
  const result = securityResult(report, subject, TOKEN_RISK_FIELD_ORDER);
  const decoded = decodeSecurityResponse(result.encoded);
  assert.equal(decoded.verdict, 2);
  assert.equal(decoded.subject, subject);
  assert.equal(decoded.flags, flagMask("token-risk@1", ["is_honeypot", "selfdestruct"]));
  assert.equal(decoded.unknowns, flagMask("token-risk@1", ["token_name", "buy_tax"]));
  assert.equal(decoded.reportHash, keccak256(stringToBytes(JSON.stringify(report))));
  assert.equal(result.responseHash, keccak256(result.encoded));
  assert.deepEqual(result.json, { report, response: result.encoded });
  // What a node sends and the aggregator stores survives JSON: the hash is recomputable from it.
  const relayed = JSON.parse(JSON.stringify(result.json)) as { report: unknown; response: Hex };
  assert.equal(keccak256(stringToBytes(JSON.stringify(relayed.report))), decoded.reportHash);
  for (const [verdict, code] of [
    ["safe", 0],
    ["allow", 0],
    ["suspicious", 1],
    ["warn", 1],
    ["block", 2],
  ] as const)
    assert.equal(
      decodeSecurityResponse(securityResult({ ...report, verdict }, subject, []).encoded).verdict,
      code,
    );
});
