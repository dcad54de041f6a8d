import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type Address,
  concatHex,
  fromRlp,
  getAddress,
  type Hex,
  keccak256,
  maxUint256,
  parseGwei,
  serializeTransaction,
  sliceHex,
  toHex,
  toRlp,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { InvalidTransactionError } from "./errors.ts";
import { decodeRawTransaction, readTransactionObject, transactionOf } from "./transaction.ts";

const account = privateKeyToAccount(generatePrivateKey());
const to: Address = getAddress("0x0000000000000000000000000000000000c0ffee");
const data: Hex = "0x095ea7b3";
const fees = { maxFeePerGas: parseGwei("20"), maxPriorityFeePerGas: parseGwei("1") };
const common = { chainId: 31_337, nonce: 7, gas: 60_000n, to, data, value: 5n };

describe("decodeRawTransaction: every signed type, the sender recovered", () => {
  const cases: [string, () => Promise<Hex>][] = [
    [
      "legacy (EIP-155)",
      () => account.signTransaction({ ...common, type: "legacy", gasPrice: parseGwei("2") }),
    ],
    [
      "legacy without a chain id (pre-EIP-155)",
      () => account.signTransaction({ ...common, chainId: undefined, type: "legacy", gasPrice: 1n }),
    ],
    [
      "EIP-2930",
      () =>
        account.signTransaction({
          ...common,
          type: "eip2930",
          gasPrice: 1n,
          accessList: [{ address: to, storageKeys: [] }],
        }),
    ],
    ["EIP-1559", () => account.signTransaction({ ...common, type: "eip1559", ...fees })],
    [
      "EIP-4844 without blobs",
      () =>
        account.signTransaction({
          ...common,
          type: "eip4844",
          ...fees,
          maxFeePerBlobGas: 1n,
          blobVersionedHashes: [`0x01${"ab".repeat(31)}`],
        }),
    ],
  ];
  for (const [name, sign] of cases)
    test(name, async () => {
      const raw = await sign();
      const tx = await decodeRawTransaction(raw);
      assert.deepEqual(tx, {
        from: account.address,
        to,
        value: 5n,
        data,
        gas: 60_000n,
        hash: keccak256(raw),
        authorizations: 0,
      });
    });

  test("EIP-4844 in its network form (with sidecars): the hash is the bare transaction's", async () => {
    const bare = await account.signTransaction({
      ...common,
      type: "eip4844",
      ...fees,
      maxFeePerBlobGas: 1n,
      blobVersionedHashes: [`0x01${"ab".repeat(31)}`],
    });
    // 0x03 || rlp([tx fields…, y, r, s], blobs, commitments, proofs); the firewall checks no KZG proof.
    const fields = fromRlp(sliceHex(bare, 1));
    const blob = toHex(new Uint8Array(131_072));
    const point = toHex(new Uint8Array(48));
    const wrapped = concatHex(["0x03", toRlp([fields as Hex[], [blob], [point], [point]])]);
    const tx = await decodeRawTransaction(wrapped);
    assert.equal(tx.from, account.address);
    assert.equal(tx.hash, keccak256(bare));
  });

  test("EIP-7702: the call is read and the authorizations counted", async () => {
    const delegate = privateKeyToAccount(generatePrivateKey());
    const authorization = await delegate.signAuthorization({
      chainId: 31_337,
      nonce: 0,
      contractAddress: to,
    });
    const raw = await account.signTransaction({
      ...common,
      type: "eip7702",
      ...fees,
      authorizationList: [authorization],
    });
    const tx = await decodeRawTransaction(raw);
    assert.equal(tx.from, account.address);
    assert.equal(tx.authorizations, 1);
    assert.equal(tx.hash, keccak256(raw));
  });

  test("a contract creation has no `to`", async () => {
    const raw = await account.signTransaction({
      ...common,
      to: undefined,
      data: "0x6000",
      type: "eip1559",
      ...fees,
    });
    assert.equal((await decodeRawTransaction(raw)).to, null);
  });

  test("what is not a signed transaction is an InvalidTransactionError", async () => {
    const unsigned = serializeTransaction({ ...common, type: "eip1559", ...fees });
    for (const raw of [42, "0x", "0x02", "0xzz", "0x123", "0xdeadbeef", unsigned])
      await assert.rejects(decodeRawTransaction(raw), InvalidTransactionError, String(raw));
  });
});

describe("readTransactionObject (eth_sendTransaction)", () => {
  test("reads from, to, value, data or input, gas; defaults the rest", () => {
    assert.deepEqual(
      readTransactionObject({
        from: account.address.toLowerCase(),
        to: to.toLowerCase(),
        value: "0x5",
        input: data,
        gas: "0xea60",
        nonce: "0x7",
        maxFeePerGas: "0x1",
      }),
      { from: account.address, to, value: 5n, data, gas: 60_000n, hash: null, authorizations: 0 },
    );
    assert.deepEqual(readTransactionObject({ from: account.address, data: "0x6000" }), {
      from: account.address,
      to: null,
      value: 0n,
      data: "0x6000",
      gas: null,
      hash: null,
      authorizations: 0,
    });
  });

  test("refuses a missing from, bad quantities, conflicting data and input, a non-object", () => {
    for (const value of [
      { to },
      { from: account.address, value: "5" },
      { from: account.address, value: "0x01" }, // a quantity has no leading zeros
      { from: account.address, value: toHex(maxUint256 + 1n) },
      { from: account.address, data: "0x1" },
      { from: account.address, data: "0x01", input: "0x02" },
      "0x01",
      null,
    ])
      assert.throws(() => readTransactionObject(value), InvalidTransactionError, JSON.stringify(value));
  });
});

test("transactionOf picks the decoder by method and refuses missing params", async () => {
  const raw = await account.signTransaction({ ...common, type: "eip1559", ...fees });
  assert.equal((await transactionOf("eth_sendRawTransactionSync", [raw])).from, account.address);
  assert.equal((await transactionOf("eth_sendTransaction", [{ from: account.address }])).to, null);
  await assert.rejects(transactionOf("eth_sendRawTransaction", undefined), InvalidTransactionError);
  await assert.rejects(
    transactionOf("eth_sendTransaction", { from: account.address }),
    InvalidTransactionError,
  );
});
