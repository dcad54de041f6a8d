// A wallet pointed at the firewall: real viem wallet clients (a local key and an anvil-unlocked
// account) over HTTP, a real anvil behind a recording upstream, the firewall on its own server.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { createTxFirewall } from "@palisade/engines";
import { accounts, freePort } from "@palisade/testkit";
import { pino } from "pino";
import {
  createPublicClient,
  createWalletClient,
  erc20Abi,
  http,
  keccak256,
  maxUint256,
  parseEther,
} from "viem";
import { RpcFirewallConfigError } from "./errors.ts";
import { createRpcFirewall } from "./index.ts";
import {
  ATTACKER_EOA,
  allowance,
  approveData,
  balanceOf,
  type ChainFixture,
  FRIEND_EOA,
  type MountedFirewall,
  mountFirewall,
  nonceOf,
  post,
  type RecordingUpstream,
  rawRequest,
  rpcErrorOf,
  signCall,
  startChain,
  startRecordingUpstream,
  transferData,
} from "./testFixture.ts";

let chain: ChainFixture;
let upstream: RecordingUpstream;
let firewall: MountedFirewall;

before(async () => {
  chain = await startChain();
  upstream = await startRecordingUpstream(chain.anvil.rpcUrl);
  firewall = await mountFirewall({ upstreamUrl: upstream.url, client: chain.clients.public });
});
after(async () => {
  await firewall?.close();
  await upstream?.close();
  await chain?.anvil.stop();
});
beforeEach(() => {
  upstream.methods.length = 0;
  firewall.decisions.length = 0;
});

// retryCount 0: viem retries -32603 answers, and these tests count what reaches the node.
const transport = () => http(firewall.url, { retryCount: 0 });
const localWallet = () =>
  createWalletClient({ account: chain.user, chain: chain.clients.chain, transport: transport() });
const sends = () => upstream.methods.filter((method) => method.startsWith("eth_send"));

describe("a wallet with a local key (eth_sendRawTransaction)", { timeout: 60_000 }, () => {
  test("an unlimited approval to an EOA is rejected with -32003 and never reaches the node", async () => {
    const nonce = await nonceOf(chain, chain.user.address);
    const error = await localWallet()
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
    assert.match(rpc.message, /^Palisade firewall blocked this transaction: unlimited erc20 allowance of /);
    assert.ok(rpc.message.includes(`to EOA ${ATTACKER_EOA}`), rpc.message);
    assert.ok(!rpc.message.includes("\n"));
    assert.equal(rpc.data.verdict, "block");
    assert.ok(rpc.data.flags.includes("unlimited_approval"));
    assert.ok(rpc.data.flags.includes("approval_to_eoa"));
    assert.ok(rpc.data.reasons[0].startsWith("unlimited-approval-to-eoa: "));
    assert.equal(rpc.data.report.rules[0].rule, "unlimited-approval-to-eoa");
    assert.equal(rpc.data.report.changes.tx.from, chain.user.address.toLowerCase());
    assert.match(rpc.data.txHash, /^0x[0-9a-f]{64}$/);

    assert.equal(await allowance(chain, chain.user.address, ATTACKER_EOA), 0n);
    assert.equal(await nonceOf(chain, chain.user.address), nonce);
    assert.deepEqual(sends(), []);
    assert.equal(firewall.decisions.length, 1);
    const [decision] = firewall.decisions;
    assert.equal(decision?.outcome, "rejected");
    assert.equal(decision?.method, "eth_sendRawTransaction");
    assert.equal(decision?.from, chain.user.address);
    assert.equal(decision?.to, chain.token);
    assert.equal(decision?.txHash, rpc.data.txHash);
  });

  test("an ordinary ERC20 transfer goes through, is mined, and the balances move", async () => {
    const before = await balanceOf(chain, FRIEND_EOA);
    const userBefore = await balanceOf(chain, chain.user.address);
    const hash = await localWallet().writeContract({
      address: chain.token,
      abi: erc20Abi,
      functionName: "transfer",
      args: [FRIEND_EOA, parseEther("10")],
    });
    const client = createPublicClient({
      chain: chain.clients.chain,
      transport: transport(),
      pollingInterval: 50,
    });
    const receipt = await client.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
    assert.equal(await balanceOf(chain, FRIEND_EOA), before + parseEther("10"));
    assert.equal(await balanceOf(chain, chain.user.address), userBefore - parseEther("10"));
    assert.deepEqual(sends(), ["eth_sendRawTransaction"]);
    assert.equal(firewall.decisions[0]?.outcome, "forwarded");
    assert.equal(firewall.decisions[0]?.verdict, "allow");
    assert.equal(firewall.decisions[0]?.txHash, hash);
  });

  test("eth_sendRawTransactionSync is screened like eth_sendRawTransaction", async () => {
    const nonce = await nonceOf(chain, chain.user.address);
    const raw = await signCall(chain, chain.user, {
      to: chain.token,
      data: approveData(ATTACKER_EOA, maxUint256),
      nonce,
    });
    const { status, reply } = await post(firewall.url, rawRequest(5, "eth_sendRawTransactionSync", [raw]));
    assert.equal(status, 200);
    assert.equal(reply.id, 5);
    assert.equal(reply.error.code, -32003);
    assert.deepEqual(sends(), []);
    assert.equal(await nonceOf(chain, chain.user.address), nonce);
  });
});

