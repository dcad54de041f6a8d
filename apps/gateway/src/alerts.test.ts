// The gateway's alert routes over real sockets, fed by a real monitor process: anvil with the marketplace
// and the monitor's attack demo; the monitor (apps/monitor/src/main.ts) posts its alerts with the
// gateway's Bearer secret; the exploit's alerts arrive on the live stream and in the list, survive a
// restart of the gateway, and every answer validates against the OpenAPI document. Refusals (no or a
// wrong secret, an invalid alert, a body too large, a gateway taking no alerts) store nothing. Every
// process is stopped by PID.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  type Alert,
  attackCalldata,
  deployMonitorDemo,
  type MonitorDemo,
  monitorDemoWatchFile,
} from "@palisade/monitor";
import { createChainPurchaseSource } from "@palisade/provider";
import { writeDeployment } from "@palisade/sdk";
import {
  deployDemoDex,
  killProcess,
  type MarketplaceFixture,
  marketplaceFixture,
  repoRoot,
  sendAndWait,
  startTsProcess,
  type TsProcess,
} from "@palisade/testkit";
import { Ajv2020 } from "ajv/dist/2020.js";
import { pino } from "pino";
import type { AlertEntry } from "./alerts/entry.ts";
import { parseConfig } from "./config.ts";
import { type RunningGateway, runGateway } from "./run.ts";

// biome-ignore lint/suspicious/noExplicitAny: the tests read several JSON shapes by path
type Json = Record<string, any>;

const monitorScript = join(repoRoot, "apps/monitor/src/main.ts");

