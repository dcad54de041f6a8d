import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { LABEL_CSV_HEADER, LabelFileError, loadSecurityEngines } from "@palisade/engines";
import { loadGatewayEngines } from "./engines.ts";

const dir = mkdtempSync(join(tmpdir(), "palisade-gateway-engines-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const path = join(dir, name);
  mkdirSync(path);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(path, file), text);
  return path;
}

const drainer = "0x00000000000000000000000000000000000000d1";
const addressList = `${LABEL_CSV_HEADER}\n${drainer},31337,exploit,test/drainers\n`;
const domainList = "domain,label,source\nphish.example,phishing,test/blocklist\n";

test("a labels folder's address lists are merged with the bundled ones, the same files an operator node reads", async () => {
  const labelsDir = folder("both", { "local.csv": addressList, "domains.csv": domainList });
  const bundled = await loadGatewayEngines();
  const merged = await loadGatewayEngines({ labelsDir });
  assert.equal(merged.labels.entryCount, bundled.labels.entryCount + 1);
  assert.deepEqual(merged.labels.lookup(drainer, 31_337), [
    { chainId: 31_337, label: "exploit", sources: ["test/drainers"] },
  ]);
  assert.equal(merged.phishing.check("login.phish.example").verdict, "malicious");
  assert.equal(bundled.phishing.check("login.phish.example").verdict, "safe");
  // The nodes' loader picks the same files: the same lists version (decision 0005).
  const node = await loadSecurityEngines({ labelsDir, chainId: 31_337 });
  assert.equal(node.labelsDigest, merged.labels.digest);
  assert.deepEqual(node.labelFiles, merged.labels.files);
});

test("a folder with only domains.csv adds phishing lists; an empty or missing folder is an error", async () => {
  const domainsOnly = await loadGatewayEngines({
    labelsDir: folder("domains", { "domains.csv": domainList }),
  });
  assert.equal(domainsOnly.phishingLists.length, 1);
  assert.equal(domainsOnly.labels.digest, (await loadGatewayEngines()).labels.digest);
  await assert.rejects(loadGatewayEngines({ labelsDir: folder("empty", {}) }), LabelFileError);
  await assert.rejects(loadGatewayEngines({ labelsDir: join(dir, "missing") }), LabelFileError);
});
