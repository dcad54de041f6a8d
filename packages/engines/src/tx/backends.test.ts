import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  createPublicClient,
  encodeFunctionData,
  type Hex,
  http,
  maxUint256,
  type PublicClient,
  parseEther,
} from "viem";
import { createTxFirewall, type TxFirewall, type TxFirewallParameters } from "./createTxFirewall.ts";
import {
  boxAbi,
  erc20Abi,
  type FirewallFixture,
  FRIEND_EOA,
  forwarderAbi,
  multiTokenAbi,
  nftAbi,
  PHISHING_EOA,
  STRANGER_EOA,
  slotWriterAbi,
  startFirewallFixture,
  USER_LST,
} from "./testFixture.ts";
import type { TxChanges } from "./types.ts";

let f: FirewallFixture;
let traced: TxFirewall;
let simulated: TxFirewall;
let from: `0x${string}`;

before(async () => {
  f = await startFirewallFixture();
  traced = createTxFirewall({ labels: f.labels, backends: ["debug_traceCall"] });
  simulated = createTxFirewall({ labels: f.labels, backends: ["eth_simulateV1"] });
  from = f.user.address.toLowerCase() as `0x${string}`;
});
after(() => f?.anvil.stop());

/** A client on the same anvil whose transport refuses `exclude`, counting the methods it sends. */
function limitedClient(exclude: string[], seen: string[] = []): PublicClient {
  return createPublicClient({
    chain: f.clients.chain,
    transport: http(f.anvil.rpcUrl, {
      methods: { exclude },
      onFetchRequest: async (request) => {
        const body = (await request.clone().json()) as { method: string };
        seen.push(body.method);
      },
    }),
  });
}

/** What both backends must agree on: everything but the backend's name, coverage and proxy evidence. */
function comparable(changes: TxChanges) {
  const { backend: _backend, coverage: _coverage, proxyChanges, ...rest } = changes;
  return { ...rest, proxyChanges: proxyChanges.map(({ evidence: _evidence, ...change }) => change) };
}

const transactions = (): [string, Omit<TxFirewallParameters, "from">][] => [
  ["ETH transfer", { to: FRIEND_EOA, value: parseEther("2") }],
  [
    "ERC20 transfer",
    {
      to: f.lst,
      data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [FRIEND_EOA, 5n] }),
    },
  ],
  [
    "unlimited approval",
    {
      to: f.lst,
      data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [STRANGER_EOA, maxUint256] }),
    },
  ],
  [
    "ApprovalForAll",
    {
      to: f.nft,
      data: encodeFunctionData({
        abi: nftAbi,
        functionName: "setApprovalForAll",
        args: [STRANGER_EOA, true],
      }),
    },
  ],
  [
    "NFT transfer",
    {
      to: f.nft,
      data: encodeFunctionData({ abi: nftAbi, functionName: "transferFrom", args: [from, FRIEND_EOA, 1n] }),
    },
  ],
  [
    "ERC1155 batch",
    {
      to: f.multi,
      data: encodeFunctionData({
        abi: multiTokenAbi,
        functionName: "safeBatchTransferFrom",
        args: [from, FRIEND_EOA, [1n, 2n], [1n, 2n], "0x"],
      }),
    },
  ],
  [
    "ETH through a forwarder",
    {
      to: f.forwarder,
      value: 7n,
      data: encodeFunctionData({ abi: forwarderAbi, functionName: "forward", args: [FRIEND_EOA, "0x"] }),
    },
  ],
  [
    "proxy upgrade",
    {
      to: f.proxy,
      data: encodeFunctionData({ abi: boxAbi, functionName: "upgradeToAndCall", args: [f.boxV2, "0x"] }),
    },
  ],
  [
    "ownership transfer",
    {
      to: f.nft,
      data: encodeFunctionData({ abi: nftAbi, functionName: "transferOwnership", args: [STRANGER_EOA] }),
    },
  ],
  [
    "revert",
    {
      to: f.lst,
      data: encodeFunctionData({
        abi: erc20Abi,
        functionName: "transfer",
        args: [FRIEND_EOA, USER_LST + 1n],
      }),
    },
  ],
  ["ETH to a listed address", { to: PHISHING_EOA, value: 1n }],
  ["value above the balance", { to: FRIEND_EOA, value: parseEther("1000000") }],
];

