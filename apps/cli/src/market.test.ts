import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { accounts } from "@palisade/testkit";
import { formatEth } from "./amounts.ts";
import { encryptKeystoreV3 } from "./chain/keystoreV3.testutil.ts";
import { type CliFixture, cliFixture } from "./testing/cliFixture.ts";

const named = accounts();
const bin = resolve(import.meta.dirname, "../bin/palisade.js");
let f: CliFixture;

before(async () => {
  f = await cliFixture();
});
after(() => f?.stop());

test("services lists the catalogue with filters and pages", async () => {
  const all = await f.run(["market", "services"]);
  assert.equal(all.code, 0, all.err);
  assert.match(
    all.out,
    /^id +provider +category +price\/call +path\n1 +1 +address-risk +0\.01 PAL +\/v1\/address\n2 +2 +address-risk +0\.008 PAL +\/v1\/address\n3 +1 +token-risk +0\.02 PAL +\/v1\/token\n4 +1 +phishing +0\.002 PAL +\/v1\/phishing\n5 +1 +transaction +0\.03 PAL +\/v1\/transaction\n6 +2 +phishing +0\.0015 PAL +\/v1\/phishing\n\npage 1: service ids 1–6 of 6\n$/,
  );
  const cheap = await f.run(["market", "services", "--max-price", "0.009", "--json"]);
  assert.deepEqual(
    cheap.json<{ services: { serviceId: number }[] }>().services.map((service) => service.serviceId),
    [2, 4, 6],
  );
  const byProvider = await f.run(["market", "services", "--provider", "1", "--json"]);
  assert.deepEqual(
    byProvider.json<{ services: { serviceId: number }[] }>().services.map((service) => service.serviceId),
    [1, 3, 4, 5],
  );
  const phishing = await f.run(["market", "services", "--category", "phishing", "--json"]);
  assert.deepEqual(
    phishing.json<{ services: { serviceId: number }[] }>().services.map((service) => service.serviceId),
    [4, 6],
  );
  assert.match((await f.run(["market", "services", "--category", "monitoring"])).out, /^no services match\n/);
  const page2 = await f.run(["market", "services", "--page", "2", "--page-size", "1", "--json"]);
  const second = page2.json<{ services: { serviceId: number }[]; total: number; nextPage: number | null }>();
  assert.deepEqual(
    [second.services.map((service) => service.serviceId), second.total, second.nextPage],
    [[2], 6, 3],
  );
  const page1 = await f.run(["market", "services", "--page-size", "1"]);
  assert.match(page1.out, /page 1: service ids 1–1 of 6; next: --page 2\n$/);
  assert.match(
    (await f.run(["market", "services", "--page", "5"])).out,
    /page 5 is past the last service id \(6\)\n$/,
  );
});

test("provider shows a provider's public profile and services", async () => {
  const run = await f.run(["market", "provider", "--provider", "2"]);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, new RegExp(`^provider 2\\n {2}owner +${named.providers[1].address}\\n`));
  assert.match(run.out, /\n {2}stake +5000 PAL\n/);
  assert.doesNotMatch(run.out, /fees/);
  const missing = await f.run(["market", "provider", "--provider", "7"]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /FIX: no provider 7 on this marketplace/);
});

test("dev accounts --balances and dev fund", async () => {
  const before = await f.run(["dev", "accounts", "--balances", "--json"]);
  assert.equal(before.code, 0, before.err);
  type Listed = { accounts: { name: string; eth: string; pal: string }[] };
  const consumer1 = () =>
    before.json<Listed>().accounts.find((entry) => entry.name === "consumer1") as Listed["accounts"][number];
  assert.equal(consumer1().pal, "100000000000000000000000");
  const fund = await f.run(["dev", "fund", "--to", "consumer1", "--pal", "1.5", "--eth", "2"]);
  assert.equal(fund.code, 0, fund.err);
  assert.match(
    fund.out,
    new RegExp(`^sent 1\\.5 PAL and 2 ETH to ${named.consumers[1].address}; it holds 100001\\.5 PAL\\n`),
  );
  const table = await f.run(["dev", "accounts", "--balances"]);
  assert.match(
    table.out,
    new RegExp(
      `\\nconsumer1 +${named.consumers[1].address} +${formatEth(BigInt(consumer1().eth) + 2n * 10n ** 18n).replace(".", "\\.")} +100001\\.5 PAL +marketplace consumer`,
    ),
  );
});

