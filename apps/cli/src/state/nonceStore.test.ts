import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { NonceStateError } from "../errors.ts";
import { nonceStore } from "./nonceStore.ts";

const marketplace = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const key = { chainId: 31_337, marketplace, purchaseId: 7n } as const;

test("a fresh state dir has no nonces; recorded ones come back per purchase, chain and marketplace", async () => {
  const dir = join(mkdtempSync(join(tmpdir(), "palisade-cli-nonces-")), "nested", "state");
  const store = nonceStore(dir);
  assert.equal(await store.last(key), 0n);
  await store.record(key, 3n);
  assert.equal(await store.last(key), 3n);
  assert.equal(await store.last({ ...key, purchaseId: 8n }), 0n);
  assert.equal(await store.last({ ...key, chainId: 1 }), 0n);
  assert.equal(await store.last({ ...key, marketplace: "0x0000000000000000000000000000000000000001" }), 0n);
  // Another process (a second store on the same dir) sees it.
  assert.equal(
    await nonceStore(dir).last({ ...key, marketplace: marketplace.toLowerCase() as `0x${string}` }),
    3n,
  );
});

test("a lower nonce never moves the record back", async () => {
  const store = nonceStore(mkdtempSync(join(tmpdir(), "palisade-cli-nonces-")));
  await store.record(key, 5n);
  await store.record(key, 2n);
  assert.equal(await store.last(key), 5n);
  const file = JSON.parse(readFileSync(store.path, "utf8"));
  assert.deepEqual(file, { version: 1, nonces: { [`31337:${marketplace.toLowerCase()}:7`]: "5" } });
});

test("a corrupt state file is reported, not overwritten", async () => {
  const dir = mkdtempSync(join(tmpdir(), "palisade-cli-nonces-"));
  const store = nonceStore(dir);
  writeFileSync(store.path, "{oops");
  await assert.rejects(
    store.last(key),
    (error: unknown) => error instanceof NonceStateError && /is not JSON/.test(error.message),
  );
  await assert.rejects(store.record(key, 1n), NonceStateError);
  assert.equal(readFileSync(store.path, "utf8"), "{oops");
  writeFileSync(store.path, JSON.stringify({ version: 1, nonces: { a: "-1" } }));
  await assert.rejects(store.last(key), /not a nonce file of this CLI/);
});