describe("debug_traceCall and eth_simulateV1 agree", () => {
  test("the same changes, verdict and rules on the same transactions at the same block", async () => {
    const block = Number(await f.client.getBlockNumber({ cacheTime: 0 }));
    for (const [name, tx] of transactions()) {
      const parameters = { from, block, ...tx };
      const [a, b] = await Promise.all([
        traced.simulate(f.client, parameters),
        simulated.simulate(f.client, parameters),
      ]);
      assert.equal(a.changes.backend, "debug_traceCall");
      assert.equal(b.changes.backend, "eth_simulateV1");
      assert.deepEqual(comparable(a.changes), comparable(b.changes), name);
      assert.equal(a.verdict, b.verdict, name);
      assert.deepEqual(a.rules, b.rules, name);
      assert.deepEqual(a.flags, b.flags, name);
    }
  });

  test("only the trace sees a call without logs or value to a listed contract", async () => {
    // The listed contract relays a call of nothing to FRIEND: no log, no value, no revert.
    const relay = encodeFunctionData({
      abi: forwarderAbi,
      functionName: "tryForward",
      args: [FRIEND_EOA, "0x"],
    });
    const data = encodeFunctionData({
      abi: forwarderAbi,
      functionName: "forward",
      args: [f.flaggedContract, relay],
    });
    const a = await traced.simulate(f.client, { from, to: f.forwarder, data });
    const b = await simulated.simulate(f.client, { from, to: f.forwarder, data });
    assert.equal(a.verdict, "block");
    assert.deepEqual(a.changes.coverage, { callFrames: true, storageWrites: true });
    assert.equal(b.verdict, "allow");
    assert.deepEqual(b.changes.coverage, { callFrames: false, storageWrites: false });
  });

  test("only the storage diff sees an implementation slot written without an Upgraded event", async () => {
    const data = encodeFunctionData({
      abi: slotWriterAbi,
      functionName: "setImplementation",
      args: [f.boxV2],
    });
    const a = await traced.simulate(f.client, { from, to: f.slotWriter, data });
    assert.equal(a.verdict, "warn");
    assert.deepEqual(a.changes.proxyChanges, [
      {
        proxy: f.slotWriter,
        kind: "implementation",
        previous: null,
        current: f.boxV2,
        evidence: ["storage"],
      },
    ]);
    const b = await simulated.simulate(f.client, { from, to: f.slotWriter, data });
    assert.deepEqual(b.changes.proxyChanges, []);
    const noDiff = createTxFirewall({ backends: ["debug_traceCall"], storageDiff: false });
    const c = await noDiff.simulate(f.client, { from, to: f.slotWriter, data });
    assert.deepEqual(c.changes.coverage, { callFrames: true, storageWrites: false });
    assert.deepEqual(c.changes.proxyChanges, []);
  });

  test("value sent by an inner call that reverts stays where it was (trace)", async () => {
    // tryForward sends 5 wei on to the NFT contract, which has no payable fallback: that call reverts,
    // the forwarder swallows it and keeps the 5 wei.
    const data = encodeFunctionData({ abi: forwarderAbi, functionName: "tryForward", args: [f.nft, "0x"] });
    const report = await traced.simulate(f.client, { from, to: f.forwarder, value: 5n, data });
    assert.deepEqual(report.changes.transfers, [
      { kind: "native", token: null, tokenId: null, from, to: f.forwarder, amount: "5" },
    ]);
  });
});

describe("backend selection", () => {
  test("debug_traceCall first; eth_simulateV1 when the node lacks it; the choice is remembered", async () => {
    const firewall = createTxFirewall();
    assert.equal(
      (await firewall.simulate(f.client, { from, to: FRIEND_EOA, value: 1n })).changes.backend,
      "debug_traceCall",
    );
    const seen: string[] = [];
    const client = limitedClient(["debug_traceCall"], seen);
    const first = await firewall.simulate(client, { from, to: FRIEND_EOA, value: 1n });
    assert.equal(first.changes.backend, "eth_simulateV1");
    seen.length = 0;
    await firewall.simulate(client, { from, to: FRIEND_EOA, value: 1n });
    assert.ok(!seen.includes("debug_traceCall"), seen.join(","));
  });

  test("a node with neither method: SimulationUnavailableError", async () => {
    const client = limitedClient(["debug_traceCall", "eth_simulateV1"]);
    await assert.rejects(createTxFirewall().simulate(client, { from, to: FRIEND_EOA }), {
      name: "SimulationUnavailableError",
    });
  });

  test("bad parameters: InvalidInputError naming the field", async () => {
    await assert.rejects(traced.simulate(f.client, { from: "0x1234", to: FRIEND_EOA }), (error: Error) => {
      assert.equal(error.name, "InvalidInputError");
      assert.match(error.message, /from/);
      return true;
    });
    await assert.rejects(traced.simulate(f.client, { from, data: "0xabc" }), { name: "InvalidInputError" });
    assert.throws(() => createTxFirewall({ backends: [] }), { name: "InvalidInputError" });
  });

  test("an unreachable node: EngineRpcError", async () => {
    const dead = createPublicClient({ transport: http("http://127.0.0.1:9", { retryCount: 0 }) });
    await assert.rejects(traced.simulate(dead, { from, to: FRIEND_EOA, block: 1 }), {
      name: "EngineRpcError",
    });
  });
});

describe("determinism", () => {
  test("the same transaction at the same block gives the same report after the chain moves on", async () => {
    const block = Number(await f.client.getBlockNumber({ cacheTime: 0 }));
    const data = encodeFunctionData({
      abi: erc20Abi,
      functionName: "transfer",
      args: [FRIEND_EOA, USER_LST / 2n],
    });
    const before = await traced.simulate(f.client, { from, to: f.lst, data, block });
    // Spend half the LST for real: at the next block the same transfer would be 100 % of the balance.
    const hash = await f.clients.wallet(f.user).sendTransaction({ to: f.lst, data });
    await f.client.waitForTransactionReceipt({ hash });
    const again = await createTxFirewall({ labels: f.labels, backends: ["debug_traceCall"] }).simulate(
      f.client,
      {
        from,
        to: f.lst,
        data,
        block,
      },
    );
    assert.deepEqual(again, before);
    assert.deepEqual(JSON.parse(JSON.stringify(before)), before, "JSON-safe");
    const later = await traced.simulate(f.client, { from, to: f.lst, data });
    assert.equal(later.fields.max_outflow_percent, 100);
    assert.equal(before.fields.max_outflow_percent, 50);
    assert.notEqual(later.block, before.block);
  });

  test("target: the same transaction, the same target", async () => {
    const a = await traced.simulate(f.client, { from, to: FRIEND_EOA, value: 1n, data: "0x" as Hex });
    const b = await simulated.simulate(f.client, {
      from: from.toUpperCase().replace("0X", "0x"),
      to: FRIEND_EOA,
      value: "0x1",
    });
    assert.equal(a.target, b.target);
    assert.match(a.target, /^0x[0-9a-f]{64}$/);
  });
});