test("dev faucet drips to seeded accounts once per cooldown, and says what else to do", async () => {
  const drip = await f.run(["dev", "faucet", "--account", "consumer1"]);
  assert.equal(drip.code, 0, drip.err);
  assert.match(drip.out, new RegExp(`^1000 PAL dripped to ${named.consumers[1].address}\\n`));
  const again = await f.run(["dev", "faucet", "--account", "consumer1"]);
  assert.equal(again.code, 1);
  assert.match(
    again.err,
    /CoolingDown[\s\S]*FIX: the faucet drips again at \S+Z; meanwhile `npx palisade dev fund --to <address> --pal <PAL>`/,
  );
  const stranger = await f.run(["dev", "faucet", "--account", "submitter"]);
  assert.equal(stranger.code, 1);
  assert.match(
    stranger.err,
    new RegExp(
      `FIX: the faucet drips to the seeded accounts only: send PAL to ${named.submitter.address} with \`npx palisade dev fund --to ${named.submitter.address} --pal <PAL>\``,
    ),
  );
});

test("signers: --keystore with PALISADE_KEYSTORE_PASSWORD, and PALISADE_KEY", async () => {
  const account = named.consumers[1];
  const privateKey = `0x${Buffer.from(account.getHdKey().privateKey as Uint8Array).toString("hex")}` as const;
  writeFileSync(join(f.dir, "consumer1.json"), JSON.stringify(encryptKeystoreV3(privateKey, "pw")));
  const buy = ["consumer", "buy", "--service", "2", "--calls", "1", "--json"];
  const withKeystore = await f.run([...buy, "--keystore", "consumer1.json"], {
    PALISADE_KEYSTORE_PASSWORD: "pw",
  });
  assert.equal(withKeystore.code, 0, withKeystore.err);
  assert.equal(withKeystore.json<{ purchase: { consumer: string } }>().purchase.consumer, account.address);
  const wrong = await f.run([...buy, "--keystore", "consumer1.json"], { PALISADE_KEYSTORE_PASSWORD: "nope" });
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /^FIX: set PALISADE_KEYSTORE_PASSWORD to the keystore's password$/m);
  const withEnv = await f.run(buy, { PALISADE_KEY: privateKey });
  assert.equal(withEnv.json<{ purchase: { consumer: string } }>().purchase.consumer, account.address);
  const unsigned = await f.run(buy);
  assert.equal(unsigned.code, 1);
  assert.match(
    unsigned.err,
    /^error: this command sends a transaction or signs: it needs a signer\n[\s\S]*FIX: on the devnet pass --account <name>/m,
  );
});

test("a deployment file for another chain, or an RPC that does not answer, is explained", async () => {
  const deployment = JSON.parse(readFileSync(join(f.dir, ".palisade/devnet/deployment.json"), "utf8"));
  writeFileSync(join(f.dir, "other.json"), JSON.stringify({ ...deployment, chainId: 5 }));
  const mismatch = await f.run(["market", "services", "--deployment", "other.json"]);
  assert.equal(mismatch.code, 1);
  assert.match(
    mismatch.err,
    /^error: http:\/\/127\.0\.0\.1:\d+ serves chain 31337, the deployment file is for chain 5\nFIX: point --rpc at chain 5/m,
  );
  const dead = await f.run(["market", "services", "--rpc", "http://127.0.0.1:9"]);
  assert.equal(dead.code, 1);
  assert.match(dead.err, /^FIX: the RPC did not answer: is the devnet running \(`npm start`\)\?/m);
});

test("the real bin: `palisade` runs through tsx with exit codes 0 and 2", async () => {
  const spawnBin = (argv: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((done, fail) => {
      const child = spawn(process.execPath, [bin, ...argv], {
        cwd: f.dir,
        env: { PATH: process.env.PATH ?? "" },
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk) => {
        out += chunk;
      });
      child.stderr.on("data", (chunk) => {
        err += chunk;
      });
      child.on("error", fail);
      child.on("exit", (code) => done({ code, out, err }));
    });
  const listed = await spawnBin(["market", "services", "--json"]);
  assert.equal(listed.code, 0, listed.err);
  assert.equal(JSON.parse(listed.out).total, 6);
  const usage = await spawnBin(["consumer", "buy", "--service", "1"]);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /^error: --calls: required: --calls\n/);
});
