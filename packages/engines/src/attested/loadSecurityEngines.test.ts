import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { Address } from "viem";
import { LabelFileError } from "../labels/errors.ts";
import { bundledLabelsDir, loadLabels } from "../labels/loadLabels.ts";
import { createSecurityEngines } from "./createSecurityEngines.ts";
import { loadSecurityEngines } from "./loadSecurityEngines.ts";

const dir = mkdtempSync(join(tmpdir(), "palisade-security-engines-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const dex = {
  factory: "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address,
  router: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" as Address,
  weth: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0" as Address,
};
const ids = ["phishing@1", "address-risk@1", "token-risk@1", "tx-firewall@1"];
const requests = {
  "phishing@1": { target: "metamask.io", referenceBlock: 1 },
  "address-risk@1": { address: dex.factory, referenceBlock: 1 },
  "token-risk@1": { token: dex.factory, referenceBlock: 1 },
  "tx-firewall@1": { from: dex.factory, referenceBlock: 1 },
} as const;
const hashes = (engines: { id: string; parseRequest(input: unknown): { requestHash: string } }[]) =>
  engines.map((engine) => engine.parseRequest(requests[engine.id as keyof typeof requests]).requestHash);

test("the bundled lists, the deployment's DEX and chain: the four engines createSecurityEngines builds", async () => {
  const loaded = await loadSecurityEngines({ chainId: 31_337, dex });
  assert.deepEqual(
    loaded.engines.map((engine) => engine.id),
    ids,
  );
  const labels = await loadLabels(bundledLabelsDir);
  assert.equal(loaded.labelsDigest, labels.digest);
  assert.equal(loaded.phishingFile, undefined);
  assert.ok(loaded.ms >= 0);
  const built = createSecurityEngines({ labels, dex, chainId: 31_337 });
  assert.deepEqual(hashes(loaded.engines), hashes(built));
  // Another chain changes the address-risk and firewall hashes only.
  const [p, a, t, x] = hashes(createSecurityEngines({ labels, dex, chainId: 1 }));
  const [p0, a0, t0, x0] = hashes(built);
  assert.equal(p, p0);
  assert.equal(t, t0);
  assert.notEqual(a, a0);
  assert.notEqual(x, x0);
  // Without the DEX, token risk is another question.
  assert.notEqual(hashes(createSecurityEngines({ labels, chainId: 31_337 }))[2], t0);
});

test("a labels folder adds its address lists and its domains.csv: every request hash moves with the lists", async () => {
  const base = hashes((await loadSecurityEngines({ chainId: 31_337, dex })).engines);
  const addresses = join(dir, "addresses");
  const domains = join(dir, "domains");
  const both = join(dir, "both");
  for (const folder of [addresses, domains, both]) mkdirSync(folder);
  const addressCsv =
    "address,chain_id,label,source\n0x00000000000000000000000000000000000bad01,,phishing,test/extra\n";
  const domainCsv = "domain,label,source\nevil-extra.example,phishing,test/domains\n";
  writeFileSync(join(addresses, "extra.csv"), addressCsv);
  writeFileSync(join(domains, "domains.csv"), domainCsv);
  copyFileSync(join(addresses, "extra.csv"), join(both, "extra.csv"));
  copyFileSync(join(domains, "domains.csv"), join(both, "domains.csv"));

  const withAddresses = await loadSecurityEngines({ chainId: 31_337, dex, labelsDir: addresses });
  assert.equal(withAddresses.phishingFile, undefined);
  const [p1, a1, t1, x1] = hashes(withAddresses.engines);
  assert.deepEqual(
    [p1 === base[0], a1 === base[1], t1 === base[2], x1 === base[3]],
    [true, false, true, false],
  );

  const withDomains = await loadSecurityEngines({ chainId: 31_337, dex, labelsDir: domains });
  assert.equal(withDomains.phishingFile, join(domains, "domains.csv"));
  const [p2, a2, t2, x2] = hashes(withDomains.engines);
  assert.deepEqual(
    [p2 === base[0], a2 === base[1], t2 === base[2], x2 === base[3]],
    [false, true, true, true],
  );

  const withBoth = await loadSecurityEngines({ chainId: 31_337, dex, labelsDir: both });
  assert.deepEqual(hashes(withBoth.engines), [p2, a1, t1, x1]);
  assert.deepEqual(withBoth.labelFiles.at(-1), join(both, "extra.csv"));
});

test("a labels folder with neither address lists nor domains.csv, or missing, is an error", async () => {
  const empty = join(dir, "empty");
  mkdirSync(empty, { recursive: true });
  writeFileSync(join(empty, "notes.txt"), "nothing here\n");
  await assert.rejects(loadSecurityEngines({ chainId: 1, labelsDir: empty }), LabelFileError);
  await assert.rejects(loadSecurityEngines({ chainId: 1, labelsDir: join(dir, "nope") }), LabelFileError);
});
