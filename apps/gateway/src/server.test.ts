import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { encodeAccessToken, signAccessToken } from "@palisade/crypto";
import { createAccessGuard, createStaticPurchaseSource } from "@palisade/provider";
import {
  openAlertStore,
  openMeteringStore,
  type SqliteAlertStore,
  type SqliteMeteringStore,
} from "@palisade/store";
import { type Anvil, startAnvil } from "@palisade/testkit";
import { pino } from "pino";
import { createPublicClient, http, type PublicClient, zeroAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createAlertRoutes } from "./alerts/routes.ts";
import { parseConfig } from "./config.ts";
import { loadGatewayEngines } from "./engines.ts";
import { GatewayConfigError } from "./errors.ts";
import { createRateLimiter } from "./rateLimit.ts";
import { engineRoutes } from "./routes/index.ts";
import { createGatewayServer } from "./server.ts";
import { createStaticServiceDirectory } from "./services.ts";

const chainId = 31_337;
const marketplace = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const providerId = 1;
const consumerKey = generatePrivateKey();
const consumer = privateKeyToAccount(consumerKey).address;

let anvil: Anvil;
let server: Server;
let metering: SqliteMeteringStore;
let alerts: SqliteAlertStore;
let dir: string;
let base: string;

before(async () => {
  anvil = await startAnvil();
  dir = mkdtempSync(join(tmpdir(), "palisade-gateway-server-"));
  metering = openMeteringStore(join(dir, "metering.sqlite"));
  alerts = openAlertStore(join(dir, "alerts.sqlite"));
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
  const logger = pino({ level: "silent" });
  server = createGatewayServer({
    providerId,
    marketplace,
    guard,
    metering,
    client,
    routes: engineRoutes(await loadGatewayEngines()),
    services: createStaticServiceDirectory([[1, "/v1/address"]]),
    rateLimiter: createRateLimiter({ rate: 0, burst: 1 }),
    logger,
    alerts: createAlertRoutes({ store: alerts, token: undefined, logger }),
  });
  await new Promise<void>((resolveListen) => server.listen(0, "127.0.0.1", () => resolveListen()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  await metering.close();
  alerts.close();
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

test("GET /v1/address answers the address-risk report for a valid token and records the call", async () => {
  const { status, headers, body } = await get(`/v1/address?address=${zeroAddress}`, await token(1n));
  assert.equal(status, 200);
  assert.equal(body.engine, "address-risk@1");
  assert.equal(body.report.engine, "address-risk@1");
  assert.equal(body.report.target, zeroAddress);
  assert.equal(body.report.fields.is_contract, false);
  assert.equal(typeof body.report.block, "number");
  assert.deepEqual(body.call, { purchaseId: "1", call: "1", nonce: "1", callsRemaining: 1 });
  assert.equal(headers.get("x-palisade-calls-remaining"), "1");
  assert.equal(await metering.countCalls(1n), 1);
});

test("bad input is refused with 400 before the token is looked at: no call is spent", async () => {
  const { status, body } = await get("/v1/address?address=0x1234", await token(2n));
  assert.equal(status, 400);
  assert.equal(body.error.code, "invalid_request");
  assert.deepEqual(body.error.issues, [
    { path: "address", message: "not a 0x-prefixed 20-byte hex address" },
  ]);
  const cases = [
    "/v1/address",
    `/v1/address?address=${zeroAddress}&address=${zeroAddress}`,
    `/v1/address?address=${zeroAddress}&bogus=1`,
    `/v1/address?address=${zeroAddress}&block=01`,
    `/v1/address?address=${zeroAddress}&block=-1`,
    `/v1/address?address=${zeroAddress}&counterparty=nope`,
    `/v1/address?address=${zeroAddress}&__proto__=1`,
  ];
  for (const path of cases) {
    const refused = await get(path, await token(2n));
    assert.equal(refused.status, 400, path);
    assert.equal(refused.body.error.code, "invalid_request", path);
    assert.ok(refused.body.error.issues.length > 0, path);
  }
  // A block beyond the head: 409, also before the token.
  const ahead = await get(`/v1/address?address=${zeroAddress}&block=999999999`, await token(2n));
  assert.equal(ahead.status, 409);
  assert.equal(ahead.body.error.code, "block_ahead_of_chain");
  assert.equal(await metering.countCalls(1n), 1);
});

test("a purchase of another route's service is 403 wrong_service: nothing recorded", async () => {
  // Purchase 1 is service 1 (/v1/address): the phishing route serves no service of this provider here.
  const { status, body } = await get("/v1/phishing?url=example.com", await token(2n));
  assert.equal(status, 403);
  assert.equal(body.error.code, "wrong_service");
  assert.equal(await metering.countCalls(1n), 1);
});

test("a path with another method is 405 with Allow; a POST body must be JSON", async () => {
  const response = await fetch(`${base}/v1/address`, { method: "POST" });
  assert.equal(response.status, 405);
  assert.equal(response.headers.get("allow"), "GET");
  assert.equal(((await response.json()) as Json).error.code, "method_not_allowed");
  const text = await fetch(`${base}/v1/transaction`, {
    method: "POST",
    headers: { "content-type": "text/plain", authorization: await token(2n) },
    body: "{}",
  });
  assert.equal(text.status, 415);
  assert.equal(((await text.json()) as Json).error.code, "unsupported_media_type");
  const large = await fetch(`${base}/v1/transaction`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: await token(2n) },
    body: JSON.stringify({ from: zeroAddress, data: `0x${"00".repeat(200_000)}` }),
  });
  assert.equal(large.status, 413);
  assert.equal(((await large.json()) as Json).error.code, "payload_too_large");
  const broken = await fetch(`${base}/v1/transaction`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: await token(2n) },
    body: "{",
  });
  assert.equal(broken.status, 400);
  assert.equal(((await broken.json()) as Json).error.code, "invalid_request");
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
  assert.equal(config.labelsDir, undefined);
  assert.equal(config.rateLimit, 50);
  assert.equal(config.rateBurst, 100);
  assert.equal(parseConfig(["--deployment", "d.json"], { PALISADE_PROVIDER_ID: "5" }, "/tmp").providerId, 5);
  assert.throws(() => parseConfig(["--deployment", "d.json"], {}, "/tmp"), GatewayConfigError);
  assert.throws(() => parseConfig(["--provider-id", "0", "--deployment", "d"], {}, "/tmp"), /providerId/);
  assert.throws(() => parseConfig(["--bogus"], {}, "/tmp"), GatewayConfigError);
  // Labels folder and rate limits: flags over environment, paths resolved, 0 turns the limit off.
  const base = ["--deployment", "d.json", "--provider-id", "2"];
  const limited = parseConfig(
    [...base, "--labels-dir", "labels", "--rate-limit", "2.5", "--rate-burst", "7"],
    { PALISADE_LABELS_DIR: "/elsewhere", PALISADE_RATE_LIMIT: "9", PALISADE_RATE_BURST: "9" },
    "/tmp",
  );
  assert.equal(limited.labelsDir, "/tmp/labels");
  assert.equal(limited.rateLimit, 2.5);
  assert.equal(limited.rateBurst, 7);
  const fromEnv = parseConfig(
    base,
    { PALISADE_LABELS_DIR: "/srv/labels", PALISADE_RATE_LIMIT: "0", PALISADE_RATE_BURST: "3" },
    "/tmp",
  );
  assert.equal(fromEnv.labelsDir, "/srv/labels");
  assert.equal(fromEnv.rateLimit, 0);
  assert.equal(fromEnv.rateBurst, 3);
  // An empty or malformed value is an error, never a silent 0 (which would turn the limit off).
  for (const env of [
    { PALISADE_RATE_LIMIT: "" },
    { PALISADE_RATE_LIMIT: "-1" },
    { PALISADE_RATE_LIMIT: "1e3" },
  ])
    assert.throws(() => parseConfig(base, env, "/tmp"), /rateLimit/);
  for (const burst of ["0", "1.5", ""])
    assert.throws(() => parseConfig([...base, "--rate-burst", burst], {}, "/tmp"), /rateBurst/);
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
