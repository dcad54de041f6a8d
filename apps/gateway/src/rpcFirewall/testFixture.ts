// The JSON-RPC firewall tests' world (not exported from the module): anvil with a MockLST, a funded
// user with a local key, a recording HTTP upstream in front of anvil, and the firewall mounted on its
// own node:http server the way the gateway mounts it.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTxFirewall } from "@palisade/engines";
import {
  type Anvil,
  accounts,
  type Clients,
  createClients,
  deployMockLst,
  startAnvil,
} from "@palisade/testkit";
import { pino } from "pino";
import {
  type Address,
  BaseError,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  parseAbi,
  parseEther,
  parseGwei,
  RpcRequestError,
} from "viem";
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { readContract } from "viem/actions";
import { createRpcFirewall, type RpcFirewall, type RpcFirewallOptions } from "./createRpcFirewall.ts";
import type { RpcFirewallDecision } from "./screen.ts";

/** The drainer: an EOA nobody knows asks for an unlimited allowance. */
export const ATTACKER_EOA: Address = "0x00000000000000000000000000000000a77ac4e5";
/** A plain recipient. */
export const FRIEND_EOA: Address = "0x0000000000000000000000000000000000f00d01";
export const USER_TOKENS = parseEther("1000");
export const mintAbi = parseAbi(["function mint(address to, uint256 amount)"]);

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON-RPC replies and error data by path
export type Json = any;

/** An HTTP JSON-RPC upstream in front of anvil that records the methods it is sent. */
export interface RecordingUpstream {
  url: string;
  /** Every method received, in order (batch entries one by one). */
  methods: string[];
  /** Answers to batches come back in reverse order (legal in JSON-RPC) unless set false. */
  reverseBatches: boolean;
  close(): Promise<void>;
}

/** `refuse`: methods answered -32601 "method not found" (a whole body holding one is refused). */
export async function startRecordingUpstream(
  anvilUrl: string,
  options: { refuse?: readonly string[] } = {},
): Promise<RecordingUpstream> {
  const upstream: RecordingUpstream = {
    url: "",
    methods: [],
    reverseBatches: true,
    async close() {
      server.closeAllConnections();
      await closeServer(server);
    },
  };
  const server = createServer(async (request, response) => {
    const body = await readAll(request);
    let entries: { id?: unknown; method?: unknown }[] = [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
      entries = (Array.isArray(parsed) ? parsed : [parsed]) as typeof entries;
      for (const entry of entries) upstream.methods.push(String(entry?.method));
    } catch {
      upstream.methods.push("(not json)");
    }
    if (entries.some((entry) => options.refuse?.includes(String(entry?.method)))) {
      const notFound = entries.map((entry) => ({
        jsonrpc: "2.0",
        id: entry?.id ?? null,
        error: { code: -32601, message: "the method does not exist" },
      }));
      response.writeHead(200, { "content-type": "application/json" });
      return void response.end(JSON.stringify(Array.isArray(parsed) ? notFound : notFound[0]));
    }
    const answer = await fetch(anvilUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    let text = await answer.text();
    if (upstream.reverseBatches && text.startsWith("[")) text = JSON.stringify(JSON.parse(text).reverse());
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(text);
  });
  upstream.url = `http://127.0.0.1:${await listen(server)}`;
  return upstream;
}

/** The firewall mounted as the gateway mounts it: POST /rpc and WebSocket upgrades on /rpc. */
export interface MountedFirewall {
  rpc: RpcFirewall;
  url: string;
  wsUrl: string;
  decisions: RpcFirewallDecision[];
  close(): Promise<void>;
}

export async function mountFirewall(
  options: Omit<RpcFirewallOptions, "logger" | "onDecision" | "firewall"> &
    Partial<Pick<RpcFirewallOptions, "firewall">>,
): Promise<MountedFirewall> {
  const decisions: RpcFirewallDecision[] = [];
  const rpc = createRpcFirewall({
    firewall: createTxFirewall(),
    ...options,
    logger: pino({ level: "silent" }),
    onDecision: (decision) => decisions.push(decision),
  });
  const server = createServer((request, response) => {
    if (request.url === "/rpc") return void rpc.handleRequest(request, response);
    response.writeHead(404).end();
  });
  server.on("upgrade", (request, socket, head) => {
    if (request.url === "/rpc") rpc.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  const port = await listen(server);
  return {
    rpc,
    url: `http://127.0.0.1:${port}/rpc`,
    wsUrl: `ws://127.0.0.1:${port}/rpc`,
    decisions,
    async close() {
      await rpc.close();
      server.closeAllConnections();
      await closeServer(server);
    },
  };
}

export interface ChainFixture {
  anvil: Anvil;
  clients: Clients;
  token: Address;
  /** A fresh account with a local key: 100 ETH and USER_TOKENS tokens. */
  user: PrivateKeyAccount;
}

/** Anvil with a MockLST; the user holds USER_TOKENS, the deployer (an unlocked account) as many. */
export async function startChain(): Promise<ChainFixture> {
  const anvil = await startAnvil();
  const clients = createClients(anvil.rpcUrl);
  const { deployer } = accounts();
  const wallet = clients.wallet(deployer);
  const token = await deployMockLst(wallet, { name: "Firewall Test Token", symbol: "FTT" }, deployer.address);
  const user = privateKeyToAccount(generatePrivateKey());
  await clients.test.setBalance({ address: user.address, value: parseEther("100") });
  for (const to of [user.address, deployer.address]) {
    const hash = await wallet.writeContract({
      address: token,
      abi: mintAbi,
      functionName: "mint",
      args: [to, USER_TOKENS],
    });
    await clients.public.waitForTransactionReceipt({ hash });
  }
  return { anvil, clients, token, user };
}

export function approveData(spender: Address, amount: bigint): Hex {
  return encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [spender, amount] });
}

export function transferData(to: Address, amount: bigint): Hex {
  return encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, amount] });
}

