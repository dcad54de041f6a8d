// Every engine route over a real socket, on anvil with the real Marketplace (seeded providers and
// services), the demo DEX, chain purchases and access tokens minted by the SDK: each route answers its
// engine's report for a purchased token; bad input, a purchase of another route's service and the rate
// limit cost no call; the OpenAPI document lists every route and validates the real answers.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ethPhishingDetectLists, LABEL_CSV_HEADER } from "@palisade/engines";
import { createChainPurchaseSource } from "@palisade/provider";
import {
  claimUsage,
  type MarketplaceDeployment,
  mintAccessToken,
  purchaseCalls,
  registerService,
  writeDeployment,
} from "@palisade/sdk";
import { type DemoDex, deployDemoDex, type MarketplaceFixture, marketplaceFixture } from "@palisade/testkit";
import { Ajv2020 } from "ajv/dist/2020.js";
import { pino } from "pino";
import { encodeFunctionData, erc20Abi, maxUint256, parseEther } from "viem";
import { parseConfig } from "./config.ts";
import { type RunningGateway, runGateway } from "./run.ts";

// biome-ignore lint/suspicious/noExplicitAny: the tests read several JSON shapes by path
type Json = Record<string, any>;

/** An OFAC-sanctioned address from the bundled lists (packages/engines/data/labels/sanctioned_addresses.csv). */
const OFAC = "0x08723392ed15743cc38513c4925f5e6be5c17243";
/** A domain only the test's labels folder lists (domains.csv). */
const LOCAL_PHISH = "palisade-gateway-test-phish.example";
/** An externally owned account nobody approves on purpose. */
const STRANGER_EOA = "0x5a15ade000000000000000000000000000000001";

