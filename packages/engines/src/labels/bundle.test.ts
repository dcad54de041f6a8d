import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { writeLabelBundle } from "./bundle.ts";
import { isRedistributable, licenceOf } from "./licences.ts";

let dir: string | undefined;
after(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

test("licences: MIT lists are redistributable; GPL-3.0, DBAD and unknown lists are not", () => {
  for (const source of [
    "forta/1/phishing_scams",
    "ofac/ETH",
    "etherscan-labels/bscscan/accounts/heist",
    "mew/addresses-darklist",
  ])
    assert.equal(isRedistributable(source), true, source);
  for (const source of ["scamsniffer/address", "metamask/blocklist", "someone/else"])
    assert.equal(isRedistributable(source), false, source);
  assert.equal(licenceOf("scamsniffer/address")?.licence, "GPL-3.0");
});

test("writeLabelBundle keeps MIT rows, strips non-MIT sources from mixed rows and drops the rest", async () => {
  dir = await mkdtemp(join(tmpdir(), "palisade-bundle-"));
  const from = join(dir, "from");
  const to = join(dir, "to");
  await mkdir(from);
  await writeFile(
    join(from, "malicious_addresses.csv"),
    [
      "address,chain_id,label,source",
      "0x00000000000000000000000000000000000000a1,,phishing,scamsniffer/address",
      "0x00000000000000000000000000000000000000a2,1,phishing,forta/1/phishing_scams;scamsniffer/address",
      "0x00000000000000000000000000000000000000a3,1,scam,mew/addresses-darklist",
      "0x00000000000000000000000000000000000000a4,1,scam,unknown/list",
      "",
    ].join("\n"),
  );
  await writeFile(
    join(from, "domains.csv"),
    "domain,label,source\nexample.com,phishing,metamask/blocklist\n",
  );
  const written = await writeLabelBundle(from, to);
  assert.deepEqual(written, [{ file: join(to, "malicious_addresses.csv"), kept: 2, dropped: 2 }]);
  assert.equal(
    await readFile(join(to, "malicious_addresses.csv"), "utf8"),
    [
      "address,chain_id,label,source",
      "0x00000000000000000000000000000000000000a2,1,phishing,forta/1/phishing_scams",
      "0x00000000000000000000000000000000000000a3,1,scam,mew/addresses-darklist",
      "",
    ].join("\n"),
  );
});
