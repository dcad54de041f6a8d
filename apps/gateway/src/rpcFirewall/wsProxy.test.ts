// JSON-RPC over WebSocket through the firewall: subscriptions flow from a real anvil, sends are
// screened like over HTTP, and the two connections open and close together.
import assert from "node:assert/strict";
import { type AddressInfo, connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { freePort } from "@palisade/testkit";
import {
  createPublicClient,
  createWalletClient,
  erc20Abi,
  keccak256,
  maxUint256,
  parseEventLogs,
  webSocket,
} from "viem";
import { WebSocket, WebSocketServer } from "ws";
import {
  ATTACKER_EOA,
  allowance,
  approveData,
  balanceOf,
  type ChainFixture,
  FRIEND_EOA,
  type Json,
  type MountedFirewall,
  mountFirewall,
  nonceOf,
  rawRequest,
  rpcErrorOf,
  signCall,
  startChain,
  transferData,
} from "./testFixture.ts";

let chain: ChainFixture;
let firewall: MountedFirewall;

before(async () => {
  chain = await startChain();
  firewall = await mountFirewall({ upstreamUrl: chain.anvil.rpcUrl, client: chain.clients.public });
});
after(async () => {
  await firewall?.close();
  await chain?.anvil.stop();
});

const wsClient = () =>
  createPublicClient({
    chain: chain.clients.chain,
    transport: webSocket(firewall.wsUrl, { retryCount: 0, reconnect: false, keepAlive: false }),
  });

/** A raw WebSocket to `url`, open. */
async function open(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolveOpen, reject) => {
    socket.once("open", () => resolveOpen());
    socket.once("error", reject);
  });
  return socket;
}

function nextMessage(socket: WebSocket): Promise<Json> {
  return new Promise((resolveMessage) =>
    socket.once("message", (data: Buffer) => resolveMessage(JSON.parse(data.toString("utf8")))),
  );
}

