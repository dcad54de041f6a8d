import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { callService, mintAccessToken, ServiceCallError } from "@palisade/sdk";
import { type MarketplaceFixture, marketplaceFixture } from "@palisade/testkit";
import type { PublicClient } from "viem";
import { type ServeReturnType, serve } from "./serve.ts";

let f: MarketplaceFixture;
let served: ServeReturnType;
let dir: string;

before(async () => {
  f = await marketplaceFixture();
  dir = mkdtempSync(join(tmpdir(), "palisade-serve-"));
  served = await serve({
    client: f.clients.public as unknown as PublicClient,
    marketplace: f.deployment.marketplace.marketplace,
    providerId: 1,
    storePath: join(dir, "metering.sqlite"),
    handler: (request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ verdict: "benign", nonce: String(request.palisade.nonce) }));
    },
  });
});

after(async () => {
  await served?.close();
  await f?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("serve: a seeded purchase's token gets the handler's answer; a replay is 409 and counts nothing", async () => {
  const contracts = f.deployment.marketplace;
  const consumer = f.clients.wallet(f.accounts.consumers[0]);
  const purchaseId = f.market?.purchaseId as bigint;
  const { authorization } = await mintAccessToken(consumer, {
    contracts,
    purchaseId,
    providerId: 1,
    nonce: 1n,
  });
  const { body, callsRemaining } = await callService({ url: `${served.url}/anything`, authorization });
  assert.deepEqual(body, { verdict: "benign", nonce: "1" });
  assert.equal(callsRemaining, 99);
  await assert.rejects(
    callService({ url: `${served.url}/anything`, authorization }),
    (error: unknown) =>
      error instanceof ServiceCallError && error.status === 409 && error.code === "token_replayed",
  );
  assert.equal(await served.metering.countCalls(purchaseId), 1);
});

test("serve: a token for another provider's purchase is refused with 403 wrong_provider", async () => {
  const contracts = f.deployment.marketplace;
  const consumer = f.clients.wallet(f.accounts.consumers[0]);
  const { authorization } = await mintAccessToken(consumer, {
    contracts,
    purchaseId: f.market?.purchaseId as bigint,
    providerId: 2,
    nonce: 2n,
  });
  await assert.rejects(
    callService({ url: served.url, authorization }),
    (error: unknown) =>
      error instanceof ServiceCallError && error.status === 403 && error.code === "wrong_provider",
  );
});