describe("an anvil-unlocked account (eth_sendTransaction)", { timeout: 60_000 }, () => {
  test("the same approval is blocked, and an allowed transfer is sent by the node", async () => {
    const { deployer } = accounts();
    const wallet = createWalletClient({
      account: deployer.address,
      chain: chain.clients.chain,
      transport: transport(),
    });
    const nonce = await nonceOf(chain, deployer.address);
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
    assert.equal(await allowance(chain, deployer.address, ATTACKER_EOA), 0n);
    assert.equal(await nonceOf(chain, deployer.address), nonce);
    assert.deepEqual(sends(), []);
    assert.equal(firewall.decisions[0]?.method, "eth_sendTransaction");
    assert.equal(firewall.decisions[0]?.txHash, null);

    const hash = await wallet.writeContract({
      address: chain.token,
      abi: erc20Abi,
      functionName: "transfer",
      args: [FRIEND_EOA, 1n],
    });
    assert.equal((await chain.clients.public.waitForTransactionReceipt({ hash })).status, "success");
    assert.deepEqual(sends(), ["eth_sendTransaction"]);
  });
});

describe("batches", { timeout: 60_000 }, () => {
  test("one blocked and one allowed entry, with eth_chainId and a notification: answered in order", async () => {
    const nonce = await nonceOf(chain, chain.user.address);
    // The same nonce for both: the blocked one never reaches the node, so the transfer can use it.
    const blocked = await signCall(chain, chain.user, {
      to: chain.token,
      data: approveData(ATTACKER_EOA, maxUint256),
      nonce,
    });
    const allowed = await signCall(chain, chain.user, {
      to: chain.token,
      data: transferData(FRIEND_EOA, 5n),
      nonce,
    });
    const friendBefore = await balanceOf(chain, FRIEND_EOA);
    const { status, reply } = await post(firewall.url, [
      rawRequest("chain", "eth_chainId", []),
      rawRequest(7, "eth_sendRawTransaction", [blocked]),
      rawRequest(undefined, "eth_blockNumber", []),
      rawRequest(8, "eth_sendRawTransaction", [allowed]),
    ]);
    assert.equal(status, 200);
    assert.deepEqual(
      reply.map((entry: { id: unknown }) => entry.id),
      ["chain", 7, 8],
    );
    assert.equal(reply[0].result, "0x7a69");
    assert.equal(reply[1].error.code, -32003);
    assert.ok(reply[1].error.data.flags.includes("unlimited_approval"));
    assert.equal(reply[2].result, keccak256(allowed));
    // The node got one batch of the three other entries (and answered it in reverse order).
    assert.deepEqual(upstream.methods, ["eth_chainId", "eth_blockNumber", "eth_sendRawTransaction"]);

    const receipt = await chain.clients.public.waitForTransactionReceipt({ hash: reply[2].result });
    assert.equal(receipt.status, "success");
    assert.equal(await balanceOf(chain, FRIEND_EOA), friendBefore + 5n);
    assert.equal(await allowance(chain, chain.user.address, ATTACKER_EOA), 0n);
  });

  test("a batch whose transactions are all allowed is forwarded as it came", async () => {
    const nonce = await nonceOf(chain, chain.user.address);
    const first = await signCall(chain, chain.user, {
      to: chain.token,
      data: transferData(FRIEND_EOA, 1n),
      nonce,
    });
    const second = await signCall(chain, chain.user, {
      to: chain.token,
      data: transferData(FRIEND_EOA, 2n),
      nonce: nonce + 1,
    });
    const { reply } = await post(firewall.url, [
      rawRequest(1, "eth_sendRawTransaction", [first]),
      rawRequest(2, "eth_sendRawTransaction", [second]),
    ]);
    // Verbatim: the node's own answer, here in its (reversed) order.
    assert.deepEqual(
      reply.map((entry: { id: number; result: string }) => [entry.id, entry.result]),
      [
        [2, keccak256(second)],
        [1, keccak256(first)],
      ],
    );
    assert.deepEqual(
      firewall.decisions.map((decision) => decision.outcome),
      ["forwarded", "forwarded"],
    );
    await chain.clients.public.waitForTransactionReceipt({ hash: keccak256(second) });
  });
});