/** An upgrade request without Sec-WebSocket-Key over a raw socket: the status line answered. */
function rawUpgrade(url: string): Promise<string> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolveAnswer, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(
        `GET ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
      ),
    );
    let answer = "";
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("utf8");
    });
    socket.on("close", () => resolveAnswer(answer));
    socket.on("error", reject);
  });
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolveClose) =>
    socket.once("close", (code, reason) => resolveClose({ code, reason: reason.toString("utf8") })),
  );
}

describe("subscriptions", { timeout: 60_000 }, () => {
  test("eth_subscribe newHeads over viem's webSocket transport receives the block anvil_mine makes", async () => {
    const client = wsClient();
    const head = Number(await client.getBlockNumber({ cacheTime: 0 }));
    const received = new Promise<Json>((resolveHead, reject) => {
      void client.transport
        .subscribe({
          params: ["newHeads"],
          onData: (data: Json) => resolveHead(data.result),
          onError: reject,
        })
        .catch(reject);
    });
    // Subscribed when the node has answered eth_subscribe; one round trip on the same socket settles it.
    await client.getChainId();
    await chain.clients.test.mine({ blocks: 1 });
    const block = await received;
    assert.equal(Number(block.number), head + 1);
    await (await client.transport.getRpcClient()).close();
  });

  test("a logs subscription sees the Transfer of a transaction sent through the same socket", async () => {
    const client = wsClient();
    const logs: Json[] = [];
    const got = new Promise<void>((resolveLog, reject) => {
      void client.transport
        .subscribe({
          params: ["logs", { address: chain.token }],
          onData: (data: Json) => {
            logs.push(data.result);
            resolveLog();
          },
          onError: reject,
        })
        .catch(reject);
    });
    await client.getChainId();
    const raw = await signCall(chain, chain.user, {
      to: chain.token,
      data: transferData(FRIEND_EOA, 3n),
      nonce: await nonceOf(chain, chain.user.address),
    });
    const hash = await client.request({ method: "eth_sendRawTransaction", params: [raw] });
    assert.equal(hash, keccak256(raw));
    await got;
    const [transfer] = parseEventLogs({ abi: erc20Abi, logs, eventName: "Transfer" });
    assert.equal(transfer?.args.to.toLowerCase(), FRIEND_EOA);
    assert.equal(transfer?.args.value, 3n);
    assert.equal(transfer?.transactionHash, hash);
    await (await client.transport.getRpcClient()).close();
  });
});

describe("sends over WebSocket are screened", { timeout: 60_000 }, () => {
  test("a draining approval is answered -32003 by the firewall and never reaches the node", async () => {
    const nonce = await nonceOf(chain, chain.user.address);
    const wallet = createWalletClient({
      account: chain.user,
      chain: chain.clients.chain,
      transport: webSocket(firewall.wsUrl, { retryCount: 0, reconnect: false, keepAlive: false }),
    });
    const error = await wallet
      .writeContract({
        address: chain.token,
        abi: erc20Abi,
        functionName: "approve",
        args: [ATTACKER_EOA, maxUint256],
      })
      .then(
        () => assert.fail("the approval went through"),
        (caught: unknown) => caught,
      );
    const rpc = rpcErrorOf(error);
    assert.equal(rpc.code, -32003);
    assert.ok(rpc.data.flags.includes("unlimited_approval"));
    assert.equal(await allowance(chain, chain.user.address, ATTACKER_EOA), 0n);
    assert.equal(await nonceOf(chain, chain.user.address), nonce);
    const decision = firewall.decisions.at(-1);
    assert.equal(decision?.transport, "ws");
    assert.equal(decision?.outcome, "rejected");
    await (await wallet.transport.getRpcClient()).close();
  });

  test("a batch with a blocked and an allowed send: answered in order, only the allowed one mined", async () => {
    const socket = await open(firewall.wsUrl);
    const nonce = await nonceOf(chain, chain.user.address);
    const blocked = await signCall(chain, chain.user, {
      to: chain.token,
      data: approveData(ATTACKER_EOA, maxUint256),
      nonce,
    });
    const allowed = await signCall(chain, chain.user, {
      to: chain.token,
      data: transferData(FRIEND_EOA, 4n),
      nonce,
    });
    const before = await balanceOf(chain, FRIEND_EOA);
    const reply = nextMessage(socket);
    socket.send(
      JSON.stringify([
        rawRequest(1, "eth_sendRawTransaction", [blocked]),
        rawRequest(2, "eth_chainId", []),
        rawRequest(3, "eth_sendRawTransaction", [allowed]),
      ]),
    );
    const answers = await reply;
    assert.deepEqual(
      answers.map((entry: Json) => [entry.id, entry.error?.code ?? entry.result]),
      [
        [1, -32003],
        [2, "0x7a69"],
        [3, keccak256(allowed)],
      ],
    );
    await chain.clients.public.waitForTransactionReceipt({ hash: keccak256(allowed) });
    assert.equal(await balanceOf(chain, FRIEND_EOA), before + 4n);
    socket.close();
  });

  test("malformed JSON over WebSocket: -32700 from the firewall, the socket stays open", async () => {
    const socket = await open(firewall.wsUrl);
    const reply = nextMessage(socket);
    socket.send("{not json");
    assert.equal((await reply).error.code, -32700);
    const second = nextMessage(socket);
    socket.send(JSON.stringify(rawRequest(2, "eth_chainId", [])));
    assert.equal((await second).result, "0x7a69");
    socket.close();
  });
});

describe("connections", { timeout: 60_000 }, () => {
  test("an unreachable upstream refuses the handshake with 502", async () => {
    const dead = await mountFirewall({
      upstreamUrl: chain.anvil.rpcUrl,
      upstreamWsUrl: `ws://127.0.0.1:${await freePort()}`,
      client: chain.clients.public,
    });
    try {
      const status = await new Promise<number>((resolveStatus) => {
        const socket = new WebSocket(dead.wsUrl);
        socket.once("unexpected-response", (_request, response) => resolveStatus(response.statusCode ?? 0));
        socket.once("open", () => resolveStatus(101));
      });
      assert.equal(status, 502);
    } finally {
      await dead.close();
    }
  });

  test("either side closing closes the other, with its code; close() closes with 1001", async () => {
    // A stand-in upstream that records its connections.
    const upstreamServer = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise<void>((resolveListen) => upstreamServer.once("listening", () => resolveListen()));
    const upstreamSockets: WebSocket[] = [];
    upstreamServer.on("connection", (socket) => upstreamSockets.push(socket));
    const proxy = await mountFirewall({
      upstreamUrl: chain.anvil.rpcUrl,
      upstreamWsUrl: `ws://127.0.0.1:${(upstreamServer.address() as AddressInfo).port}`,
      client: chain.clients.public,
    });
    try {
      // The client closes: the upstream connection closes with the client's code.
      const first = await open(proxy.wsUrl);
      const firstUpstream = upstreamSockets[0] as WebSocket;
      const upstreamClosed = closed(firstUpstream);
      first.close(4001, "bye");
      assert.deepEqual(await upstreamClosed, { code: 4001, reason: "bye" });

      // The upstream closes: the client's connection closes with the upstream's code.
      const second = await open(proxy.wsUrl);
      const clientClosed = closed(second);
      (upstreamSockets[1] as WebSocket).close(4002, "node restarting");
      assert.deepEqual(await clientClosed, { code: 4002, reason: "node restarting" });

      // A handshake ws refuses (no Sec-WebSocket-Key): 400, and the upstream connection opened for it ends.
      const refused = await rawUpgrade(proxy.wsUrl);
      assert.match(refused, /^HTTP\/1\.1 400 /);
      const orphan = upstreamSockets[2] as WebSocket;
      if (orphan.readyState !== WebSocket.CLOSED) await closed(orphan);
      upstreamSockets.splice(2, 1);

      // Messages pass both ways untouched; close() ends both sides with 1001.
      const third = await open(proxy.wsUrl);
      const thirdUpstream = upstreamSockets[2] as WebSocket;
      const atUpstream = new Promise<string>((resolveMessage) =>
        thirdUpstream.once("message", (data: Buffer) => resolveMessage(data.toString("utf8"))),
      );
      third.send('{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}');
      assert.equal(await atUpstream, '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}');
      const atClient = nextMessage(third);
      thirdUpstream.send(
        '{"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":"0x1","result":1}}',
      );
      assert.equal((await atClient).params.result, 1);
      const thirdClosed = closed(third);
      const thirdUpstreamClosed = closed(thirdUpstream);
      await proxy.close();
      assert.equal((await thirdClosed).code, 1001);
      assert.equal((await thirdUpstreamClosed).code, 1001);
    } finally {
      await proxy.close();
      await new Promise<void>((resolveClose) => upstreamServer.close(() => resolveClose()));
    }
  });
});
