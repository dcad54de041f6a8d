// The marketplace end to end over a real gateway process: buy → tokens → N calls → the N+1th refused →
// SIGKILL mid-load and restart on the same store → counts exact, no call lost or double-counted →
// claim with the highest token → fees withdrawn after the release delay → a second purchase's unused
// calls refunded after expiry, after which its tokens are refused (410).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { utilityTokenAbi } from "@palisade/abis";
import { usageProof } from "@palisade/provider";
import {
  callService,
  claimUsage,
  getPendingFees,
  getPurchase,
  type MarketplaceDeployment,
  mintAccessToken,
  purchaseCalls,
  refundPurchase,
  registerProvider,
  registerService,
  ServiceCallError,
  withdrawFees,
} from "@palisade/sdk";
import { openMeteringStore } from "@palisade/store";
import {
  freePort,
  killProcess,
  type MarketplaceFixture,
  marketplaceFixture,
  repoRoot,
  startTsProcess,
  type TsProcess,
  waitHealthy,
} from "@palisade/testkit";
import { parseEther, zeroAddress } from "viem";
import { readContract } from "viem/actions";

const gatewayScript = join(repoRoot, "apps/gateway/src/main.ts");
const PRICE = parseEther("0.01");
const CALLS = 60;

describe("marketplace over a real gateway process (kill -9 mid-load)", { timeout: 240_000 }, () => {
  let f: MarketplaceFixture;
  let contracts: MarketplaceDeployment;
  let dataDir: string;
  let port: number;
  let providerId: number;
  let serviceId: number;
  let gateway: TsProcess | undefined;

  const consumer = () => f.clients.wallet(f.accounts.consumers[0]);
  const provider = () => f.clients.wallet(f.accounts.providers[0]);
  const url = () => `http://127.0.0.1:${port}`;

  async function startGateway(): Promise<TsProcess> {
    const proc = startTsProcess("gateway", gatewayScript, [
      "--deployment",
      join(dataDir, "deployment.json"),
      "--provider-id",
      String(providerId),
      "--port",
      String(port),
      "--data-dir",
      join(dataDir, "gateway"),
      "--log-level",
      "warn",
    ]);
    await waitHealthy(proc, `${url()}/health`);
    return proc;
  }

  /** One call with the token for call number `nonce`: the HTTP status (200 or the refusal's). */
  async function call(purchaseId: bigint, nonce: number): Promise<number> {
    const { authorization } = await mintAccessToken(consumer(), {
      contracts,
      purchaseId,
      providerId,
      nonce: BigInt(nonce),
    });
    try {
      const { status } = await callService({
        url: `${url()}/v1/address?address=${zeroAddress}`,
        authorization,
      });
      return status;
    } catch (error) {
      if (error instanceof ServiceCallError) return error.status;
      return 0; // connection refused or reset: the process was killed under the request
    }
  }

  async function usage(purchaseId: bigint): Promise<number> {
    const response = await fetch(`${url()}/v1/usage/${purchaseId}`);
    return ((await response.json()) as { callsRecorded: number }).callsRecorded;
  }

  async function warp(seconds: number): Promise<void> {
    await f.clients.test.increaseTime({ seconds });
    await f.clients.test.mine({ blocks: 1 });
  }

  before(async () => {
    f = await marketplaceFixture({ seedMarketplace: false });
    contracts = f.deployment.marketplace;
    dataDir = mkdtempSync(join(tmpdir(), "palisade-gateway-"));
    const { writeDeployment } = await import("@palisade/sdk");
    await writeDeployment(join(dataDir, "deployment.json"), f.deployment);
    port = await freePort();
    ({ providerId } = await registerProvider(provider(), {
      contracts,
      stake: parseEther("1000"),
      metadataURI: "data:application/json,{}",
      endpoint: url(),
    }));
    ({ serviceId } = await registerService(provider(), {
      contracts,
      providerId,
      category: "address-risk",
      pricePerCall: PRICE,
      endpointPath: "/v1/address",
      schemaRef: `${url()}/v1/openapi.json#/paths/~1v1~1address`,
    }));
    gateway = await startGateway();
  });

  after(async () => {
    if (gateway) await killProcess(gateway, "SIGTERM");
    await f?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  let purchaseId: bigint;

  it("serves exactly the calls bought, across a SIGKILL and a restart", async () => {
    ({
      purchase: { purchaseId },
    } = await purchaseCalls(consumer(), { contracts, serviceId, calls: CALLS }));

    // The first call's answer: the address-risk report, under call 1 of the purchase.
    const { authorization } = await mintAccessToken(consumer(), {
      contracts,
      purchaseId,
      providerId,
      nonce: 1n,
    });
    const first = await callService({ url: `${url()}/v1/address?address=${zeroAddress}`, authorization });
    const answer = first.body as { engine: string; report: { target: string }; call: { call: string } };
    assert.equal(answer.engine, "address-risk@1");
    assert.equal(answer.report.target, zeroAddress);
    assert.equal(answer.call.call, "1");
    for (let nonce = 2; nonce <= 5; nonce++) assert.equal(await call(purchaseId, nonce), 200);
    assert.equal(await usage(purchaseId), 5);

    // Load: calls 6 … 60 at once (tokens signed first, so the requests are pure HTTP); the gateway is
    // SIGKILLed as soon as three of them have been answered, with the rest in flight or not yet sent.
    const tokens = await Promise.all(
      Array.from({ length: CALLS - 5 }, (_, index) =>
        mintAccessToken(consumer(), { contracts, purchaseId, providerId, nonce: BigInt(6 + index) }),
      ),
    );
    let answeredSoFar = 0;
    let killed: Promise<void> | undefined;
    const load = tokens.map(async ({ authorization }, index) => {
      const nonce = 6 + index;
      try {
        await callService({ url: `${url()}/v1/address?address=${zeroAddress}`, authorization });
        answeredSoFar += 1;
        if (answeredSoFar === 3) killed = killProcess(gateway as TsProcess);
        return { nonce, status: 200 };
      } catch (error) {
        return { nonce, status: error instanceof ServiceCallError ? error.status : 0 };
      }
    });
    const results = await Promise.all(load);
    await killed;
    const answered = results.filter((entry) => entry.status === 200);
    const lost = results.filter((entry) => entry.status === 0).length;
    // The kill has to have landed mid-load for this test to mean anything.
    assert.ok(answered.length >= 3 && lost > 0, `answered ${answered.length}, cut off ${lost}`);

    gateway = await startGateway();
    const recorded = await usage(purchaseId);
    // Every call that was answered was recorded first; nothing beyond what was bought.
    assert.ok(recorded >= 5 + answered.length, `recorded ${recorded}, answered ${5 + answered.length}`);
    assert.ok(recorded <= CALLS);

    // Retrying every token of the load: recorded ones are replays (409), the others are served now.
    for (let nonce = 6; nonce <= CALLS; nonce++) {
      const status = await call(purchaseId, nonce);
      assert.ok(status === 200 || status === 409, `nonce ${nonce}: ${status}`);
      if (answered.some((entry) => entry.nonce === nonce))
        assert.equal(status, 409, `nonce ${nonce} replayed`);
    }
    assert.equal(await usage(purchaseId), CALLS);

    // The call after the last one bought is refused, and counts nothing.
    assert.equal(await call(purchaseId, CALLS + 1), 402);
    assert.equal(await usage(purchaseId), CALLS);
  });

  it("claims the served calls with the highest token and withdraws after the release delay", async () => {
    await killProcess(gateway as TsProcess, "SIGTERM");
    const metering = openMeteringStore(join(dataDir, "gateway", "metering.sqlite"));
    const proof = await usageProof(metering, purchaseId);
    await metering.close();
    gateway = await startGateway();
    assert.equal(proof.nonce, BigInt(CALLS));

    const { served, providerAmount, protocolFee, releaseAt } = await claimUsage(provider(), {
      contracts,
      purchaseId,
      proof,
    });
    assert.equal(served, CALLS);
    assert.equal(providerAmount + protocolFee, PRICE * BigInt(CALLS));
    assert.equal((await getPurchase(f.clients.public, { contracts, purchaseId })).served, CALLS);

    const { pending, releasable } = await getPendingFees(f.clients.public, { contracts, providerId });
    assert.equal(pending, providerAmount);
    assert.equal(releasable, 0n);
    const now = (await f.clients.public.getBlock()).timestamp;
    await warp(releaseAt - Number(now) + 1);
    const owner = f.accounts.providers[0].address;
    const before = await readContract(f.clients.public, {
      address: contracts.utilityToken,
      abi: utilityTokenAbi,
      functionName: "balanceOf",
      args: [owner],
    });
    const { amount } = await withdrawFees(provider(), { contracts, providerId });
    assert.equal(amount, providerAmount);
    const afterBalance = await readContract(f.clients.public, {
      address: contracts.utilityToken,
      abi: utilityTokenAbi,
      functionName: "balanceOf",
      args: [owner],
    });
    assert.equal(afterBalance - before, providerAmount);
  });

  it("refunds the unused calls after expiry; the purchase's tokens are then refused", async () => {
    const block = await f.clients.public.getBlock();
    const { purchase } = await purchaseCalls(consumer(), {
      contracts,
      serviceId,
      calls: 10,
      expiry: Number(block.timestamp) + 3_600,
    });
    for (let nonce = 1; nonce <= 4; nonce++) assert.equal(await call(purchase.purchaseId, nonce), 200);
    const metering = openMeteringStore(join(dataDir, "gateway", "metering.sqlite"));
    const proof = await usageProof(metering, purchase.purchaseId);
    await metering.close();
    await claimUsage(provider(), { contracts, purchaseId: purchase.purchaseId, proof });

    await warp(3_600 + 60 + 1); // past expiry + the devnet's refund grace
    const { calls, amount } = await refundPurchase(consumer(), {
      contracts,
      purchaseId: purchase.purchaseId,
    });
    assert.equal(calls, 6);
    assert.equal(amount, PRICE * 6n);

    // The gateway learns of the refund from the Refunded event: a fresh token is refused with 410.
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 410; attempt++) {
      status = await call(purchase.purchaseId, 5);
      if (status !== 410) await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    }
    assert.equal(status, 410);
  });
});