describe("when the transaction cannot be screened", { timeout: 60_000 }, () => {
  let deadUrl: string;
  before(async () => {
    deadUrl = `http://127.0.0.1:${await freePort()}`;
  });
  const deadClient = () => createPublicClient({ transport: http(deadUrl, { retryCount: 0 }) });

  test("failOpen false: -32603 with data.reason, and nothing is sent", async () => {
    const closed = await mountFirewall({ upstreamUrl: upstream.url, client: deadClient() });
    try {
      const nonce = await nonceOf(chain, chain.user.address);
      const wallet = createWalletClient({
        account: chain.user,
        chain: chain.clients.chain,
        transport: http(closed.url, { retryCount: 0 }),
      });
      const error = await wallet
        .writeContract({
          address: chain.token,
          abi: erc20Abi,
          functionName: "transfer",
          args: [FRIEND_EOA, 1n],
        })
        .then(
          () => assert.fail("the transfer was sent unscreened"),
          (caught: unknown) => caught,
        );
      const rpc = rpcErrorOf(error);
      assert.equal(rpc.code, -32603);
      assert.match(
        rpc.message,
        /could not screen this transaction \(the node did not answer the simulation\); it was not sent/,
      );
      assert.equal(rpc.data.reason, "node_unreachable");
      assert.deepEqual(sends(), []);
      assert.equal(await nonceOf(chain, chain.user.address), nonce);
      assert.equal(closed.decisions[0]?.outcome, "failed");
      assert.equal(closed.decisions[0]?.failure, "node_unreachable");
    } finally {
      await closed.close();
    }
  });

  test("a node without simulation methods: -32603 with data.reason simulation_unavailable", async () => {
    // anvil, except that debug_traceCall and eth_simulateV1 are "method not found".
    const node = await startRecordingUpstream(chain.anvil.rpcUrl, {
      refuse: ["debug_traceCall", "eth_simulateV1"],
    });
    const traceless = await mountFirewall({
      upstreamUrl: upstream.url,
      client: createPublicClient({ transport: http(node.url, { retryCount: 0 }) }),
    });
    try {
      const raw = await signCall(chain, chain.user, {
        to: chain.token,
        data: transferData(FRIEND_EOA, 1n),
        nonce: await nonceOf(chain, chain.user.address),
      });
      const { reply } = await post(traceless.url, rawRequest(1, "eth_sendRawTransaction", [raw]));
      assert.equal(reply.error.code, -32603);
      assert.equal(reply.error.data.reason, "simulation_unavailable");
      assert.match(reply.error.message, /the node offers no simulation method/);
      assert.deepEqual(sends(), []);
      assert.ok(node.methods.includes("debug_traceCall") && node.methods.includes("eth_simulateV1"));
    } finally {
      await traceless.close();
      await node.close();
    }
  });

  test("failOpen true: the transaction is forwarded unscreened and mined", async () => {
    const open = await mountFirewall({ upstreamUrl: upstream.url, client: deadClient(), failOpen: true });
    try {
      const wallet = createWalletClient({
        account: chain.user,
        chain: chain.clients.chain,
        transport: http(open.url, { retryCount: 0 }),
      });
      const hash = await wallet.writeContract({
        address: chain.token,
        abi: erc20Abi,
        functionName: "transfer",
        args: [FRIEND_EOA, 1n],
      });
      assert.equal((await chain.clients.public.waitForTransactionReceipt({ hash })).status, "success");
      assert.equal(open.decisions[0]?.outcome, "unscreened");
    } finally {
      await open.close();
    }
  });
});

describe("rejectVerdicts", { timeout: 60_000 }, () => {
  test('["warn", "block"] also rejects a warned transaction (an exact approval to an EOA)', async () => {
    const strict = await mountFirewall({
      upstreamUrl: upstream.url,
      client: chain.clients.public,
      rejectVerdicts: ["warn", "block"],
    });
    try {
      const nonce = await nonceOf(chain, chain.user.address);
      const raw = await signCall(chain, chain.user, {
        to: chain.token,
        data: approveData(ATTACKER_EOA, 10n),
        nonce,
      });
      const { reply } = await post(strict.url, rawRequest(1, "eth_sendRawTransaction", [raw]));
      assert.equal(reply.error.code, -32003);
      assert.match(reply.error.message, /^Palisade firewall rejected \(verdict warn\) this transaction: /);
      assert.equal(reply.error.data.verdict, "warn");
      // The default firewall lets the same transaction through.
      assert.equal(
        (await post(firewall.url, rawRequest(2, "eth_sendRawTransaction", [raw]))).reply.result,
        keccak256(raw),
      );
      await chain.clients.public.waitForTransactionReceipt({ hash: keccak256(raw) });
    } finally {
      await strict.close();
    }
  });
});

test("invalid options are refused at construction", () => {
  const base = {
    client: chain.clients.public,
    firewall: createTxFirewall(),
    logger: pino({ level: "silent" }),
  };
  assert.throws(() => createRpcFirewall({ ...base, upstreamUrl: "ftp://node" }), RpcFirewallConfigError);
  assert.throws(
    () => createRpcFirewall({ ...base, upstreamUrl: "http://node", upstreamWsUrl: "http://node" }),
    RpcFirewallConfigError,
  );
  assert.throws(
    () => createRpcFirewall({ ...base, upstreamUrl: "http://node", rejectVerdicts: ["allow" as "warn"] }),
    RpcFirewallConfigError,
  );
  assert.throws(
    () => createRpcFirewall({ ...base, upstreamUrl: "http://node", maxBodyBytes: 10 }),
    RpcFirewallConfigError,
  );
});
