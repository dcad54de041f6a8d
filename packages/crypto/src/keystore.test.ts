import assert from "node:assert/strict";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { secretKeyFromIkm } from "./bls/keys.ts";
import { KeystoreFileError, KeystoreFormatError, KeystorePasswordError } from "./errors/keystore.ts";
import { createKeystore, decryptKeystore, loadKeystore, saveKeystore } from "./keystore.ts";

const secretKey = secretKeyFromIkm(new Uint8Array(32).fill(0x33));
const password = "correct horse battery staple";
// Few iterations: the KDF's cost is the library's business, the round trip is ours.
const fast = { function: "pbkdf2", c: 16 } as const;
const dir = await mkdtemp(join(tmpdir(), "palisade-keystore-"));
after(() => rm(dir, { recursive: true, force: true }));

const secretHex = secretKey.toHex().replace(/^0x/, "");

test("create → decrypt round trip (pbkdf2), public key and path recorded", async () => {
  const keystore = await createKeystore({ secretKey, password, kdf: fast, path: "m/12381/3600/0/0/0" });
  assert.equal(keystore.version, 4);
  assert.equal(keystore.crypto.kdf.function, "pbkdf2");
  assert.equal(`0x${keystore.pubkey}`, secretKey.toPublicKey().toHex(true));
  assert.equal(keystore.path, "m/12381/3600/0/0/0");
  assert.equal(JSON.stringify(keystore).includes(secretHex), false);
  assert.equal((await decryptKeystore(keystore, password)).toHex(), secretKey.toHex());
});

test("scrypt keystores round-trip; the default KDF is EIP-2335's scrypt n = 2^18", async () => {
  const keystore = await createKeystore({ secretKey, password, kdf: { function: "scrypt", n: 1024 } });
  assert.equal(keystore.crypto.kdf.function, "scrypt");
  assert.equal((await decryptKeystore(keystore, password)).toHex(), secretKey.toHex());
  // The default (no kdf given): EIP-2335's scrypt parameters. Created once (node's native scrypt),
  // not decrypted, to keep the suite fast.
  const production = await createKeystore({ secretKey, password });
  assert.equal(production.crypto.kdf.function, "scrypt");
  assert.deepEqual(
    { ...production.crypto.kdf.params, salt: undefined },
    { dklen: 32, n: 262_144, r: 8, p: 1, salt: undefined },
  );
});

test("a wrong password is a KeystorePasswordError that names the key, never the secret or password", async () => {
  const keystore = await createKeystore({ secretKey, password, kdf: fast });
  await assert.rejects(decryptKeystore(keystore, "hunter2-not-it"), (error: unknown) => {
    assert.ok(error instanceof KeystorePasswordError);
    assert.match(error.message, new RegExp(keystore.pubkey));
    assert.equal(error.message.includes(secretHex), false);
    assert.equal(error.message.includes("hunter2"), false);
    return true;
  });
});

test("a keystore that is not EIP-2335 is a KeystoreFormatError", async () => {
  const keystore = await createKeystore({ secretKey, password, kdf: fast });
  await assert.rejects(decryptKeystore({ ...keystore, version: 3 }, password), KeystoreFormatError);
  // A keystore whose public key is not its secret's.
  const other = secretKeyFromIkm(new Uint8Array(32).fill(0x34)).toPublicKey().toHex(true).slice(2);
  await assert.rejects(decryptKeystore({ ...keystore, pubkey: other }, password), KeystoreFormatError);
});

test("save writes mode 0600 (also over a wider existing file); load reads it back", async () => {
  const keystore = await createKeystore({ secretKey, password, kdf: fast });
  const path = join(dir, "operator.json");
  await writeFile(path, "{}", { mode: 0o644 });
  await saveKeystore(path, keystore);
  assert.equal((await stat(path)).mode & 0o777, 0o600);
  const loaded = await loadKeystore(path);
  assert.deepEqual(loaded, keystore);
  assert.equal((await decryptKeystore(loaded, password)).toHex(), secretKey.toHex());
  assert.equal((await readFile(path, "utf8")).includes(secretHex), false);
});

test("load refuses a file others can read, a missing file, and non-JSON", async () => {
  const keystore = await createKeystore({ secretKey, password, kdf: fast });
  const path = join(dir, "open.json");
  await saveKeystore(path, keystore);
  await chmod(path, 0o644);
  await assert.rejects(
    loadKeystore(path),
    (e: unknown) => e instanceof KeystoreFileError && /chmod 600/.test(e.message),
  );
  assert.deepEqual(await loadKeystore(path, { allowInsecurePermissions: true }), keystore);
  await assert.rejects(loadKeystore(join(dir, "missing.json")), KeystoreFileError);
  const garbage = join(dir, "garbage.json");
  await writeFile(garbage, "not json", { mode: 0o600 });
  await assert.rejects(loadKeystore(garbage), KeystoreFileError);
  await writeFile(garbage, '{"version":4}', { mode: 0o600 });
  await assert.rejects(loadKeystore(garbage), KeystoreFormatError);
});
