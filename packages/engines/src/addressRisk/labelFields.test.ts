import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { createLabelIndex } from "../labels/labelIndex.ts";
import { bundledLabelsDir, loadLabels } from "../labels/loadLabels.ts";
import { parseLabelCsv } from "../labels/parseLabelCsv.ts";
import { coveredFields, fieldsByLabel, listFields, matchLists, unknownLabels } from "./labelFields.ts";

test("every committed row sets its field for its chain, with its first source", async () => {
  const labels = await loadLabels(bundledLabelsDir);
  const covered = coveredFields(labels);
  let checked = 0;
  for (const file of labels.files) {
    for (const row of parseLabelCsv(await readFile(file, "utf8"), file)) {
      const chainId = row.chainId ?? 31337; // a chain-less row applies everywhere
      const { fields, sources } = matchLists(labels, covered, row.address, chainId);
      for (const field of fieldsByLabel[row.label] ?? []) {
        assert.equal(fields[field], true, `${row.address} ${row.label} → ${field}`);
        assert.match(sources[field]?.source ?? "", /^list:/);
        assert.ok(
          sources[field]?.detail.includes(row.sources[0] as string),
          `${row.address} ${field} detail`,
        );
        assert.equal(sources[field]?.block, null);
      }
      for (const source of row.sources) assert.ok(fields.data_source?.split(",").includes(source));
      checked++;
    }
  }
  assert.equal(checked, 6678 + 578 + 72);
});

test("the committed lists cover six fields (plus blacklist_doubt); the others stay null", async () => {
  const labels = await loadLabels(bundledLabelsDir);
  assert.deepEqual(unknownLabels(labels), []);
  assert.deepEqual([...coveredFields(labels)].sort(), [
    "blacklist_doubt",
    "fake_token",
    "financial_crime",
    "malicious_contract",
    "phishing_activities",
    "sanctioned",
    "stealing_attack",
  ]);
  const { fields } = matchLists(
    labels,
    coveredFields(labels),
    "0x00000000000000000000000000000000deadbeef",
    1,
  );
  assert.equal(fields.sanctioned, false);
  assert.equal(fields.mixer, null);
  assert.equal(fields.data_source, "");
});

test("a label for another chain only raises blacklist_doubt; token-list rows are fake tokens", () => {
  const address = "0x489a8756c18c0b8b24ec2a2b9ff3d4d447f79bec";
  const token = "0x00828f5238d04a2fd7526380b3abec5090976bb7";
  const labels = createLabelIndex([
    { address, chainId: 10, label: "exploit", sources: ["etherscan-labels/optimism/accounts/exploit"] },
    {
      address: token,
      chainId: 42161,
      label: "phishing",
      sources: ["etherscan-labels/arbiscan/tokens/phish-hack"],
    },
  ]);
  const covered = coveredFields(labels);
  const onOptimism = matchLists(labels, covered, address, 10);
  assert.equal(onOptimism.fields.stealing_attack, true);
  assert.equal(onOptimism.fields.blacklist_doubt, false);
  const onMainnet = matchLists(labels, covered, address, 1);
  assert.equal(onMainnet.fields.stealing_attack, false);
  assert.equal(onMainnet.fields.blacklist_doubt, true);
  assert.deepEqual(onMainnet.sources.blacklist_doubt, {
    source: "list:etherscan-labels/optimism/accounts/exploit",
    detail: "exploit on chain 10 (etherscan-labels/optimism/accounts/exploit)",
    block: null,
  });
  const fake = matchLists(labels, covered, token, 42161);
  assert.equal(fake.fields.phishing_activities, true);
  assert.equal(fake.fields.fake_token, true);
  assert.equal(fake.sources.fake_token?.source, "list:etherscan-labels/arbiscan/tokens/phish-hack");
});

test("GoPlus field names work as labels; labels without a field are reported", () => {
  for (const field of listFields) assert.deepEqual(fieldsByLabel[field], [field]);
  const labels = createLabelIndex([
    {
      address: "0x00000000000000000000000000000000000000a1",
      chainId: null,
      label: "mixer",
      sources: ["mine/a"],
    },
    {
      address: "0x00000000000000000000000000000000000000a2",
      chainId: null,
      label: "legit",
      sources: ["mine/b"],
    },
  ]);
  assert.deepEqual(unknownLabels(labels), ["legit"]);
  // No lists at all: nothing is covered, data_source is unknown.
  const none = createLabelIndex([]);
  assert.deepEqual([...coveredFields(none)], []);
  assert.equal(
    matchLists(none, coveredFields(none), "0x00000000000000000000000000000000000000a1", 1).fields.data_source,
    null,
  );
});
