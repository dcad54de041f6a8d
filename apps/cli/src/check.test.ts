import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import { createPhishingEngine } from "@palisade/engines";
import {
  type Anvil,
  createClients,
  type DemoDex,
  deployDemoDex,
  repoRoot,
  startAnvil,
} from "@palisade/testkit";
import { EXIT_OK, EXIT_USAGE, main } from "./main.ts";
import { captureIo } from "./testing/captureIo.ts";

// A blocklisted host from eth-phishing-detect's own config (the package the engine reads).
const config = JSON.parse(
  readFileSync(
    createRequire(`${repoRoot}/packages/engines/`).resolve("eth-phishing-detect/src/config.json"),
    "utf8",
  ),
) as { blacklist: string[] };
const blocked = config.blacklist[0] as string;
// The first OFAC row committed with the engines.
const sanctioned = (
  readFileSync(`${repoRoot}/packages/engines/data/labels/sanctioned_addresses.csv`, "utf8").split("\n")[1] ??
  ""
).split(",")[0] as string;

let anvil: Anvil;
let dex: DemoDex;
before(async () => {
  anvil = await startAnvil();
  dex = await deployDemoDex(createClients(anvil.rpcUrl));
});
after(async () => {
  await anvil?.stop();
});

const run = async (argv: string[]) => {
  const io = captureIo({ cwd: repoRoot, env: {} });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
};

test("check url: a blocklisted host is MALICIOUS with its list; the brand's own domain is SAFE", async () => {
  const bad = await run(["check", "url", `https://${blocked}/claim`]);
  assert.equal(bad.code, EXIT_OK);
  assert.match(
    bad.out,
    new RegExp(`^MALICIOUS {2}${blocked.replace(/\./g, "\\.")} {2}\\(phishing@1\\)$`, "m"),
  );
  assert.match(bad.out, /- blocklisted: .+\[list:eth-phishing-detect\/blocklist\]/);
  const good = await run(["check", "url", "metamask.io"]);
  assert.match(good.out, /^SAFE {2}metamask\.io/m);
  assert.match(good.out, /no risk flags/);
});

test("check url --json prints the engine's report exactly; --url works like the bare word", async () => {
  const { code, out } = await run(["check", "url", "--url", `${blocked}`, "--json"]);
  assert.equal(code, EXIT_OK);
  assert.deepEqual(JSON.parse(out), JSON.parse(JSON.stringify(createPhishingEngine().check(blocked))));
});

test("check url without a target, or with two, is a usage error (exit 2)", async () => {
  assert.equal((await run(["check", "url"])).code, EXIT_USAGE);
  assert.equal((await run(["check", "url", "a.com", "b.com"])).code, EXIT_USAGE);
});

test("check address: an OFAC address is sanctioned (list:ofac/…) at the block read; a fresh one is safe", async () => {
  // The OFAC rows are for chain 1: on the devnet's chain they only raise blacklist_doubt.
  const elsewhere = await run(["check", "address", sanctioned, "--rpc", anvil.rpcUrl]);
  assert.match(elsewhere.out, /^SUSPICIOUS .+\n {2}- blacklist_doubt: .+\[list:ofac\/ETH\]$/m);
  const bad = await run(["check", "address", sanctioned, "--rpc", anvil.rpcUrl, "--chain-id", "1", "--json"]);
  assert.equal(bad.code, EXIT_OK, bad.err);
  const report = JSON.parse(bad.out) as {
    verdict: string;
    block: number;
    fields: { sanctioned: boolean };
    flags: string[];
    sources: Record<string, { source: string }>;
  };
  assert.equal(report.verdict, "malicious");
  assert.equal(report.fields.sanctioned, true);
  assert.ok(report.flags.includes("sanctioned"));
  assert.match(report.sources.sanctioned?.source ?? "", /^list:ofac\//);
  assert.equal(typeof report.block, "number");
  const good = await run([
    "check",
    "address",
    "0x1111111111111111111111111111111111111111",
    "--rpc",
    anvil.rpcUrl,
  ]);
  assert.match(
    good.out,
    /^SAFE {2}0x1111111111111111111111111111111111111111 {2}\(address-risk@1 at block \d+\)$/m,
  );
  const bad2 = await run(["check", "address", "0x1234", "--rpc", anvil.rpcUrl]);
  assert.equal(bad2.code, EXIT_USAGE);
});

test("check token: the demo honeypot is malicious (simulated sell fails); the clean token is safe", async () => {
  const dexFlags = ["--rpc", anvil.rpcUrl, "--factory", dex.factory, "--weth", dex.weth];
  const honeypot = await run(["check", "token", dex.tokens.honeypot.address, ...dexFlags, "--json"]);
  assert.equal(honeypot.code, EXIT_OK, honeypot.err);
  const report = JSON.parse(honeypot.out) as {
    engine: string;
    verdict: string;
    fields: { is_honeypot: boolean | null };
    sources: Record<string, { source: string }>;
  };
  assert.equal(report.engine, "token-risk@1");
  assert.equal(report.verdict, "malicious");
  assert.equal(report.fields.is_honeypot, true);
  assert.match(report.sources.is_honeypot?.source ?? "", /^simulation:/);
  const clean = await run(["check", "token", dex.tokens.clean.address, ...dexFlags]);
  assert.match(clean.out, /^SAFE {2}0x[0-9a-fA-F]{40} {2}\(token-risk@1 at block \d+\)$/m);
});

test("check tx: an ETH transfer is allowed; an unlimited approval to an EOA is blocked with its rule", async () => {
  const from = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
  const eoa = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  const transfer = await run([
    "check",
    "tx",
    "--from",
    from,
    "--to",
    eoa,
    "--value",
    "0.1",
    "--rpc",
    anvil.rpcUrl,
  ]);
  assert.equal(transfer.code, EXIT_OK, transfer.err);
  assert.match(transfer.out, /^ALLOW {2}0x[0-9a-f]{64} {2}\(tx-firewall@1 at block \d+\)$/m);
  // approve(eoa, max) on the clean demo token: a drainer's signature move.
  const data = `0x095ea7b3${eoa.slice(2).toLowerCase().padStart(64, "0")}${"f".repeat(64)}`;
  const approve = await run([
    "check",
    "tx",
    "--from",
    from,
    "--to",
    dex.tokens.clean.address,
    "--data",
    data,
    "--rpc",
    anvil.rpcUrl,
    "--json",
  ]);
  assert.equal(approve.code, EXIT_OK, approve.err);
  const report = JSON.parse(approve.out) as {
    verdict: string;
    flags: string[];
    fields: { unlimited_approval: boolean };
  };
  assert.equal(report.verdict, "block");
  assert.equal(report.fields.unlimited_approval, true);
  assert.ok(report.flags.includes("unlimited_approval"));
});
