// The body planner without a node: a stand-in screener rejects every send whose first param is "0xbad".
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidTransactionError, UpstreamUnreachableError } from "./errors.ts";
import { inspectEntry } from "./jsonRpc.ts";
import { type BodyPlan, failedReplies, mergeReplies, planBody, upstreamBatch } from "./plan.ts";
import type { Screener } from "./screen.ts";

const screened: string[] = [];
const screen: Screener = async (request) => {
  const raw = (request.params as unknown[])[0];
  screened.push(`${request.method}:${String(raw)}`);
  return raw === "0xbad" ? { forward: false, error: new InvalidTransactionError("bad") } : { forward: true };
};
const plan = (body: unknown) =>
  planBody(typeof body === "string" ? body : JSON.stringify(body), {
    screen,
    transport: "http",
    maxBatchSize: 10,
  });
const request = (id: number | string | undefined, method: string, params: unknown[] = []) => ({
  jsonrpc: "2.0",
  ...(id === undefined ? {} : { id }),
  method,
  params,
});

describe("inspectEntry", () => {
  test("accepts requests and notifications", () => {
    assert.deepEqual(inspectEntry(request(1, "eth_chainId")), {
      valid: true,
      request: request(1, "eth_chainId"),
      id: 1,
    });
    assert.equal(inspectEntry(request(undefined, "eth_chainId")).valid && "notification", "notification");
    const nullId = inspectEntry({ jsonrpc: "2.0", id: null, method: "m" });
    assert.ok(nullId.valid && nullId.id === null);
    assert.ok(inspectEntry({ jsonrpc: "2.0", id: 1, method: "m", params: { a: 1 }, extra: true }).valid);
  });

  test("refuses what is not JSON-RPC 2.0, and keys a case-insensitive decoder would read", () => {
    for (const [value, id] of [
      [[], null],
      ["x", null],
      [{ id: 1, method: "m" }, 1],
      [{ jsonrpc: "2.0", id: 2, method: "" }, 2],
      [{ jsonrpc: "2.0", id: { a: 1 }, method: "m" }, null],
      [{ jsonrpc: "2.0", id: 3, method: "m", params: 5 }, 3],
      [{ jsonrpc: "2.0", id: 4, method: "m", METHOD: "eth_sendTransaction" }, 4],
      [{ jsonrpc: "2.0", id: 5, method: "m", "\u212aey": 1, Id: 9 }, 5],
      [{ jsonrpc: "2.0", id: 6, method: "m", "param\u017f": [] }, 6],
      [{ JSONRPC: "2.0", jsonrpc: "2.0", id: 7, method: "m" }, 7],
    ] as const) {
      const inspected = inspectEntry(value);
      assert.equal(inspected.valid, false, JSON.stringify(value));
      assert.equal(inspected.id, id, JSON.stringify(value));
    }
  });
});

describe("planBody", () => {
  test("a body with nothing to screen is forwarded verbatim, without screening", async () => {
    screened.length = 0;
    const planned = await plan([request(1, "eth_chainId"), request(undefined, "eth_blockNumber")]);
    assert.equal(planned.kind, "verbatim");
    assert.deepEqual(screened, []);
  });

  test("every send in a batch is screened once; a rejected one splits the batch", async () => {
    screened.length = 0;
    const planned = await plan([
      request(1, "eth_sendRawTransaction", ["0xgood"]),
      request(2, "eth_sendTransaction", ["0xbad"]),
      request(undefined, "eth_sendRawTransactionSync", ["0xbad"]),
    ]);
    assert.deepEqual(screened.sort(), [
      "eth_sendRawTransaction:0xgood",
      "eth_sendRawTransactionSync:0xbad",
      "eth_sendTransaction:0xbad",
    ]);
    assert.equal(planned.kind, "partial");
  });

  test("a single rejected request is answered as an object; rejected notifications not at all", async () => {
    const single = await plan(request(5, "eth_sendRawTransaction", ["0xbad"]));
    assert.deepEqual(single, {
      kind: "answer",
      reply: { jsonrpc: "2.0", id: 5, error: { code: -32602, message: "invalid transaction: bad" } },
    });
    assert.deepEqual(await plan([request(undefined, "eth_sendRawTransaction", ["0xbad"])]), {
      kind: "answer",
      reply: null,
    });
  });
});

describe("splitting and merging", () => {
  async function partial(): Promise<Extract<BodyPlan, { kind: "partial" }>> {
    const planned = await plan([
      request("a", "eth_chainId"),
      request("a", "eth_sendRawTransaction", ["0xbad"]),
      request(undefined, "eth_blockNumber"),
      request("a", "net_version"),
    ]);
    assert.equal(planned.kind, "partial");
    return planned as Extract<BodyPlan, { kind: "partial" }>;
  }

  test("the forwarded entries get fresh ids; answers in any order come back in the client's", async () => {
    const { entries } = await partial();
    const { payload, ids } = upstreamBatch(entries, (k) => `k${k}`);
    assert.deepEqual(payload, [
      request("k0", "eth_chainId"),
      request(undefined, "eth_blockNumber"),
      request("k1", "net_version"),
    ]);
    const node = [
      { jsonrpc: "2.0", id: "k1", result: "31337" },
      { jsonrpc: "2.0", id: "k0", result: "0x7a69" },
    ];
    assert.deepEqual(mergeReplies(entries, ids, node), [
      { jsonrpc: "2.0", id: "a", result: "0x7a69" },
      { jsonrpc: "2.0", id: "a", error: { code: -32602, message: "invalid transaction: bad" } },
      { jsonrpc: "2.0", id: "a", result: "31337" },
    ]);
  });

  test("an answer missing, one error object for the whole batch, no answer, a transport failure", async () => {
    const { entries } = await partial();
    const { ids } = upstreamBatch(entries, (k) => k);
    const codes = (upstream: unknown) =>
      mergeReplies(entries, ids, upstream).map((reply) =>
        "error" in reply ? reply.error.code : reply.result,
      );
    assert.deepEqual(codes([{ jsonrpc: "2.0", id: 0, result: "0x1" }]), ["0x1", -32602, -32603]);
    assert.deepEqual(
      codes({ jsonrpc: "2.0", id: null, error: { code: -32005, message: "rate limited" } }),
      [-32005, -32602, -32005],
    );
    assert.deepEqual(codes("nonsense"), [-32603, -32602, -32603]);
    assert.deepEqual(
      codes(new UpstreamUnreachableError(new Error("ECONNREFUSED"))),
      [-32603, -32602, -32603],
    );
    const single = failedReplies(
      false,
      [{ id: 3, request: {}, error: null }],
      new UpstreamUnreachableError(null),
    );
    assert.equal(!Array.isArray(single) && single?.id, 3);
  });
});
