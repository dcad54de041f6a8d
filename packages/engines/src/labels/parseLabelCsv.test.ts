import assert from "node:assert/strict";
import { test } from "node:test";
import { LabelFileError } from "./errors.ts";
import { parseLabelCsv } from "./parseLabelCsv.ts";

const header = "address,chain_id,label,source";

test("parses rows: lower-cased address, empty chain_id → null, several sources split and sorted", () => {
  const text = [
    header,
    "0xAbCdEf0000000000000000000000000000000001,1,phishing,forta/1/phishing_scams;forta/1/etherscan_malicious_labels",
    "0x0000000000000000000000000000000000000002,,sanctioned,ofac/USDT",
    "",
  ].join("\n");
  assert.deepEqual(parseLabelCsv(text, "inline"), [
    {
      address: "0xabcdef0000000000000000000000000000000001",
      chainId: 1,
      label: "phishing",
      sources: ["forta/1/etherscan_malicious_labels", "forta/1/phishing_scams"],
    },
    {
      address: "0x0000000000000000000000000000000000000002",
      chainId: null,
      label: "sanctioned",
      sources: ["ofac/USDT"],
    },
  ]);
});

test("accepts CRLF line ends, a BOM and a missing final newline", () => {
  const text = `\uFEFF${header}\r\n0x0000000000000000000000000000000000000003,56,heist,etherscan-labels/bscscan/accounts/heist`;
  const rows = parseLabelCsv(text, "inline");
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.chainId, 56);
  assert.deepEqual(parseLabelCsv(`${header}\n`, "inline"), []);
});

test("malformed input fails with the file and the 1-based line", () => {
  const row = "0x0000000000000000000000000000000000000003,1,scam,mew/addresses-darklist";
  const cases: [string, number, RegExp][] = [
    ["domain,label,source\nexample.com,phishing,x", 1, /header is "domain,label,source"/],
    [`${header}\n${row}\n0x12,1,scam,mew`, 3, /address "0x12"/],
    [`${header}\n0x0000000000000000000000000000000000000003,01,scam,mew`, 2, /chain_id "01"/],
    [`${header}\n0x0000000000000000000000000000000000000003,-1,scam,mew`, 2, /chain_id "-1"/],
    [`${header}\n0x0000000000000000000000000000000000000003,1,Scam,mew`, 2, /label "Scam"/],
    [`${header}\n0x0000000000000000000000000000000000000003,1,scam,`, 2, /source ""/],
    [`${header}\n0x0000000000000000000000000000000000000003,1,scam,a;;b`, 2, /source ""/],
    [`${header}\n0x0000000000000000000000000000000000000003,1,scam`, 2, /3 columns/],
    [`${header}\n${row},extra`, 2, /5 columns/],
    [`${header}\n\n${row}`, 2, /empty line/],
  ];
  for (const [text, line, message] of cases) {
    assert.throws(
      () => parseLabelCsv(text, "lists/bad.csv"),
      (error: unknown) =>
        error instanceof LabelFileError &&
        error.file === "lists/bad.csv" &&
        error.line === line &&
        message.test(error.shortMessage) &&
        error.shortMessage.startsWith(`label list lists/bad.csv:${line}: `),
      text,
    );
  }
});