/** Resolves when `predicate` holds, polling every 50 ms; `context` explains a timeout. */
async function until(
  what: string,
  predicate: () => boolean | Promise<boolean>,
  context = () => "",
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface SseEvent {
  event: string;
  id: string | undefined;
  data: Json;
}

/** An EventSource over fetch: collects the stream's events until `close()`. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of block.split("\n"))
            if (!line.startsWith(":"))
              fields.set(line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim());
          const data = fields.get("data");
          if (data !== undefined)
            events.push({
              event: fields.get("event") ?? "message",
              id: fields.get("id"),
              data: JSON.parse(data),
            });
        }
      }
    } catch (error) {
      if ((error as Error).name !== "AbortError") throw error;
    }
  })();
  return {
    response,
    events,
    async close() {
      controller.abort();
      await reading;
    },
  };
}

describe("alerts: POST /v1/alerts from a real monitor, GET /v1/alerts, the live stream", {
  timeout: 300_000,
}, () => {
  let f: MarketplaceFixture;
  let demo: MonitorDemo;
  let dir: string;
  let tokenFile: string;
  let secret: string;
  let gateway: RunningGateway;
  let closed: RunningGateway | undefined;
  let monitor: TsProcess | undefined;
  /** Every JSON answer, validated against the OpenAPI document at the end. */
  const answers: { method: string; path: string; status: number; body: Json }[] = [];
  /** The exploit's alerts as the gateway received them from the monitor. */
  let received: AlertEntry[] = [];

  async function start(extra: string[] = ["--alerts-token-file", tokenFile], dataDir = "gateway") {
    const config = parseConfig(
      [
        "--deployment",
        join(dir, "deployment.json"),
        "--provider-id",
        "1",
        "--port",
        "0",
        "--data-dir",
        join(dir, dataDir),
        "--rate-limit",
        "0",
        "--log-level",
        "silent",
        ...extra,
      ],
      {},
      dir,
    );
    return runGateway(config, pino({ level: "silent" }), (client, marketplace) =>
      createChainPurchaseSource({ client, marketplace, pollIntervalMs: 100 }),
    );
  }

  async function request(
    method: "GET" | "POST",
    path: string,
    init: { body?: string; headers?: Record<string, string>; base?: string } = {},
  ) {
    const response = await fetch(`${init.base ?? gateway.url}${path}`, {
      method,
      headers: init.headers ?? {},
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    const body = (await response.json()) as Json;
    answers.push({ method, path: path.split("?")[0] as string, status: response.status, body });
    return { status: response.status, headers: response.headers, body };
  }

  const post = (alert: unknown, authorization = `Bearer ${secret}`, base?: string) =>
    request("POST", "/v1/alerts", {
      body: JSON.stringify(alert),
      headers: { authorization, "content-type": "application/json" },
      ...(base === undefined ? {} : { base }),
    });

  before(async () => {
    f = await marketplaceFixture();
    const dex = await deployDemoDex(f.clients);
    demo = await deployMonitorDemo(f.clients, {
      dex,
      deployer: f.accounts.deployer,
      attacker: f.accounts.attacker,
    });
    dir = mkdtempSync(join(tmpdir(), "palisade-gateway-alerts-"));
    await writeDeployment(join(dir, "deployment.json"), f.deployment);
    writeFileSync(join(dir, "watch.json"), JSON.stringify(monitorDemoWatchFile(demo)));
    secret = randomBytes(32).toString("hex");
    tokenFile = join(dir, "alerts.token");
    writeFileSync(tokenFile, `${secret}\n`, { mode: 0o600 });
    gateway = await start();
  });

  after(async () => {
    if (monitor) await killProcess(monitor);
    await gateway?.stop();
    await closed?.stop();
    await f?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("the monitor's alerts of the exploit reach the gateway with its secret: on the stream and in the list", async () => {
    const stream = await openStream(`${gateway.url}/v1/alerts/stream`);
    assert.equal(stream.response.status, 200);
    assert.match(stream.response.headers.get("content-type") ?? "", /^text\/event-stream/);
    monitor = startTsProcess("monitor", monitorScript, [
      "--rpc-url",
      f.anvil.rpcUrl,
      "--watch-file",
      join(dir, "watch.json"),
      "--gateway-url",
      gateway.url,
      "--gateway-token-file",
      tokenFile,
      "--poll-ms",
      "100",
    ]);
    const output = () => monitor?.output.slice(-30).join("\n") ?? "";
    await until(
      "monitor ready",
      () => monitor?.output.some((line) => line.includes('"msg":"monitor ready"')) ?? false,
      output,
    );
    const receipt = await sendAndWait(
      f.clients.wallet(f.accounts.attacker),
      { to: demo.exploit, data: attackCalldata() },
      "attack",
    );
    const tx = receipt.transactionHash.toLowerCase();
    const types = () =>
      stream.events
        .filter((e) => e.event === "alert" && e.data.alert.tx === tx)
        .map((e) => e.data.alert.type)
        .sort();
    await until("the exploit's three alerts on the stream", () => types().length >= 3, output);
    assert.deepEqual(types(), ["flash-loan-exploit", "large-outflow", "oracle-deviation"]);
    const flash = stream.events.find((e) => e.data.alert.type === "flash-loan-exploit");
    assert.ok(flash);
    // Mined (anvil mines at once): the event id is the alert's seq, its block the receipt's.
    assert.equal(flash.id, String(flash.data.seq));
    assert.equal(flash.data.status, "mined");
    assert.equal(flash.data.block, Number(receipt.blockNumber));
    assert.equal(flash.data.alert.severity, "critical");
    assert.equal(flash.data.alert.addresses[0], demo.vault.toLowerCase());
    await stream.close();

    const list = await request("GET", "/v1/alerts");
    assert.equal(list.status, 200);
    received = list.body.alerts as AlertEntry[];
    assert.deepEqual(
      received.map((entry) => entry.seq),
      [3, 2, 1],
      "newest first",
    );
    assert.deepEqual(
      [...received].reverse(),
      stream.events.filter((e) => e.event === "alert").map((e) => e.data),
      "the stream sent what the list holds",
    );
    assert.equal(list.body.nextBefore, null);
    const flashOnly = await request("GET", "/v1/alerts?type=flash-loan-exploit,approval-drain");
    assert.deepEqual(flashOnly.body.alerts, [flash.data]);
  });

  test("a repeat is a 200 no-op; a pending alert's mined repeat records its block and streams `mined`", async () => {
    const first = received.find((entry) => entry.alert.type === "large-outflow");
    assert.ok(first);
    const again = await post(first.alert);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { created: false, minedNow: false, entry: first });

    // The same attack seen pending first (its own id here, for a fresh row), then mined.
    const id = `0x${"ab".repeat(32)}`;
    const pending: Alert = { ...first.alert, id, source: "mempool", block: null };
    const stream = await openStream(`${gateway.url}/v1/alerts/stream?type=large-outflow`);
    const created = await post(pending);
    assert.equal(created.status, 201);
    assert.equal(created.body.created, true);
    assert.equal(created.body.entry.status, "pending");
    assert.equal(created.body.entry.block, null);
    const mined = await post({
      ...pending,
      source: "block",
      block: 1234,
      detectedAt: pending.detectedAt + 5,
    });
    assert.equal(mined.status, 200);
    assert.equal(mined.body.minedNow, true);
    assert.equal(mined.body.entry.status, "mined");
    assert.equal(mined.body.entry.block, 1234);
    assert.deepEqual(mined.body.entry.alert, pending, "the first alert is kept");
    await until("the alert and its mined update on the stream", () => stream.events.length >= 2);
    assert.deepEqual(
      stream.events.map((e) => [e.event, e.data.id, e.data.status]),
      [
        ["alert", id, "pending"],
        ["mined", id, "mined"],
      ],
    );
    assert.equal(stream.events[1]?.id, undefined, "a mined update carries no event id");
    await stream.close();
    // A stream that reconnects (Last-Event-ID) first gets what it missed.
    const resumed = await openStream(`${gateway.url}/v1/alerts/stream`, { "last-event-id": "2" });
    await until("the missed alerts replayed", () => resumed.events.length >= 2);
    assert.deepEqual(
      resumed.events.map((e) => e.data.seq),
      [3, 4],
    );
    await resumed.close();
  });

  test("refused: no or a wrong secret 401, an invalid alert 400, too large 413, not JSON 415 — nothing stored", async () => {
    const count = await gateway.alerts.countAlerts();
    const alert = { ...(received[0]?.alert as Alert), id: `0x${"cd".repeat(32)}` };
    const missing = await request("POST", "/v1/alerts", {
      body: JSON.stringify(alert),
      headers: { "content-type": "application/json" },
    });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.error.code, "invalid_alerts_token");
    assert.match(missing.headers.get("www-authenticate") ?? "", /^Bearer realm="palisade-alerts"$/);
    const wrong = await post(alert, `Bearer ${secret.slice(0, -1)}0`);
    assert.equal(wrong.status, 401);
    assert.match(wrong.headers.get("www-authenticate") ?? "", /error="invalid_token"/);
    const invalid = await post({ ...alert, severity: "catastrophic" });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.error.code, "invalid_request");
    assert.ok(
      (invalid.body.error.issues as Json[]).some((issue) => issue.path === "severity"),
      JSON.stringify(invalid.body),
    );
    const inconsistent = await post({ ...alert, source: "mempool" });
    assert.equal(inconsistent.status, 400, "a pending alert with a block");
    const large = await request("POST", "/v1/alerts", {
      body: JSON.stringify({ ...alert, title: "x".repeat(300 * 1024) }),
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    });
    assert.equal(large.status, 413);
    const text = await request("POST", "/v1/alerts", {
      body: JSON.stringify(alert),
      headers: { authorization: `Bearer ${secret}`, "content-type": "text/plain" },
    });
    assert.equal(text.status, 415);
    const badQuery = await request("GET", "/v1/alerts?severity=catastrophic");
    assert.equal(badQuery.status, 400);
    assert.equal(await gateway.alerts.countAlerts(), count);
    assert.equal(await gateway.alerts.getAlert(alert.id as `0x${string}`), undefined);

    // A gateway without --alerts-token-file takes alerts from no one.
    closed = await start([], "closed");
    const refused = await post(alert, `Bearer ${secret}`, closed.url);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, "alerts_not_accepted");
    assert.equal(await closed.alerts.countAlerts(), 0);
  });

  test("alerts survive a restart of the gateway; pages follow nextBefore", async () => {
    const before = (await request("GET", "/v1/alerts")).body.alerts as AlertEntry[];
    assert.equal(before.length, 4);
    await gateway.stop();
    gateway = await start();
    const afterRestart = await request("GET", "/v1/alerts?limit=3");
    assert.deepEqual(afterRestart.body.alerts, before.slice(0, 3));
    assert.equal(afterRestart.body.nextBefore, before[2]?.seq);
    const next = await request("GET", `/v1/alerts?limit=3&before=${afterRestart.body.nextBefore}`);
    assert.deepEqual(next.body.alerts, before.slice(3));
    assert.equal(next.body.nextBefore, null);
    // Still idempotent after the restart.
    assert.equal((await post(before[0]?.alert)).body.created, false);
    const critical = await request("GET", "/v1/alerts?severity=critical");
    assert.ok(critical.body.alerts.every((entry: AlertEntry) => entry.alert.severity === "critical"));
    assert.ok(critical.body.alerts.length > 0);
  });

  test("every answer validates against the OpenAPI document", async () => {
    const document = (await (await fetch(`${gateway.url}/v1/openapi.json`)).json()) as Json;
    const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
    ajv.addSchema(document, "openapi");
    const pointer = (...segments: string[]) =>
      segments
        .map((segment) => encodeURIComponent(segment.replaceAll("~", "~0").replaceAll("/", "~1")))
        .join("/");
    const checked = new Set<string>();
    for (const answer of answers) {
      const validate = ajv.compile({
        $ref: `openapi#/${pointer("paths", answer.path, answer.method.toLowerCase(), "responses", String(answer.status), "content", "application/json", "schema")}`,
      });
      assert.ok(
        validate(answer.body),
        `${answer.method} ${answer.path} ${answer.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(answer.body).slice(0, 500)}`,
      );
      checked.add(`${answer.method} ${answer.path} ${answer.status}`);
    }
    for (const expected of [
      "GET /v1/alerts 200",
      "GET /v1/alerts 400",
      "POST /v1/alerts 200",
      "POST /v1/alerts 201",
      "POST /v1/alerts 400",
      "POST /v1/alerts 401",
      "POST /v1/alerts 403",
      "POST /v1/alerts 413",
      "POST /v1/alerts 415",
    ])
      assert.ok(checked.has(expected), `no ${expected} answer was validated`);
    // The posted alerts validate against the document's request body (the monitor's schema, generated).
    const body = ajv.compile({ $ref: "openapi#/components/schemas/Alert" });
    for (const entry of received) assert.ok(body(entry.alert), ajv.errorsText(body.errors));
  });
});
