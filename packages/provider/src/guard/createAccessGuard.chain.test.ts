// The guard against the real Marketplace on anvil: tokens signed by the consumer and by a session key
// are served, the contract's own digest equals hashAccessToken, the usage proof from the metering
// store is accepted by claim(), and a call claimed on-chain is refused even by a guard whose metering
// file never saw it.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { marketplaceAbi } from "@palisade/abis";
import {
  encodeAccessToken,
  hashAccessToken,
  type SignedAccessToken,
  signAccessToken,
} from "@palisade/crypto";
import { authorizeSessionKey, claimUsage, getPurchase } from "@palisade/sdk";
import { openMeteringStore, type SqliteMeteringStore } from "@palisade/store";
import { type MarketplaceFixture, marketplaceFixture } from "@palisade/testkit";
import type { Hex, LocalAccount, PublicClient } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { readContract } from "viem/actions";
import {
  type ChainPurchaseSource,
  createChainPurchaseSource,
} from "../purchases/createChainPurchaseSource.ts";
import { usageProof } from "../usageProof.ts";
import { type AccessGuard, createAccessGuard } from "./createAccessGuard.ts";

let f: MarketplaceFixture;
let purchases: ChainPurchaseSource;
let metering: SqliteMeteringStore;
let guard: AccessGuard;
let providerId: number;
let purchaseId: bigint;
const dir = mkdtempSync(join(tmpdir(), "palisade-guard-chain-"));
const chainId = 31_337;

before(async () => {
  f = await marketplaceFixture();
  purchaseId = f.market?.purchaseId as bigint;
  providerId = f.market?.providerIds[0] as number;
  purchases = await createChainPurchaseSource({
    client: f.clients.public as unknown as PublicClient,
    marketplace: f.deployment.marketplace.marketplace,
    pollIntervalMs: 50,
  });
  metering = openMeteringStore(join(dir, "metering.sqlite"));
  guard = createAccessGuard({
    providerId,
    marketplace: f.deployment.marketplace.marketplace,
    chainId,
    purchases,
    metering,
    maxTokenLifetimeSeconds: 300,
  });
});

after(async () => {
  await purchases?.close();
  await metering?.close();
  await f?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function token(nonce: bigint, signer: LocalAccount | Hex): Promise<SignedAccessToken> {
  const chainNow = (await f.clients.public.getBlock()).timestamp;
  // The guard checks expiry against the wall clock: stay within its lifetime whichever is ahead.
  const now = BigInt(Math.floor(Date.now() / 1000));
  const expiry = (chainNow > now ? now : chainNow) + 120n;
  const fields = {
    chainId,
    marketplace: f.deployment.marketplace.marketplace,
    token: { purchaseId, providerId, consumer: f.accounts.consumers[0].address, expiry, nonce },
  };
  return typeof signer === "string"
    ? signAccessToken({ ...fields, privateKey: signer })
    : signAccessToken({ ...fields, account: signer });
}

const header = (signed: SignedAccessToken) => `Palisade ${encodeAccessToken(signed)}`;

test("the Marketplace's accessTokenDigest equals hashAccessToken", async () => {
  const signed = await token(1n, f.accounts.consumers[0]);
  const onChain = await readContract(f.clients.public, {
    address: f.deployment.marketplace.marketplace,
    abi: marketplaceAbi,
    functionName: "accessTokenDigest",
    args: [signed.purchaseId, signed.providerId, signed.consumer, signed.expiry, signed.nonce],
  });
  assert.equal(
    onChain,
    hashAccessToken({ chainId, marketplace: f.deployment.marketplace.marketplace, token: signed }),
  );
});

test("consumer and session-key tokens are served; the usage proof claims them on-chain", async () => {
  for (const nonce of [1n, 2n]) {
    const call = await guard.authorize(header(await token(nonce, f.accounts.consumers[0])));
    assert.equal(call.nonce, nonce);
  }
  const sessionKey = generatePrivateKey();
  const block = await f.clients.public.getBlock();
  await authorizeSessionKey(f.clients.wallet(f.accounts.consumers[0]), {
    contracts: f.deployment.marketplace,
    key: privateKeyToAccount(sessionKey).address,
    validUntil: Number(block.timestamp) + 3_600,
  });
  const third = await guard.authorize(header(await token(3n, sessionKey)));
  assert.equal(third.signer, privateKeyToAccount(sessionKey).address.toLowerCase());
  assert.equal(third.callsRemaining, 97);

  const proof = await usageProof(metering, purchaseId);
  assert.equal(proof.nonce, 3n);
  const { served } = await claimUsage(f.clients.wallet(f.accounts.providers[0]), {
    contracts: f.deployment.marketplace,
    purchaseId,
    proof,
  });
  assert.equal(served, 3);
  await metering.markClaimed(purchaseId, proof.nonce);
  const onChain = await getPurchase(f.clients.public, { contracts: f.deployment.marketplace, purchaseId });
  assert.equal(onChain.served, 3);
});

test("a call claimed on-chain is refused even by a guard whose metering file never saw it", async () => {
  await purchases.sync(); // UsageClaimed → served = 3
  const fresh = openMeteringStore(join(dir, "fresh.sqlite"));
  try {
    const other = createAccessGuard({
      providerId,
      marketplace: f.deployment.marketplace.marketplace,
      chainId,
      purchases,
      metering: fresh,
      maxTokenLifetimeSeconds: 300,
    });
    await assert.rejects(other.authorize(header(await token(2n, f.accounts.consumers[0]))), {
      code: "token_replayed",
    });
    assert.equal(await fresh.countCalls(purchaseId), 0);
    assert.equal((await other.authorize(header(await token(4n, f.accounts.consumers[0])))).nonce, 4n);
  } finally {
    await fresh.close();
  }
});

test("a batch token: three of its calls served, its proof claims all it authorises; the rest then 409", async () => {
  // served = 3 on-chain; one token for calls 1 … 20, of which 5, 6 and 7 are used.
  const batch = header(await token(20n, f.accounts.consumers[0]));
  for (const n of ["5", "6", "7"]) assert.equal((await guard.authorize(batch, n)).nonce, 20n);
  const proof = await usageProof(metering, purchaseId);
  assert.equal(proof.nonce, 20n);
  const { served } = await claimUsage(f.clients.wallet(f.accounts.providers[0]), {
    contracts: f.deployment.marketplace,
    purchaseId,
    proof,
  });
  assert.equal(served, 20, "the consumer signed for 20 calls: the contract pays 20");
  await metering.markClaimed(purchaseId, proof.nonce);
  await purchases.sync(); // UsageClaimed → served = 20
  await assert.rejects(guard.authorize(batch, "8"), { code: "token_replayed" });
  const next = header(await token(40n, f.accounts.consumers[0]));
  assert.equal((await guard.authorize(next, "21")).call, 21n);
});
