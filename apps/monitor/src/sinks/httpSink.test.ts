import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, test } from "node:test";
import { freePort } from "@palisade/testkit";
import { pino } from "pino";
import { type Alert, parseAlert } from "../alert.ts";
import { exampleAlert } from "../exampleAlert.ts";
import { createHttpSink } from "./httpSink.ts";

const logger = pino({ level: "silent" });
const alert = parseAlert(exampleAlert);
const servers: Server[] = [];
after(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

/** A receiver answering each request with the next status of `script` (then 200), recording what came. */
async function receiver(script: (number | "hang")[]) {
  const received: { headers: IncomingMessage["headers"]; body: unknown; at: number }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString()),
        at: Date.now(),
      });
      const next = script.shift() ?? 200;
      if (next !== "hang") response.writeHead(next).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`, received };
}

function outcome() {
  let settle: (value: { delivered?: number; failed?: string }) => void = () => {};
  const done = new Promise<{ delivered?: number; failed?: string }>((resolve) => {
    settle = resolve;
  });
  return {
    done,
    onDelivered: (_: Alert, attempts: number) => settle({ delivered: attempts }),
    onFailed: (_: Alert, reason: string) => settle({ failed: reason }),
  };
}

test("503, 503, then 200: delivered on the third attempt with backoff; the body is the alert, keyed by its id", async () => {
  const { url, received } = await receiver([503, 503]);
  const result = outcome();
  const sink = createHttpSink({ name: "webhook", url, logger, baseDelayMs: 20, ...result });
  sink.send(alert);
  assert.deepEqual(await result.done, { delivered: 3 });
  assert.equal(received.length, 3);
  const [first, second, third] = received;
  assert.ok(first && second && third);
  assert.deepEqual(third.body, alert);
  assert.equal(third.headers["idempotency-key"], alert.id);
  assert.equal(third.headers["x-palisade-alert-id"], alert.id);
  assert.equal(third.headers["content-type"], "application/json");
  // 20 ms then 40 ms, ±20 % jitter.
  assert.ok(second.at - first.at >= 15 && third.at - second.at >= 30, "backoff grows");
  await sink.close();
});

test("the sink's headers go with every request (the gateway's bearer secret)", async () => {
  const { url, received } = await receiver([]);
  const result = outcome();
  const sink = createHttpSink({
    name: "gateway",
    url,
    logger,
    headers: { authorization: "Bearer s3cret" },
    ...result,
  });
  sink.send(alert);
  assert.deepEqual(await result.done, { delivered: 1 });
  assert.equal(received[0]?.headers.authorization, "Bearer s3cret");
  assert.equal(received[0]?.headers["idempotency-key"], alert.id);
  await sink.close();
});

test("a 400 is final (no retry), and the reason is reported", async () => {
  const { url, received } = await receiver([400]);
  const result = outcome();
  const sink = createHttpSink({ name: "gateway", url, logger, baseDelayMs: 10, ...result });
  sink.send(alert);
  assert.deepEqual(await result.done, { failed: "HTTP 400" });
  assert.equal(received.length, 1);
  await sink.close();
});

test("nobody listening: every attempt made, then given up with the network reason; send never waits", async () => {
  const port = await freePort();
  const result = outcome();
  const sink = createHttpSink({
    name: "webhook",
    url: `http://127.0.0.1:${port}/`,
    logger,
    attempts: 3,
    baseDelayMs: 10,
    ...result,
  });
  const started = performance.now();
  sink.send(alert);
  assert.ok(performance.now() - started < 5, "send queues and returns");
  assert.deepEqual(await result.done, { failed: "ECONNREFUSED" });
  await sink.close();
});

test("a receiver that never answers times out per attempt; close() stops the retries", async () => {
  const { url, received } = await receiver(["hang", "hang", "hang", "hang"]);
  const result = outcome();
  const sink = createHttpSink({
    name: "webhook",
    url,
    logger,
    timeoutMs: 100,
    baseDelayMs: 5_000,
    ...result,
  });
  sink.send(alert);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(received.length, 1, "waiting out the 5 s backoff");
  const closing = performance.now();
  await sink.close(100);
  assert.ok(performance.now() - closing < 1_000, "close does not wait for the backoff");
  assert.deepEqual(await result.done, { failed: "no answer within 100 ms (shutting down)" });
});

test("a full queue drops the oldest alert and reports it", async () => {
  const { url } = await receiver(["hang"]);
  const failed: string[] = [];
  const sink = createHttpSink({
    name: "webhook",
    url,
    logger,
    concurrency: 1,
    maxQueue: 2,
    timeoutMs: 200,
    attempts: 1,
    onFailed: (a, reason) => failed.push(`${a.tx}:${reason}`),
  });
  const nth = (n: number): Alert => ({ ...alert, tx: `0x${n.toString(16).padStart(64, "0")}` });
  for (let n = 1; n <= 4; n++) sink.send(nth(n));
  // 1 is in flight, 2 and 3 queued, 4 pushed 2 out.
  assert.deepEqual(failed, [`${nth(2).tx}:queue full`]);
  await sink.close(1_000);
});
