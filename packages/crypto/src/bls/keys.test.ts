import assert from "node:assert/strict";
import { test } from "node:test";
import { hexToBytes } from "viem";
import { InvalidSecretKeyError } from "../errors/bls.ts";
import { publicKeyOf, randomSecretKey, secretKeyFromBytes, secretKeyFromIkm } from "./keys.ts";
import { noble, nobleSigs } from "./noble.testutil.ts";

test("secretKeyFromIkm matches EIP-2333 test case 0 (master SK)", () => {
  const seed = hexToBytes(
    "0xc55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04",
  );
  const secretKey = secretKeyFromIkm(seed);
  assert.equal(
    BigInt(secretKey.toHex()),
    6083874454709270928345386274498605044986640685124978867557563392430687146096n,
  );
});

test("secretKeyFromIkm refuses fewer than 32 bytes", () => {
  assert.throws(() => secretKeyFromIkm(new Uint8Array(31)), InvalidSecretKeyError);
});

test("randomSecretKey gives distinct keys; publicKeyOf equals noble's public key", () => {
  const a = randomSecretKey();
  const b = randomSecretKey();
  assert.notEqual(a.toHex(), b.toHex());
  const nobleKey = nobleSigs.getPublicKey(a.toBytes());
  assert.deepEqual(publicKeyOf(a).toBytes(true), nobleKey.toBytes(true));
});

test("secretKeyFromBytes round-trips and rejects zero and r without echoing the bytes", () => {
  const key = randomSecretKey();
  assert.equal(secretKeyFromBytes(key.toBytes()).toHex(), key.toHex());
  const order = noble.fields.Fr.ORDER;
  const atOrder = hexToBytes(`0x${order.toString(16).padStart(64, "0")}`);
  for (const bad of [new Uint8Array(32), atOrder]) {
    assert.throws(
      () => secretKeyFromBytes(bad),
      (error: unknown) =>
        error instanceof InvalidSecretKeyError && !error.message.includes(order.toString(16)),
    );
  }
});