/** A signed EIP-1559 call from `account` with explicit gas and fees (nothing asked of a node). */
export function signCall(
  chain: ChainFixture,
  account: PrivateKeyAccount,
  parameters: { to: Address; data: Hex; nonce: number },
): Promise<Hex> {
  return account.signTransaction({
    chainId: chain.clients.chain.id,
    type: "eip1559",
    to: parameters.to,
    data: parameters.data,
    nonce: parameters.nonce,
    gas: 100_000n,
    maxFeePerGas: parseGwei("20"),
    maxPriorityFeePerGas: parseGwei("1"),
  });
}

export function allowance(chain: ChainFixture, owner: Address, spender: Address): Promise<bigint> {
  return readContract(chain.clients.public, {
    address: chain.token,
    abi: erc20Abi,
    functionName: "allowance",
    args: [owner, spender],
  });
}

export function balanceOf(chain: ChainFixture, owner: Address): Promise<bigint> {
  return readContract(chain.clients.public, {
    address: chain.token,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [owner],
  });
}

export function nonceOf(chain: ChainFixture, address: Address): Promise<number> {
  return chain.clients.public.getTransactionCount({ address, blockTag: "pending" });
}

/** The JSON-RPC error a viem call failed with: code, the node's (here the firewall's) message and data. */
export function rpcErrorOf(error: unknown): { code: number; message: string; data: Json } {
  assert.ok(error instanceof BaseError, `expected a viem error, got ${String(error)}`);
  const rpc = error.walk((cause) => cause instanceof RpcRequestError);
  assert.ok(rpc instanceof RpcRequestError, `no RpcRequestError in the cause chain of ${error.message}`);
  return { code: rpc.code, message: rpc.details, data: rpc.data };
}

/** POSTs a JSON-RPC body (already a string, or serialised) and returns the status and parsed reply. */
export async function post(
  url: string,
  body: unknown,
): Promise<{ status: number; reply: Json; text: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, reply: text === "" ? null : JSON.parse(text), text };
}

export function rawRequest(id: number | string | undefined, method: string, params: unknown[]) {
  return { jsonrpc: "2.0", ...(id === undefined ? {} : { id }), method, params };
}

function readAll(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolveBody(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolveListen) =>
    server.listen(0, "127.0.0.1", () => resolveListen((server.address() as AddressInfo).port)),
  );
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => server.close(() => resolveClose()));
}
