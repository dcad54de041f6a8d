import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { accounts } from "@palisade/testkit";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { DevnetOnlyError, KeystoreV3PasswordError, SignerRequiredError, UsageError } from "../errors.ts";
import { Secret } from "../secret.ts";
import { captureIo } from "../testing/captureIo.ts";
import { encryptKeystoreV3 } from "./keystoreV3.testutil.ts";
import { resolveSigner } from "./signer.ts";

const dir = mkdtempSync(join(tmpdir(), "palisade-cli-signer-"));
const devnet = async () => 31_337;
const mainnet = async () => 1;

test("a private key signs as its address", async () => {
  const key = generatePrivateKey();
  const account = await resolveSigner(
    { kind: "key", key: new Secret(key), source: "--key" },
    captureIo({ cwd: dir }),
    mainnet,
  );
  assert.equal(account.address, privateKeyToAddress(key));
});

test("--account names a devnet account and is refused on any other chain", async () => {
  const account = await resolveSigner(
    { kind: "account", name: "consumer0" },
    captureIo({ cwd: dir }),
    devnet,
  );
  assert.equal(account.address, accounts().consumers[0].address);
  await assert.rejects(
    resolveSigner({ kind: "account", name: "consumer0" }, captureIo({ cwd: dir }), mainnet),
    (error: unknown) => error instanceof DevnetOnlyError && error.chainId === 1,
  );
  await assert.rejects(
    resolveSigner({ kind: "account", name: "nobody" }, captureIo({ cwd: dir }), devnet),
    (error: unknown) => error instanceof UsageError && /known: deployer, pauser/.test(error.details ?? ""),
  );
});

test("--keystore decrypts with PALISADE_KEYSTORE_PASSWORD, relative to the working directory", async () => {
  const key = generatePrivateKey();
  writeFileSync(join(dir, "key.json"), JSON.stringify(encryptKeystoreV3(key, "hunter2")));
  const choice = { kind: "keystore", path: "key.json" } as const;
  const account = await resolveSigner(
    choice,
    captureIo({ cwd: dir, env: { PALISADE_KEYSTORE_PASSWORD: "hunter2" } }),
    mainnet,
  );
  assert.equal(account.address, privateKeyToAddress(key));
  await assert.rejects(
    resolveSigner(choice, captureIo({ cwd: dir }), mainnet),
    /needs its password in env PALISADE_KEYSTORE_PASSWORD/,
  );
  await assert.rejects(
    resolveSigner(choice, captureIo({ cwd: dir, env: { PALISADE_KEYSTORE_PASSWORD: "nope" } }), mainnet),
    KeystoreV3PasswordError,
  );
});

test("no signer: SignerRequiredError", async () => {
  await assert.rejects(resolveSigner({ kind: "none" }, captureIo({ cwd: dir }), devnet), SignerRequiredError);
});
