import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { KeystoreV3Error, KeystoreV3PasswordError } from "../errors.ts";
import { encryptKeystoreV3 } from "./keystoreV3.testutil.ts";
import { decryptKeystoreV3, loadKeystoreV3 } from "./keystoreV3.ts";

// Test vectors of the Web3 Secret Storage Definition, as go-ethereum keeps them in
// accounts/keystore/testdata/v3_test_vector.json.
const wikiKey = "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";
const vectors = {
  scrypt: {
    crypto: {
      cipher: "aes-128-ctr",
      cipherparams: { iv: "83dbcc02d8ccb40e466191a123791e0e" },
      ciphertext: "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
      kdf: "scrypt",
      kdfparams: {
        dklen: 32,
        n: 262144,
        r: 1,
        p: 8,
        salt: "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19",
      },
      mac: "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097",
    },
    id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
    version: 3,
  },
  pbkdf2: {
    crypto: {
      cipher: "aes-128-ctr",
      cipherparams: { iv: "6087dab2f9fdbbfaddc31a909735c1e6" },
      ciphertext: "5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46",
      kdf: "pbkdf2",
      kdfparams: {
        c: 262144,
        dklen: 32,
        prf: "hmac-sha256",
        salt: "ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd",
      },
      mac: "517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2",
    },
    id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
    version: 3,
  },
  shortKey: {
    crypto: {
      cipher: "aes-128-ctr",
      cipherparams: { iv: "e0c41130a323adc1446fc82f724bca2f" },
      ciphertext: "9517cd5bdbe69076f9bf5057248c6c050141e970efa36ce53692d5d59a3984",
      kdf: "scrypt",
      kdfparams: {
        dklen: 32,
        n: 2,
        r: 8,
        p: 1,
        salt: "711f816911c92d649fb4c84b047915679933555030b3552c1212609b38208c63",
      },
      mac: "d5e116151c6aa71470e67a7d42c9620c75c4d23229847dcc127794f0732b0db5",
    },
    id: "fecfc4ce-e956-48fd-953b-30f8b52ed66c",
    version: 3,
  },
};

test("go-ethereum's test keystore (scrypt, r = 8) decrypts to its stated address", async () => {
  // accounts/keystore/testdata/keystore/aaa, password "foobar" (its README).
  const aaa = {
    address: "f466859ead1932d743d622cb74fc058882e8648a",
    crypto: {
      cipher: "aes-128-ctr",
      ciphertext: "cb664472deacb41a2e995fa7f96fe29ce744471deb8d146a0e43c7898c9ddd4d",
      cipherparams: { iv: "dfd9ee70812add5f4b8f89d0811c9158" },
      kdf: "scrypt",
      kdfparams: {
        dklen: 32,
        n: 8,
        p: 16,
        r: 8,
        salt: "0d6769bf016d45c479213990d6a08d938469c4adad8a02ce507b4a4e7b7739f1",
      },
      mac: "bac9af994b15a45dd39669fc66f9aa8a3b9dd8c22cb16e4d8d7ea089d0f1a1a9",
    },
    id: "472e8b3d-afb6-45b5-8111-72c89895099a",
    version: 3,
  };
  const { address } = await decryptKeystoreV3(aaa, "foobar", "aaa");
  assert.equal(address, "0xf466859eAD1932D743d622CB74FC058882E8648A");
});

test("the wiki's scrypt vector (r = 1, n = 2^18) is refused: RFC 7914 wants n < 2^(16·r), as node:crypto does", async () => {
  await assert.rejects(decryptKeystoreV3(vectors.scrypt, "testpassword", "vector"), (error: unknown) => {
    assert.ok(error instanceof KeystoreV3Error);
    assert.match(error.details ?? "", /RFC 7914/);
    return true;
  });
});

test("the pbkdf2 test vector decrypts to its key", async () => {
  const { privateKey, address } = await decryptKeystoreV3(vectors.pbkdf2, "testpassword", "vector");
  assert.equal(privateKey, wikiKey);
  assert.equal(address, privateKeyToAddress(wikiKey));
});

test("a key stored without its leading zero byte (31 bytes) is padded back to 32", async () => {
  const { privateKey } = await decryptKeystoreV3(vectors.shortKey, "foo", "vector");
  assert.equal(privateKey, "0x00fa7b3db73dc7dfdf8c5fbdb796d741e4488628c41fc4febd9160a866ba0f35");
});

test("a wrong password fails the MAC check and says so, naming the file only", async () => {
  await assert.rejects(decryptKeystoreV3(vectors.shortKey, "bar", "a.json"), (error: unknown) => {
    assert.ok(error instanceof KeystoreV3PasswordError);
    assert.equal(error.shortMessage, "keystore a.json: wrong password (PALISADE_KEYSTORE_PASSWORD)");
    assert.doesNotMatch(error.message, /bar/);
    return true;
  });
});

test("what geth writes round-trips; a file naming another address is refused", async () => {
  const key = generatePrivateKey();
  const file = encryptKeystoreV3(key, "pw");
  assert.equal((await decryptKeystoreV3(file, "pw", "k")).privateKey, key);
  const lying = { ...file, address: privateKeyToAddress(generatePrivateKey()).slice(2) };
  await assert.rejects(
    decryptKeystoreV3(lying, "pw", "k"),
    /decrypts to 0x[0-9a-fA-F]{40}, but the file says/,
  );
});

test("malformed keystores are refused before any key derivation", async () => {
  const cases: unknown[] = [
    {},
    { version: 1, crypto: vectors.scrypt.crypto },
    { version: 3 },
    { version: 3, crypto: { ...vectors.scrypt.crypto, cipher: "aes-128-cbc" } },
    {
      version: 3,
      crypto: { ...vectors.scrypt.crypto, kdfparams: { ...vectors.scrypt.crypto.kdfparams, n: 3 } },
    },
    // A hostile n would ask for far more memory than a keystore needs.
    {
      version: 3,
      crypto: { ...vectors.scrypt.crypto, kdfparams: { ...vectors.scrypt.crypto.kdfparams, n: 2 ** 30 } },
    },
    {
      version: 3,
      crypto: {
        ...vectors.pbkdf2.crypto,
        kdfparams: { ...vectors.pbkdf2.crypto.kdfparams, prf: "hmac-sha1" },
      },
    },
  ];
  for (const value of cases) {
    await assert.rejects(decryptKeystoreV3(value, "testpassword", "k"), KeystoreV3Error);
  }
});

test("loadKeystoreV3 reads a file and names a missing or non-JSON one", async () => {
  const dir = mkdtempSync(join(tmpdir(), "palisade-cli-keystore-"));
  const key = generatePrivateKey();
  writeFileSync(join(dir, "ok.json"), JSON.stringify(encryptKeystoreV3(key, "pw")));
  writeFileSync(join(dir, "bad.json"), "{not json");
  assert.equal((await loadKeystoreV3(join(dir, "ok.json"), "pw")).privateKey, key);
  await assert.rejects(loadKeystoreV3(join(dir, "missing.json"), "pw"), /missing\.json: not found/);
  await assert.rejects(loadKeystoreV3(join(dir, "bad.json"), "pw"), /bad\.json: is not JSON/);
});
