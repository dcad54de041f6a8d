import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { authorizeSessionKey, getPurchase, purchaseCalls, refundPurchase } from "@palisade/sdk";
import { type MarketplaceFixture, marketplaceFixture } from "@palisade/testkit";
import type { PublicClient } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { type ChainPurchaseSource, createChainPurchaseSource } from "./createChainPurchaseSource.ts";

let f: MarketplaceFixture;
let source: ChainPurchaseSource;

before(async () => {
  f = await marketplaceFixture();
  source = await createChainPurchaseSource({
    client: f.clients.public as unknown as PublicClient,
    marketplace: f.deployment.marketplace.marketplace,
    pollIntervalMs: 50,
    notFoundTtlMs: 0,
  });
});

after(async () => {
  source?.close();
  await f?.stop();
});

test("reads a purchase on a miss and returns what getPurchase says", async () => {
  const purchaseId = f.market?.purchaseId as bigint;
  const contracts = f.deployment.marketplace;
  const onChain = await getPurchase(f.clients.public, { contracts, purchaseId });
  const { purchaseId: _id, ...expected } = onChain;
  assert.deepEqual(await source.getPurchase(purchaseId), expected);
});

test("an unknown purchase is undefined, and found once it is mined (no negative caching past the TTL)", async () => {
  const contracts = f.deployment.marketplace;
  const next = (f.market?.purchaseId as bigint) + 1n;
  assert.equal(await source.getPurchase(next), undefined);
  const { purchase } = await purchaseCalls(f.clients.wallet(f.accounts.consumers[1]), {
    contracts,
    serviceId: 1,
    calls: 3,
  });
  assert.equal(purchase.purchaseId, next);
  assert.equal((await source.getPurchase(next))?.calls, 3);
});

test("a cached purchase turns refunded from the Refunded event", async () => {
  const contracts = f.deployment.marketplace;
  const block = await f.clients.public.getBlock();
  const consumer = f.clients.wallet(f.accounts.consumers[1]);
  const { purchase } = await purchaseCalls(consumer, {
    contracts,
    serviceId: 2,
    calls: 2,
    expiry: Number(block.timestamp) + 120,
  });
  assert.equal((await source.getPurchase(purchase.purchaseId))?.refunded, false);
  await f.clients.test.increaseTime({ seconds: 120 + 60 + 1 });
  await f.clients.test.mine({ blocks: 1 });
  await refundPurchase(consumer, { contracts, purchaseId: purchase.purchaseId });
  // Still the cached copy until the events are applied: then refunded.
  await source.sync();
  assert.equal((await source.getPurchase(purchase.purchaseId))?.refunded, true);
});

test("session keys: read on a miss, then updated by SessionKeySet", async () => {
  const contracts = f.deployment.marketplace;
  const consumer = f.accounts.consumers[0].address;
  const key = privateKeyToAccount(generatePrivateKey()).address;
  assert.equal(await source.sessionKeyValidUntil(consumer, key), 0);
  const block = await f.clients.public.getBlock();
  const validUntil = Number(block.timestamp) + 3_600;
  await authorizeSessionKey(f.clients.wallet(f.accounts.consumers[0]), { contracts, key, validUntil });
  await source.sync();
  assert.equal(await source.sessionKeyValidUntil(consumer, key), validUntil);
});
