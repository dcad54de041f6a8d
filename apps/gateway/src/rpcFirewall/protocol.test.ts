// JSON-RPC over HTTP at the edges: malformed bodies, invalid entries, limits, undecodable
// transactions and an unreachable node — over real sockets, with anvil behind a recording upstream.
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, beforeEach, describe, test } from "node:test";
import { freePort } from "@palisade/testkit";
import { maxUint256, serializeTransaction } from "viem";
import {
  ATTACKER_EOA,
  approveData,
  type ChainFixture,
  type Json,
  type MountedFirewall,
  mountFirewall,
  nonceOf,
  post,
  type RecordingUpstream,
  rawRequest,
  signCall,
  startChain,
  startRecordingUpstream,
} from "./testFixture.ts";

const MAX_BODY = 16 * 1024;

let chain: ChainFixture;
let upstream: RecordingUpstream;
let firewall: MountedFirewall;

before(async () => {
  chain = await startChain();
  upstream = await startRecordingUpstream(chain.anvil.rpcUrl);
  firewall = await mountFirewall({
    upstreamUrl: upstream.url,
    client: chain.clients.public,
    maxBodyBytes: MAX_BODY,
    maxBatchSize: 5,
  });
});
after(async () => {
  await firewall?.close();
  await upstream?.close();
  await chain?.anvil.stop();
});
beforeEach(() => {
  upstream.methods.length = 0;
});

const blockedRaw = async () =>
  signCall(chain, chain.user, {
    to: chain.token,
    data: approveData(ATTACKER_EOA, maxUint256),
    nonce: await nonceOf(chain, chain.user.address),
  });

describe("bodies the firewall answers itself", { timeout: 60_000 }, () => {
  test("malformed JSON: -32700 with id null, nothing forwarded", async () => {
    const { status, reply } = await post(firewall.url, '{"jsonrpc":"2.0","id":1,"method":');
    assert.equal(status, 200);
    assert.deepEqual(reply, {
      jsonrpc: "2.0",
      id: null,
      error: { code: -32700, message: "parse error: the body is not valid JSON" },
    });
    assert.deepEqual(upstream.methods, []);
  });

  test("an empty batch, a bare number, a batch over maxBatchSize: -32600", async () => {
    for (const body of [
      "[]",
      "42",
      '"eth_chainId"',
      "null",
      JSON.stringify(Array(6).fill(rawRequest(1, "eth_chainId", []))),
    ]) {
      const { status, reply } = await post(firewall.url, body);
      assert.equal(status, 200, body);
      assert.equal(reply.error.code, -32600, body);
      assert.equal(reply.id, null, body);
    }
    assert.deepEqual(upstream.methods, []);
  });

  test("invalid entries of a batch are answered in place; the valid ones are forwarded", async () => {
    const { reply } = await post(firewall.url, [
      1,
      { jsonrpc: "1.0", id: "old", method: "eth_chainId" },
      rawRequest("ok", "eth_chainId", []),
      { jsonrpc: "2.0", id: "params", method: "eth_chainId", params: "x" },
    ]);
    assert.deepEqual(
      reply.map((entry: Json) => [entry.id, entry.error?.code ?? entry.result]),
      [
        [null, -32600],
        ["old", -32600],
        ["ok", "0x7a69"],
        ["params", -32600],
      ],
    );
    assert.deepEqual(upstream.methods, ["eth_chainId"]);
  });

  test("a member spelled so that a case-insensitive decoder would read it is refused, not forwarded", async () => {
    const raw = await blockedRaw();
    // geth's decoder matches keys case-insensitively (and ſ as s): it would execute the send.
    for (const body of [
      { jsonrpc: "2.0", id: 1, method: "eth_chainId", Method: "eth_sendRawTransaction", params: [raw] },
      { jsonrpc: "2.0", id: 1, method: "eth_getBalance", params: [ATTACKER_EOA, "latest"], paramſ: [raw] },
    ]) {
      const { reply } = await post(firewall.url, body);
      assert.equal(reply.error.code, -32600);
      assert.match(reply.error.message, /is not spelled exactly as JSON-RPC 2.0 names it/);
    }
    assert.deepEqual(upstream.methods, []);
  });

  test("a method other than POST: 405", async () => {
    const response = await fetch(firewall.url);
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "POST");
    assert.equal(((await response.json()) as Json).error.code, -32600);
  });
});

describe("body size", { timeout: 60_000 }, () => {
  test("a body over maxBodyBytes (declared length): HTTP 413 with a JSON-RPC error", async () => {
    const { status, reply } = await post(firewall.url, rawRequest(1, "eth_chainId", ["x".repeat(MAX_BODY)]));
    assert.equal(status, 413);
    assert.equal(reply.error.code, -32600);
    assert.equal(reply.error.message, `request body too large: the limit is ${MAX_BODY} bytes`);
    assert.deepEqual(upstream.methods, []);
  });

  test("a chunked body that grows past the limit: 413 as soon as it does", async () => {
    const url = new URL(firewall.url);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolveReply, reject) => {
      const outgoing = request(
        url,
        { method: "POST", headers: { "content-type": "application/json" } },
        (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => {
            text += chunk.toString("utf8");
          });
          response.on("end", () => resolveReply({ status: response.statusCode ?? 0, body: text }));
        },
      );
      outgoing.on("error", reject);
      // No content-length: Node sends it chunked, 4 KiB at a time, more than the limit in all.
      for (let sent = 0; sent <= MAX_BODY; sent += 4096) outgoing.write(" ".repeat(4096));
      outgoing.end();
    });
    assert.equal(status, 413);
    assert.equal(JSON.parse(body).error.code, -32600);
  });
});

