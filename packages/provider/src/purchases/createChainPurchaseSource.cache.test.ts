// The chain purchase source's cache against the real Marketplace on anvil: prefill from events,
// one read for concurrent misses, and no stale answer cached when an event lands mid-read. A
// forwarding transport counts RPC methods and can hold eth_call answers (already computed by the
// node) to open the race window on purpose.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { authorizeSessionKey, getPurchase, purchaseCalls, refundPurchase } from "@palisade/sdk";
import { type MarketplaceFixture, marketplaceFixture } from "@palisade/testkit";
import { createPublicClient, custom, type PublicClient } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { type ChainPurchaseSource, createChainPurchaseSource } from "./createChainPurchaseSource.ts";

let f: MarketplaceFixture;
const sources: ChainPurchaseSource[] = [];
const counts = new Map<string, number>();
let holding = false;
const held: (() => void)[] = [];

before(async () => {
  f = await marketplaceFixture();
});

after(async () => {
  for (const source of sources) await source.close();
  await f?.stop();
});

/** A public client whose requests are counted, and whose eth_call answers wait while `holding`. */
function countingClient(): PublicClient {
  return createPublicClient({
    transport: custom({
      async request({ method, params }: { method: string; params?: unknown }) {
        counts.set(method, (counts.get(method) ?? 0) + 1);
        const response = await fetch(f.anvil.rpcUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
        });
        const body = (await response.json()) as {
          result?: unknown;
          error?: { code: number; message: string };
        };
        if (holding && method === "eth_call") await new Promise<void>((release) => held.push(release));
        if (body.error) throw Object.assign(new Error(body.error.message), body.error);
        return body.result;
      },
    }),
  }) as PublicClient;
}

async function newSource(): Promise<ChainPurchaseSource> {
  const source = await createChainPurchaseSource({
    client: countingClient(),
    marketplace: f.deployment.marketplace.marketplace,
    // Polls are driven by sync() in these tests.
    pollIntervalMs: 60_000,
  });
  sources.push(source);
  return source;
}

const calls = (method: string) => counts.get(method) ?? 0;

/** Resolves when `n` eth_call answers are being held. */
async function heldCalls(n: number): Promise<void> {
  while (held.length < n) await new Promise((resolve) => setTimeout(resolve, 5));
}

function release(): void {
  holding = false;
  for (const resume of held.splice(0)) resume();
}

test("a purchase confirmed after the source started is prefilled from its event: no getPurchase read", async () => {
  const source = await newSource();
  const contracts = f.deployment.marketplace;
  const { purchase } = await purchaseCalls(f.clients.wallet(f.accounts.consumers[1]), {
    contracts,
    serviceId: 1,
    calls: 5,
  });
  await source.sync();
  const before = calls("eth_call");
  const { purchaseId: _id, ...expected } = await getPurchase(f.clients.public, {
    contracts,
    purchaseId: purchase.purchaseId,
  });
  assert.deepEqual(await source.getPurchase(purchase.purchaseId), expected);
  assert.equal(calls("eth_call"), before, "served from the PurchaseConfirmed prefill");
});

test("concurrent misses of one purchase share one read", async () => {
  const source = await newSource();
  const purchaseId = f.market?.purchaseId as bigint;
  const before = calls("eth_call");
  const answers = await Promise.all(Array.from({ length: 10 }, () => source.getPurchase(purchaseId)));
  assert.equal(calls("eth_call") - before, 1);
  for (const answer of answers) assert.equal(answer?.calls, 100);
});

test("a purchase read in flight when its Refunded event is applied is not cached stale", async () => {
  const source = await newSource();
  const contracts = f.deployment.marketplace;
  const consumer = f.clients.wallet(f.accounts.consumers[1]);
  const block = await f.clients.public.getBlock();
  const { purchase } = await purchaseCalls(consumer, {
    contracts,
    serviceId: 2,
    calls: 2,
    expiry: Number(block.timestamp) + 120,
  });
  await source.sync();
  // Drop the prefill by reading through a fresh source: the race needs a read on a miss.
  const racing = await newSource();
  holding = true;
  const inFlight = racing.getPurchase(purchase.purchaseId);
  await heldCalls(1); // the node has answered "not refunded"; the answer is held
  await f.clients.test.increaseTime({ seconds: 120 + 60 + 1 });
  await f.clients.test.mine({ blocks: 1 });
  await refundPurchase(consumer, { contracts, purchaseId: purchase.purchaseId });
  await racing.sync(); // applies Refunded while the read is still in flight
  release();
  assert.equal((await inFlight)?.refunded, false, "the in-flight read answers what the node said");
  assert.equal((await racing.getPurchase(purchase.purchaseId))?.refunded, true, "but it was not cached");
});

test("a session key read in flight does not overwrite the newer SessionKeySet value", async () => {
  const source = await newSource();
  const contracts = f.deployment.marketplace;
  const consumer = f.accounts.consumers[0].address;
  const key = privateKeyToAccount(generatePrivateKey()).address;
  holding = true;
  const inFlight = source.sessionKeyValidUntil(consumer, key);
  await heldCalls(1);
  const block = await f.clients.public.getBlock();
  const validUntil = Number(block.timestamp) + 3_600;
  await authorizeSessionKey(f.clients.wallet(f.accounts.consumers[0]), { contracts, key, validUntil });
  await source.sync();
  release();
  assert.equal(await inFlight, 0);
  const before = calls("eth_call");
  assert.equal(await source.sessionKeyValidUntil(consumer, key), validUntil);
  assert.equal(calls("eth_call"), before, "the event's value is cached");
});

test("close stops the event poll", async () => {
  const source = await createChainPurchaseSource({
    client: countingClient(),
    marketplace: f.deployment.marketplace.marketplace,
    pollIntervalMs: 20,
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  await source.close();
  const before = calls("eth_blockNumber");
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.equal(calls("eth_blockNumber"), before);
});
