import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { encodeAccessToken, signAccessToken } from "@palisade/crypto";
import { createAccessGuard, createStaticPurchaseSource } from "@palisade/provider";
import { openMeteringStore, type SqliteMeteringStore } from "@palisade/store";
import { type Anvil, startAnvil } from "@palisade/testkit";
import { pino } from "pino";
import { createPublicClient, http, type PublicClient, zeroAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { parseConfig } from "./config.ts";
import { GatewayConfigError } from "./errors.ts";
import { createGatewayServer } from "./server.ts";

const chainId = 31_337;
const marketplace = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const providerId = 1;
const consumerKey = generatePrivateKey();
const consumer = privateKeyToAccount(consumerKey).address;

let anvil: Anvil;
let server: Server;
let metering: SqliteMeteringStore;
let dir: string;
let base: string;

before(async () => {
  anvil = await startAnvil();
  dir = mkdtempSync(join(tmpdir(), "palisade-gateway-server-"));
  metering = openMeteringStore(join(dir, "metering.sqlite"));
  const purchases = createStaticPurchaseSource({
    purchases: [
      [
        1n,
        {
          consumer,
          providerId,
          serviceId: 1,
          calls: 2,
          pricePerCall: 10n ** 16n,
          expiry: Math.floor(Date.now() / 1000) + 3_600,
          served: 0,
          refunded: false,
        },
      ],
    ],
  });
  const client = createPublicClient({ transport: http(anvil.rpcUrl) }) as PublicClient;
  const guard = createAccessGuard({
    providerId,
    marketplace,
    chainId,
    purchases,
    metering,
    maxTokenLifetimeSeconds: 300,
  });
  server = createGatewayServer({ providerId, guard, metering, client, logger: pino({ level: "silent" }) });
  await new Promise<void>((resolveListen) => server.listen(0, "127.0.0.1", () => resolveListen()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  await metering.close();
  rmSync(dir, { recursive: true, force: true });
  await anvil.stop();
});

async function token(nonce: bigint): Promise<string> {
  const signed = await signAccessToken({
    chainId,
    marketplace,
    privateKey: consumerKey,
    token: {
      purchaseId: 1n,
      providerId,
      consumer,
      expiry: BigInt(Math.floor(Date.now() / 1000) + 60),
      nonce,
    },
  });
  return `Palisade ${encodeAccessToken(signed)}`;
}

// biome-ignore lint/suspicious/noExplicitAny: the tests read several JSON shapes by path
type Json = Record<string, any>;

async function get(path: string, authorization?: string) {
  const response = await fetch(`${base}${path}`, authorization ? { headers: { authorization } } : {});
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Json,
  };
}

test("GET /v1/address answers the engine's verdict for a valid token and records the call", async () => {
  const { status, headers, body } = await get(`/v1/address?address=${zeroAddress}`, await token(1n));
  assert.equal(status, 200);
  assert.equal(body.engine, "address-basics@1");
  assert.equal(body.result.isContract, false);
  assert.equal(body.call.nonce, "1");
  assert.equal(headers.get("x-palisade-calls-remaining"), "1");
  assert.equal(await metering.countCalls(1n), 1);
});

test("a bad address is refused with 400 before the token is looked at: no call is spent", async () => {
  const { status, body } = await get("/v1/address?address=0x1234", await token(2n));
  assert.equal(status, 400);
  assert.equal(body.error.code, "invalid_input");
  assert.equal(await metering.countCalls(1n), 1);
  const missing = await get("/v1/address", await token(2n));
  assert.equal(missing.status, 400);
  assert.equal(await metering.countCalls(1n), 1);
});

test("guard refusals keep their status and code: no token 401, replay 409, beyond the calls bought 402", async () => {
  assert.equal((await get(`/v1/address?address=${zeroAddress}`)).body.error.code, "invalid_token");
  const replay = await get(`/v1/address?address=${zeroAddress}`, await token(1n));
  assert.equal(replay.status, 409);
  assert.equal(replay.body.error.code, "token_replayed");
  const over = await get(`/v1/address?address=${zeroAddress}`, await token(3n));
  assert.equal(over.status, 402);
  assert.equal(over.body.error.code, "quota_exhausted");
  assert.equal(await metering.countCalls(1n), 1);
});

test("GET /v1/usage/:id reports recorded calls; unknown routes are 404 JSON; /health shows the head", async () => {
  const usage = await get("/v1/usage/1");
  assert.equal(usage.status, 200);
  assert.equal(usage.body.callsRecorded, 1);
  assert.equal(usage.body.highestNonce, "1");
  const missing = await get("/v1/nothing");
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.code, "not_found");
  const health = await get("/health");
  assert.equal(health.status, 200);
  assert.equal(health.body.providerId, providerId);
});

test("config: required flags, defaults, env fallback, --help", () => {
  const config = parseConfig(["--deployment", "d.json", "--provider-id", "2"], {}, "/tmp");
  assert.equal(config.deployment, "/tmp/d.json");
  assert.equal(config.port, 8700);
  assert.equal(config.maxTokenLifetime, 300);
  assert.equal(parseConfig(["--deployment", "d.json"], { PALISADE_PROVIDER_ID: "5" }, "/tmp").providerId, 5);
  assert.throws(() => parseConfig(["--deployment", "d.json"], {}, "/tmp"), GatewayConfigError);
  assert.throws(() => parseConfig(["--provider-id", "0", "--deployment", "d"], {}, "/tmp"), /providerId/);
  assert.throws(() => parseConfig(["--bogus"], {}, "/tmp"), GatewayConfigError);
  assert.throws(
    () => parseConfig(["--help"], {}, "/tmp"),
    (error: unknown) => error instanceof GatewayConfigError && error.help,
  );
});

test("a batch token covers calls 1 … k with X-Palisade-Call; a repeated call number is 409", async () => {
  const batch = await token(2n);
  const first = await fetch(`${base}/v1/usage/1`).then((response) => response.json() as Promise<Json>);
  const before = first.callsRecorded as number;
  const response = await fetch(`${base}/v1/address?address=${zeroAddress}`, {
    headers: { authorization: batch, "x-palisade-call": "2" },
  });
  assert.equal(response.status, 200);
  assert.equal(((await response.json()) as Json).call.call, "2");
  const again = await fetch(`${base}/v1/address?address=${zeroAddress}`, {
    headers: { authorization: batch, "x-palisade-call": "2" },
  });
  assert.equal(again.status, 409);
  await again.body?.cancel();
  const beyond = await fetch(`${base}/v1/address?address=${zeroAddress}`, {
    headers: { authorization: batch, "x-palisade-call": "3" },
  });
  assert.equal(beyond.status, 401);
  await beyond.body?.cancel();
  assert.equal(await metering.countCalls(1n), before + 1);
});