describe("transactions that cannot be decoded: -32602, never forwarded", { timeout: 60_000 }, () => {
  test("raw bytes that are no transaction, an unsigned transaction, a non-hex string", async () => {
    const unsigned = serializeTransaction({
      chainId: 31_337,
      type: "eip1559",
      to: chain.token,
      data: approveData(ATTACKER_EOA, maxUint256),
      nonce: 0,
      gas: 100_000n,
      maxFeePerGas: 1n,
      maxPriorityFeePerGas: 1n,
    });
    const cases: [unknown[], RegExp][] = [
      [["0xdeadbeef"], /^invalid transaction: the raw transaction cannot be decoded$/],
      [[unsigned], /^invalid transaction: the raw transaction is not signed$/],
      [["approve everything"], /^invalid transaction: the raw transaction must be 0x-prefixed hex bytes$/],
      [[], /^invalid transaction: eth_sendRawTransaction takes the transaction as its first parameter$/],
    ];
    for (const [params, message] of cases) {
      const { reply } = await post(firewall.url, rawRequest(3, "eth_sendRawTransaction", params));
      assert.equal(reply.id, 3);
      assert.equal(reply.error.code, -32602, String(params[0]));
      assert.match(reply.error.message, message);
    }
    assert.deepEqual(upstream.methods, []);
  });

  test("eth_sendTransaction without from (anvil would pick its first account), or with bad fields", async () => {
    for (const tx of [
      { to: chain.token, data: approveData(ATTACKER_EOA, maxUint256) },
      { from: chain.user.address, to: "0x1234", value: "0x0" },
      { from: chain.user.address, to: chain.token, value: "100" },
      { from: chain.user.address, to: chain.token, data: "0x01", input: "0x02" },
    ]) {
      const { reply } = await post(firewall.url, rawRequest(4, "eth_sendTransaction", [tx]));
      assert.equal(reply.error.code, -32602, JSON.stringify(tx));
      assert.equal(reply.error.message, "invalid transaction: the transaction object is invalid");
      assert.equal(typeof reply.error.data.details, "string");
    }
    assert.deepEqual(upstream.methods, []);
  });
});

describe("ids and notifications", { timeout: 60_000 }, () => {
  test("duplicate ids in a split batch still get the right answers, in order", async () => {
    const { reply } = await post(firewall.url, [
      rawRequest(1, "eth_chainId", []),
      rawRequest(1, "eth_sendRawTransaction", ["0xdeadbeef"]),
      rawRequest(1, "net_version", []),
    ]);
    assert.deepEqual(
      reply.map((entry: Json) => [entry.id, entry.error?.code ?? entry.result]),
      [
        [1, "0x7a69"],
        [1, -32602],
        [1, "31337"],
      ],
    );
  });

  test("a rejected notification gets no reply (an empty 200) and is not forwarded", async () => {
    const { status, text } = await post(
      firewall.url,
      rawRequest(undefined, "eth_sendRawTransaction", [await blockedRaw()]),
    );
    assert.equal(status, 200);
    assert.equal(text, "");
    assert.deepEqual(upstream.methods, []);
  });

  test("other requests reach the node verbatim and its answer comes back verbatim", async () => {
    const body =
      '{"jsonrpc":"2.0","id":"x-1","method":"eth_getBalance","params":["0x0000000000000000000000000000000000000000","latest"]}';
    const direct = await post(chain.anvil.rpcUrl, body);
    const { reply } = await post(firewall.url, body);
    assert.deepEqual(reply, direct.reply);
    assert.deepEqual(upstream.methods, ["eth_getBalance"]);
  });
});

describe("an unreachable node", { timeout: 60_000 }, () => {
  test("-32603 per request, ids preserved, saying the upstream is unreachable", async () => {
    const dead = await mountFirewall({
      upstreamUrl: `http://127.0.0.1:${await freePort()}`,
      client: chain.clients.public,
    });
    try {
      const single = await post(dead.url, rawRequest(9, "eth_blockNumber", []));
      assert.equal(single.reply.id, 9);
      assert.equal(single.reply.error.code, -32603);
      assert.match(single.reply.error.message, /^upstream node unreachable/);
      assert.deepEqual(single.reply.error.data, { reason: "upstream_unreachable" });
      const batch = await post(dead.url, [
        rawRequest("a", "eth_blockNumber", []),
        rawRequest(undefined, "eth_blockNumber", []),
        rawRequest("b", "eth_chainId", []),
      ]);
      assert.deepEqual(
        batch.reply.map((entry: Json) => [entry.id, entry.error.code]),
        [
          ["a", -32603],
          ["b", -32603],
        ],
      );
    } finally {
      await dead.close();
    }
  });
});