describe("engine routes on the Marketplace", { timeout: 300_000 }, () => {
  let f: MarketplaceFixture;
  let dex: DemoDex;
  let contracts: MarketplaceDeployment;
  let dir: string;
  let gateway: RunningGateway;
  let limited: RunningGateway | undefined;
  let providerId: number;
  /** Purchase ids by route: 20 calls of provider 1's service for it. */
  const purchases: Record<"address" | "token" | "phishing" | "transaction", bigint> = {
    address: 0n,
    token: 0n,
    phishing: 0n,
    transaction: 0n,
  };
  /** The next unused call number of each purchase (a token per call). */
  const nextCall = new Map<bigint, bigint>();
  /** Real answers, validated against the OpenAPI document at the end. */
  const answers: { method: string; path: string; status: number; body: Json }[] = [];
  let limiterNow = 1_000_000;

  const consumer = () => f.clients.wallet(f.accounts.consumers[0]);
  const owner = () => f.clients.wallet(f.accounts.providers[0]);

  async function authorization(purchaseId: bigint, nonce?: bigint): Promise<string> {
    const n = nonce ?? nextCall.get(purchaseId) ?? 1n;
    nextCall.set(purchaseId, n + 1n);
    return (await mintAccessToken(consumer(), { contracts, purchaseId, providerId, nonce: n })).authorization;
  }

  async function call(
    path: string,
    purchaseId: bigint | undefined,
    init: { method?: string; body?: unknown; base?: string; nonce?: bigint } = {},
  ): Promise<{ status: number; headers: Headers; body: Json }> {
    const headers: Record<string, string> = {};
    if (purchaseId !== undefined) headers.authorization = await authorization(purchaseId, init.nonce);
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const method = init.method ?? (init.body === undefined ? "GET" : "POST");
    const response = await fetch(`${init.base ?? gateway.url}${path}`, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const body = (await response.json()) as Json;
    answers.push({ method, path: path.split("?")[0] as string, status: response.status, body });
    return { status: response.status, headers: response.headers, body };
  }

  async function recorded(purchaseId: bigint): Promise<number> {
    const { status, body } = await call(`/v1/usage/${purchaseId}`, undefined);
    assert.equal(status, 200);
    return body.callsRecorded;
  }

  async function buy(serviceId: number, calls = 20): Promise<bigint> {
    const { purchase } = await purchaseCalls(consumer(), { contracts, serviceId, calls });
    return purchase.purchaseId;
  }

  async function start(extra: string[], now?: () => number): Promise<RunningGateway> {
    const config = parseConfig(
      [
        "--deployment",
        join(dir, "deployment.json"),
        "--provider-id",
        String(providerId),
        "--port",
        "0",
        "--labels-dir",
        join(dir, "labels"),
        "--log-level",
        "silent",
        ...extra,
      ],
      {},
      dir,
    );
    return runGateway(
      config,
      pino({ level: "silent" }),
      (client, marketplace) => createChainPurchaseSource({ client, marketplace, pollIntervalMs: 100 }),
      now === undefined ? {} : { now },
    );
  }

  before(async () => {
    f = await marketplaceFixture();
    contracts = f.deployment.marketplace;
    dex = await deployDemoDex(f.clients);
    dir = mkdtempSync(join(tmpdir(), "palisade-gateway-routes-"));
    await writeDeployment(join(dir, "deployment.json"), {
      ...f.deployment,
      dex: {
        factory: dex.factory,
        router: dex.router,
        weth: dex.weth,
        tokens: Object.fromEntries(
          Object.values(dex.tokens).map((token) => [
            token.name,
            { symbol: token.symbol, address: token.address, pair: token.pair, behaviour: token.behaviour },
          ]),
        ),
      },
    });
    // The operator's own lists: the devnet attacker labelled on this chain, and a phishing domain.
    const labels = join(dir, "labels");
    rmSync(labels, { recursive: true, force: true });
    const { mkdirSync } = await import("node:fs");
    mkdirSync(labels);
    writeFileSync(
      join(labels, "local.csv"),
      `${LABEL_CSV_HEADER}\n${f.accounts.attacker.address.toLowerCase()},31337,exploit,test/local-drainers\n`,
    );
    writeFileSync(
      join(labels, "domains.csv"),
      `domain,label,source\n${LOCAL_PHISH},phishing,test/blocklist\n`,
    );

    const market = f.market;
    if (market === undefined) throw new Error("the fixture seeds the marketplace");
    providerId = market.providerIds[0];
    // Seeded services (testkit seededServices): 1 address, 3 token, 4 phishing, 5 transaction are
    // provider 1's; 2 and 6 are provider 2's.
    purchases.address = await buy(1);
    purchases.token = await buy(3);
    purchases.phishing = await buy(4);
    purchases.transaction = await buy(5);
    gateway = await start(["--rate-limit", "1000", "--rate-burst", "1000"]);
  });

  after(async () => {
    await gateway?.stop();
    await limited?.stop();
    await f?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("GET /v1/address: an OFAC address is malicious (bundled lists); the local lists are merged", async () => {
    const { status, headers, body } = await call(`/v1/address?address=${OFAC}&chainId=1`, purchases.address);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.engine, "address-risk@1");
    assert.equal(body.report.verdict, "malicious");
    assert.equal(body.report.fields.sanctioned, true);
    assert.equal(body.report.fields.chain_id, 1);
    assert.equal(body.report.sources.sanctioned.source, "list:ofac/ETH");
    assert.deepEqual(body.call, {
      purchaseId: String(purchases.address),
      call: "1",
      nonce: "1",
      callsRemaining: 19,
    });
    assert.equal(headers.get("x-palisade-calls-remaining"), "19");
    // On this chain (31337) the same address is only labelled for another chain: suspicious.
    const here = await call(`/v1/address?address=${OFAC}`, purchases.address);
    assert.equal(here.body.report.verdict, "suspicious");
    assert.deepEqual(here.body.report.flags, ["blacklist_doubt"]);
    // The labels folder's row for this chain: malicious, with its source.
    const attacker = f.accounts.attacker.address;
    const local = await call(`/v1/address?address=${attacker}`, purchases.address);
    assert.equal(local.body.report.verdict, "malicious");
    assert.equal(local.body.report.sources.stealing_attack.source, "list:test/local-drainers");
    // Pinned to a past block, with a counterparty it imitates (same first and last 4 hex digits).
    const lookalike = `${attacker.slice(0, 6)}${"0".repeat(32)}${attacker.slice(-4)}`;
    const pinned = await call(
      `/v1/address?address=${lookalike}&counterparty=${attacker}&block=1`,
      purchases.address,
    );
    assert.equal(pinned.body.report.block, 1);
    assert.equal(pinned.body.report.fields.address_poisoning_lookalike, true);
    assert.equal(pinned.body.report.verdict, "malicious");
    assert.equal(await recorded(purchases.address), 4);
  });

  test("GET /v1/token: the demo DEX's honeypot is malicious (simulated), its clean token safe", async () => {
    const honeypot = await call(`/v1/token?token=${dex.tokens.honeypot.address}`, purchases.token);
    assert.equal(honeypot.status, 200, JSON.stringify(honeypot.body));
    assert.equal(honeypot.body.engine, "token-risk@1");
    assert.equal(honeypot.body.report.verdict, "malicious");
    assert.equal(honeypot.body.report.fields.is_honeypot, true);
    assert.equal(honeypot.body.report.fields.dex_pair, dex.tokens.honeypot.pair.toLowerCase());
    assert.equal(honeypot.body.report.sources.is_honeypot.source, "simulation:buy-sell");
    const clean = await call(`/v1/token?token=${dex.tokens.clean.address}`, purchases.token);
    assert.equal(clean.body.report.verdict, "safe");
    assert.equal(clean.body.report.fields.is_honeypot, false);
    assert.equal(clean.body.report.fields.buy_tax, 0);
    assert.equal(await recorded(purchases.token), 2);
  });

  test("GET /v1/token refuses an address without code (422) and a block ahead (409) before the call", async () => {
    const before = await recorded(purchases.token);
    const eoa = await call(`/v1/token?token=${STRANGER_EOA}`, purchases.token, { nonce: 3n });
    assert.equal(eoa.status, 422);
    assert.equal(eoa.body.error.code, "not_a_contract");
    const ahead = await call(`/v1/token?token=${dex.tokens.clean.address}&block=99999999`, purchases.token, {
      nonce: 3n,
    });
    assert.equal(ahead.status, 409);
    assert.equal(ahead.body.error.code, "block_ahead_of_chain");
    assert.match(ahead.body.error.message, /latest block \d+/);
    assert.equal(await recorded(purchases.token), before);
    // The token that was refused twice still serves its call.
    const served = await call(`/v1/token?token=${dex.tokens.tax.address}`, purchases.token, { nonce: 3n });
    assert.equal(served.status, 200);
    // 10 % on buys and sells, changeable by the owner: suspicious, not malicious (theft starts at 50 %).
    assert.equal(served.body.report.verdict, "suspicious");
    assert.ok(served.body.report.flags.includes("sell_tax"));
  });

  test("GET /v1/phishing: a blocklisted domain is malicious; the local domains.csv is loaded", async () => {
    const blocklist = ethPhishingDetectLists().find((list) => list.kind === "blocklist");
    const listed = blocklist?.entries.find((entry) => /^[a-z0-9.-]+$/.test(entry)) as string;
    const { status, body } = await call(
      `/v1/phishing?url=${encodeURIComponent(`https://${listed}/login`)}`,
      purchases.phishing,
    );
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.engine, "phishing@1");
    assert.equal(body.report.verdict, "malicious");
    assert.equal(body.report.block, null);
    assert.ok(body.report.flags.includes("blocklisted"));
    assert.equal(body.report.sources.blocklisted.source, "list:eth-phishing-detect/blocklist");
    const local = await call(`/v1/phishing?url=${LOCAL_PHISH}`, purchases.phishing);
    assert.equal(local.body.report.sources.blocklisted.source, "list:test/blocklist");
    const safe = await call("/v1/phishing?url=https%3A%2F%2Fexample.org%2F", purchases.phishing);
    assert.equal(safe.body.report.verdict, "safe");
    // No host: 400 before the call.
    const bad = await call("/v1/phishing?url=https%3A%2F%2F", purchases.phishing, { nonce: 4n });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "invalid_request");
    assert.equal(bad.body.error.issues[0].path, "url");
    assert.equal(await recorded(purchases.phishing), 3);
  });

  test("POST /v1/transaction: an unlimited approval to an EOA is blocked", async () => {
    const from = f.accounts.consumers[0].address;
    const { status, body } = await call("/v1/transaction", purchases.transaction, {
      body: {
        from,
        to: dex.tokens.clean.address,
        data: encodeFunctionData({
          abi: erc20Abi,
          functionName: "approve",
          args: [STRANGER_EOA, maxUint256],
        }),
      },
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.engine, "tx-firewall@1");
    assert.equal(body.report.verdict, "block");
    assert.equal(body.report.rules[0].rule, "unlimited-approval-to-eoa");
    assert.ok(body.report.flags.includes("unlimited_approval"));
    // A plain transfer of ether to the same EOA: allowed.
    const plain = await call("/v1/transaction", purchases.transaction, {
      body: { from, to: STRANGER_EOA, value: parseEther("0.01").toString() },
    });
    assert.equal(plain.body.report.verdict, "allow");
    // Value as a JSON number, a hex gas, a pinned block.
    const pinned = await call("/v1/transaction", purchases.transaction, {
      body: { from, to: STRANGER_EOA, value: 1, gas: "0x5208", block: 1 },
    });
    assert.equal(pinned.status, 200, JSON.stringify(pinned.body));
    assert.equal(pinned.body.report.block, 1);
    // Bad bodies: 400 with the field, nothing recorded.
    const before = await recorded(purchases.transaction);
    for (const bad of [
      {},
      { from: "0x12" },
      { from, value: "-1" },
      { from, value: `0x1${"0".repeat(64)}` },
      { from, gas: (2n ** 64n).toString() },
      { from, data: "0xabc" },
      { from, block: 1.5 },
      { from, extra: true },
      [],
    ]) {
      const refused = await call("/v1/transaction", purchases.transaction, { body: bad, nonce: 99n });
      assert.equal(refused.status, 400, JSON.stringify(bad));
      assert.equal(refused.body.error.code, "invalid_request");
    }
    assert.equal(await recorded(purchases.transaction), before);
  });

  test("attest=true without an aggregator is 503 attestation_unavailable and a bad attest value is 400, neither spending a call", async () => {
    const purchaseId = await buy(1, 5);
    const unavailable = await call(`/v1/address?address=${STRANGER_EOA}&attest=true`, purchaseId, {
      nonce: 1n,
    });
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.body.error.code, "attestation_unavailable");
    const bad = await call(`/v1/address?address=${STRANGER_EOA}&attest=maybe`, purchaseId, {
      nonce: 1n,
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "invalid_request");
    assert.equal(await recorded(purchaseId), 0);
    // attest=false is the provider's own answer, as without the parameter.
    const own = await call(`/v1/address?address=${STRANGER_EOA}&attest=false`, purchaseId, {
      nonce: 1n,
    });
    assert.equal(own.status, 200);
    assert.equal(own.body.attestation, undefined);
    assert.equal(await recorded(purchaseId), 1);
  });

  test("the JSON-RPC firewall at /rpc forwards reads and blocks a draining approval before the node sees it", async () => {
    const rpc = async (body: unknown) => {
      const response = await fetch(`${gateway.url}/rpc`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Json };
    };
    const chainId = await rpc({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] });
    assert.equal(chainId.status, 200);
    assert.equal(chainId.body.result, "0x7a69");
    // An unlimited approval to an EOA, sent by an unlocked anvil account through the firewall.
    const holder = f.accounts.consumers[1].address;
    const data = `0x095ea7b3${STRANGER_EOA.slice(2).toLowerCase().padStart(64, "0")}${"f".repeat(64)}`;
    const nonceBefore = await f.clients.public.getTransactionCount({ address: holder });
    const blocked = await rpc({
      jsonrpc: "2.0",
      id: 2,
      method: "eth_sendTransaction",
      params: [{ from: holder, to: dex.tokens.clean.address, data }],
    });
    assert.equal(blocked.body.error?.code, -32003, JSON.stringify(blocked.body));
    assert.ok((blocked.body.error.data.flags as string[]).includes("unlimited_approval"));
    assert.equal(await f.clients.public.getTransactionCount({ address: holder }), nonceBefore);
    // GET is not JSON-RPC.
    const get = await fetch(`${gateway.url}/rpc`);
    assert.equal(get.status, 405);
    await get.body?.cancel();
  });

  test("a purchase of another route's service is 403 wrong_service and records nothing", async () => {
    const counts = await Promise.all(Object.values(purchases).map(recorded));
    const wrong = await call(`/v1/token?token=${dex.tokens.clean.address}`, purchases.phishing, {
      nonce: 10n,
    });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.error.code, "wrong_service");
    assert.match(wrong.body.error.message, /service 4.*serves service 3/);
    const post = await call("/v1/transaction", purchases.address, {
      body: { from: STRANGER_EOA, to: STRANGER_EOA },
      nonce: 10n,
    });
    assert.equal(post.body.error.code, "wrong_service");
    assert.deepEqual(await Promise.all(Object.values(purchases).map(recorded)), counts);
    // The refused tokens still serve their own route.
    assert.equal(
      (await call("/v1/phishing?url=example.com", purchases.phishing, { nonce: 10n })).status,
      200,
    );
  });

  test("services registered after start are found when a purchase names them", async () => {
    // A second phishing service of provider 1: the gateway reads it when its first purchase arrives.
    const { serviceId } = await registerService(owner(), {
      contracts,
      providerId,
      category: "phishing",
      pricePerCall: parseEther("0.001"),
      endpointPath: "/v1/phishing",
      schemaRef: "https://example.org/openapi.json",
    });
    const newer = await buy(serviceId, 5);
    const served = await call("/v1/phishing?url=example.com", newer);
    assert.equal(served.status, 200, JSON.stringify(served.body));
    // One whose path no route serves: every route refuses it, nothing recorded.
    const { serviceId: monitorId } = await registerService(owner(), {
      contracts,
      providerId,
      category: "monitoring",
      pricePerCall: parseEther("0.001"),
      endpointPath: "/v1/monitor",
      schemaRef: "https://example.org/openapi.json",
    });
    const orphan = await buy(monitorId, 5);
    const refused = await call("/v1/phishing?url=example.com", orphan);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, "wrong_service");
    assert.match(refused.body.error.message, new RegExp(`service ${monitorId}`));
    assert.equal(await recorded(orphan), 0);
  });

  test("GET /v1/purchases/:id/usage-proof: the highest recorded token, which claims on-chain; 404 for other purchases", async () => {
    const purchaseId = await buy(1, 10);
    const proofOf = async (id: bigint) => call(`/v1/purchases/${id}/usage-proof`, undefined);
    // Nothing served yet: no proof, the counts at zero.
    const empty = await proofOf(purchaseId);
    assert.equal(empty.status, 200, JSON.stringify(empty.body));
    assert.deepEqual(empty.body, {
      purchaseId: String(purchaseId),
      providerId,
      calls: 10,
      callsServed: 0,
      callsClaimed: 0,
      claimable: "0",
      refunded: false,
      proof: null,
    });
    for (let i = 0; i < 3; i++)
      assert.equal((await call(`/v1/address?address=${STRANGER_EOA}`, purchaseId)).status, 200);
    const served = await proofOf(purchaseId);
    assert.equal(served.body.callsServed, 3);
    assert.equal(served.body.callsClaimed, 0);
    assert.equal(served.body.claimable, "3");
    assert.equal(served.body.proof.nonce, "3", "the token of the third call");
    // Anyone may send the claim (here another consumer): it pays the provider for the 3 calls.
    const claim = await claimUsage(f.clients.wallet(f.accounts.consumers[1]), {
      contracts,
      purchaseId,
      proof: {
        nonce: BigInt(served.body.proof.nonce),
        expiry: BigInt(served.body.proof.expiry),
        signature: served.body.proof.signature,
      },
    });
    assert.equal(claim.served, 3);
    assert.ok(claim.providerAmount > 0n);
    const claimed = await proofOf(purchaseId);
    assert.equal(claimed.body.callsClaimed, 3, "read from the chain");
    assert.equal(claimed.body.claimable, "0");
    // Unknown, and another provider's purchase (service 2 is provider 2's): 404 alike.
    const unknown = await proofOf(987_654n);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, "purchase_not_found");
    const others = await proofOf(await buy(2, 5));
    assert.equal(others.status, 404);
    assert.equal(others.body.error.code, "purchase_not_found");
  });

  test("over the rate limit: 429 with Retry-After, nothing recorded; the bucket refills with time", async () => {
    limited = await start(["--rate-limit", "1", "--rate-burst", "2"], () => limiterNow);
    const purchaseId = await buy(4, 10);
    const base = limited.url;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call("/v1/phishing?url=example.com", purchaseId, { base })).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    const refused = answers.at(-1) as { body: Json };
    assert.equal(refused.body.error.code, "rate_limited");
    const again = await fetch(`${base}/v1/phishing?url=example.com`, {
      headers: { authorization: await authorization(purchaseId, 3n) },
    });
    assert.equal(again.status, 429);
    assert.equal(again.headers.get("retry-after"), "1");
    await again.body?.cancel();
    const usage = await fetch(`${base}/v1/usage/${purchaseId}`);
    assert.equal(usage.status, 200, "another bucket: the address, not the consumer");
    assert.equal(((await usage.json()) as Json).callsRecorded, 2);
    // One second later (the limiter's clock, not the wall's) the consumer may call again.
    limiterNow += 1_000;
    assert.equal((await call("/v1/phishing?url=example.com", purchaseId, { base, nonce: 3n })).status, 200);
    // /health is never limited.
    for (let i = 0; i < 5; i++)
      assert.equal(((await fetch(`${base}/health`).then((r) => r.json())) as Json).status, "ok");
  });

  test("GET /v1/openapi.json lists every route the server answers and validates the real answers", async () => {
    const response = await fetch(`${gateway.url}/v1/openapi.json`);
    assert.equal(response.status, 200);
    assert.equal((await call("/health", undefined)).status, 200);
    const document = (await response.json()) as Json;
    assert.equal(document.openapi, "3.1.0");
    const operations = Object.entries(document.paths as Json).flatMap(([path, item]) =>
      Object.keys(item as Json).map(
        (method) => `${method.toUpperCase()} ${path.replace("{purchaseId}", ":purchaseId")}`,
      ),
    );
    // The server names the routes it answers in its 404: exactly the document's operations.
    const missing = await call("/v1/nothing", undefined);
    assert.equal(missing.status, 404);
    const served = (missing.body.error.details as string)
      .replace(/^routes: /, "")
      .replace(/ \(.*$/, "")
      .split(", ");
    assert.deepEqual([...served].sort(), [...operations].sort());
    for (const operation of operations.filter(
      (entry) => entry.includes("/v1/") && !entry.includes("usage"),
    )) {
      const [method, path] = operation.split(" ") as [string, string];
      const answer = await fetch(`${gateway.url}${path}`, { method });
      assert.notEqual(answer.status, 404, operation);
      await answer.body?.cancel();
    }
    // Security scheme, parameters generated from the routes' schemas, report schemas typed.
    assert.equal(document.components.securitySchemes.accessToken.scheme, "Palisade");
    assert.equal(document.components.securitySchemes.callNumber.name, "X-Palisade-Call");
    const addressParameters = document.paths["/v1/address"].get.parameters as Json[];
    assert.deepEqual(
      addressParameters.map((parameter) => [parameter.name, parameter.required]),
      [
        ["address", true],
        ["counterparty", false],
        ["block", false],
        ["chainId", false],
        ["attest", false],
      ],
    );
    assert.deepEqual(document.components.schemas.TxFirewallReport.properties.verdict.enum, [
      "allow",
      "warn",
      "block",
    ]);
    assert.deepEqual(
      document.components.schemas.TokenRiskReport.properties.fields.properties.is_honeypot.type,
      ["boolean", "null"],
    );
    assert.ok(document.paths["/v1/token"].get.responses["429"].headers["Retry-After"]);

    // Every answer these tests received validates against its operation's response schema.
    const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
    ajv.addSchema(document, "openapi");
    const pointer = (...segments: string[]) =>
      segments
        .map((segment) => encodeURIComponent(segment.replaceAll("~", "~0").replaceAll("/", "~1")))
        .join("/");
    const checked = new Set<string>();
    for (const answer of answers) {
      const path = answer.path.startsWith("/v1/usage/")
        ? "/v1/usage/{purchaseId}"
        : answer.path.replace(/^\/v1\/purchases\/\d+\//, "/v1/purchases/{purchaseId}/");
      if (document.paths[path] === undefined) {
        // Unknown paths answer the shared error shape.
        const validate = ajv.compile({ $ref: "openapi#/components/schemas/ErrorDetail" });
        assert.ok(validate(answer.body.error), ajv.errorsText(validate.errors));
        checked.add(`${answer.method} ${path} ${answer.status}`);
        continue;
      }
      const validate = ajv.compile({
        $ref: `openapi#/${pointer("paths", path, answer.method.toLowerCase(), "responses", String(answer.status), "content", "application/json", "schema")}`,
      });
      assert.ok(
        validate(answer.body),
        `${answer.method} ${path} ${answer.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(answer.body).slice(0, 500)}`,
      );
      checked.add(`${answer.method} ${path} ${answer.status}`);
    }
    for (const expected of [
      "GET /v1/address 200",
      "GET /v1/token 200",
      "GET /v1/token 409",
      "GET /v1/token 422",
      "GET /v1/token 403",
      "GET /v1/phishing 200",
      "GET /v1/phishing 400",
      "GET /v1/phishing 429",
      "POST /v1/transaction 200",
      "POST /v1/transaction 400",
      "GET /v1/usage/{purchaseId} 200",
      "GET /v1/purchases/{purchaseId}/usage-proof 200",
      "GET /v1/purchases/{purchaseId}/usage-proof 404",
      "GET /health 200",
      "GET /v1/nothing 404",
    ])
      assert.ok(checked.has(expected), `no ${expected} answer was validated`);
  });
});
