import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { formatLabelCsv, redistributableRows } from "./bundle.ts";
import { LabelFileError } from "./errors.ts";
import { isRedistributable } from "./licences.ts";
import { bundledLabelsDir, loadLabels } from "./loadLabels.ts";
import { parseLabelCsv } from "./parseLabelCsv.ts";

const header = "address,chain_id,label,source";
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "palisade-labels-"));
});
after(() => rm(dir, { recursive: true, force: true }));

test("the committed lists load: OFAC, Forta, MEW and explorer rows, MIT sources only", async () => {
  const labels = await loadLabels(bundledLabelsDir);
  assert.deepEqual(
    labels.files.map((file) => file.slice(bundledLabelsDir.length + 1)),
    ["malicious_addresses.csv", "malicious_contracts.csv", "sanctioned_addresses.csv"],
  );
  // 6,678 + 578 + 72 rows; some addresses repeat across chains, labels and files.
  assert.equal(labels.entryCount, 6678 + 578 + 72);
  assert.ok(labels.addressCount > 6000 && labels.addressCount < labels.entryCount);
  assert.deepEqual([...labels.labels].sort(), [
    "exploit",
    "heist",
    "malicious_contract",
    "phishing",
    "sanctioned",
    "scam",
  ]);
  for (const source of labels.sources)
    assert.ok(isRedistributable(source), `${source} must not be committed`);
  assert.deepEqual(labels.lookup("0x098B716B8Aaf21512996dC57EB0615e2383E2f96", 1), [
    { chainId: 1, label: "sanctioned", sources: ["ofac/ETH"] },
  ]);
});

test("a folder: every address CSV in name order, other CSVs and files skipped", async () => {
  const folder = join(dir, "mixed");
  await rm(folder, { recursive: true, force: true });
  await import("node:fs/promises").then((fs) => fs.mkdir(folder));
  await writeFile(
    join(folder, "b.csv"),
    `${header}\n0x00000000000000000000000000000000000000b1,1,scam,mew/x\n`,
  );
  await writeFile(
    join(folder, "a.csv"),
    `${header}\n0x00000000000000000000000000000000000000a1,,phishing,scamsniffer/address\n`,
  );
  await writeFile(
    join(folder, "domains.csv"),
    "domain,label,source\nexample.com,phishing,metamask/blocklist\n",
  );
  await writeFile(join(folder, "README.md"), "not a list");
  const labels = await loadLabels(folder);
  assert.deepEqual(labels.files, [join(folder, "a.csv"), join(folder, "b.csv")]);
  assert.equal(labels.addressCount, 2);
  // Files and folders combine.
  const both = await loadLabels([bundledLabelsDir, folder]);
  assert.equal(both.lookup("0x00000000000000000000000000000000000000a1", 5)[0]?.label, "phishing");
  assert.ok(both.lookup("0x098b716b8aaf21512996dc57eb0615e2383e2f96", 1).length > 0);
});

test("errors name the path: missing, a folder without lists, a file with another header, a bad row", async () => {
  const isLabelError = (path: string, line?: number) => (error: unknown) =>
    error instanceof LabelFileError && error.file === path && error.line === line;
  const missing = join(dir, "nowhere");
  await assert.rejects(loadLabels(missing), isLabelError(missing));
  const empty = await mkdtemp(join(dir, "empty-"));
  await writeFile(join(empty, "domains.csv"), "domain,label,source\n");
  await assert.rejects(loadLabels(empty), isLabelError(empty));
  const domains = join(empty, "domains.csv");
  await assert.rejects(loadLabels(domains), isLabelError(domains, 1));
  const bad = join(dir, "bad.csv");
  await writeFile(bad, `${header}\n0x00000000000000000000000000000000000000b1,1,scam,mew/x\nnope\n`);
  await assert.rejects(loadLabels([bundledLabelsDir, bad]), isLabelError(bad, 3));
});

// The team's full data (with the GPL-3.0 ScamSniffer rows) is not in the repository: these run only
// where PALISADE_LABELS_DIR points at it (e.g. ../shared/data).
const sharedDir = process.env.PALISADE_LABELS_DIR;
const needsShared = sharedDir ? false : "PALISADE_LABELS_DIR is not set";

test("the committed lists are exactly the MIT rows of PALISADE_LABELS_DIR", {
  skip: needsShared,
}, async () => {
  const committed = await loadLabels(bundledLabelsDir);
  for (const file of committed.files) {
    const name = file.slice(bundledLabelsDir.length + 1);
    const upstream = join(sharedDir as string, name);
    const expected = formatLabelCsv(
      redistributableRows(parseLabelCsv(await readFile(upstream, "utf8"), upstream)),
    );
    assert.equal(await readFile(file, "utf8"), expected, `${name} differs from the MIT rows of ${upstream}`);
  }
});

test("PALISADE_LABELS_DIR adds the ScamSniffer rows at run time", { skip: needsShared }, async () => {
  const labels = await loadLabels([bundledLabelsDir, sharedDir as string]);
  assert.ok(labels.sources.has("scamsniffer/address"));
  assert.ok(labels.entryCount > (await loadLabels(bundledLabelsDir)).entryCount);
});
