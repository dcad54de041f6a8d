import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type Anvil, accounts, type Clients, createClients, startAnvil } from "@palisade/testkit";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  getContractAddress,
  type Hex,
  http,
  type PublicClient,
  parseEther,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { bundledLabelsDir, loadLabels } from "../labels/loadLabels.ts";
import { codeSearchBound } from "./codeAge.ts";
import { type AddressRiskEngine, createAddressRiskEngine } from "./createAddressRiskEngine.ts";
import { proxySlots } from "./proxy.ts";
import {
  beaconRuntime,
  createdAddress,
  eip1967ProxyRuntime,
  factoryRuntime,
  forwarderRuntime,
  initCode,
  minimalProxyRuntime,
  returns42Runtime,
  storeSlots,
} from "./testContracts.ts";

const OFAC = "0x098b716b8aaf21512996dc57eb0615e2383e2f96"; // ofac/ETH, chain 1
const EXPLOITER = "0x036587e77eabe6a7e181886a5a6ed10dc25654f9"; // forta exploit, chain 1

let anvil: Anvil;
let clients: Clients;
let client: PublicClient;
let engine: AddressRiskEngine;
let implementation: Address;
const { deployer, stakers } = accounts();

before(async () => {
  anvil = await startAnvil();
  clients = createClients(anvil.rpcUrl);
  client = clients.public as PublicClient;
  engine = createAddressRiskEngine({ labels: await loadLabels(bundledLabelsDir) });
  implementation = await deploy(initCode(returns42Runtime));
});
after(() => anvil?.stop());

async function deploy(data: Hex): Promise<Address> {
  return createdAddress(client, await clients.wallet(deployer).sendTransaction({ data }));
}

/** A client on the same anvil that refuses `methods` (as a node without those APIs would). */
function limitedClient(exclude: string[], onMethod?: (method: string) => void): PublicClient {
  return createPublicClient({
    chain: clients.chain,
    transport: http(anvil.rpcUrl, {
      methods: { exclude },
      onFetchRequest: (_request, init) => {
        if (onMethod && typeof init.body === "string")
          onMethod((JSON.parse(init.body) as { method: string }).method);
      },
    }),
  }) as PublicClient;
}

const head = async () => Number(await client.getBlockNumber({ cacheTime: 0 }));

test("a plain contract: is_contract, code age from its creation block, its deployer; safe", async () => {
  const contract = await deploy(initCode(returns42Runtime));
  const created = await head();
  await clients.test.mine({ blocks: 7 });
  const report = await engine.check(client, { address: contract });
  assert.equal(report.block, created + 7);
  assert.equal(report.verdict, "safe");
  assert.deepEqual(report.flags, []);
  const f = report.fields;
  assert.equal(f.is_contract, true);
  assert.equal(f.contract_address, true);
  assert.equal(f.is_eip7702_delegated, false);
  assert.equal(f.code_first_block, created);
  assert.equal(f.code_age_blocks, 7);
  assert.equal(f.is_proxy, false);
  assert.equal(f.proxy_implementation, null);
  assert.equal(f.deployer_address, deployer.address.toLowerCase());
  assert.equal(f.creation_tx_sender, deployer.address.toLowerCase());
  assert.equal(f.deployer_flagged, false);
  assert.equal(f.first_funder, null);
  // At its creation block the code is 0 blocks old; before it, there is no contract.
  assert.equal((await engine.check(client, { address: contract, block: created })).fields.code_age_blocks, 0);
  const before = await engine.check(client, { address: contract, block: created - 1 });
  assert.equal(before.fields.is_contract, false);
  assert.equal(before.fields.code_first_block, null);
});

test("proxies: EIP-1967 (plain, transparent, beacon), EIP-1822 and EIP-1167 — pattern and implementation", async () => {
  const admin = stakers[2].address;
  const beacon = await deploy(initCode(beaconRuntime(implementation)));
  const cases: { name: string; code: Hex; type: string; admin?: string }[] = [
    {
      name: "eip1967",
      code: initCode(eip1967ProxyRuntime, storeSlots([[proxySlots.eip1967Implementation, implementation]])),
      type: "eip1967",
    },
    {
      name: "transparent",
      code: initCode(
        eip1967ProxyRuntime,
        storeSlots([
          [proxySlots.eip1967Implementation, implementation],
          [proxySlots.eip1967Admin, admin],
        ]),
      ),
      type: "eip1967-transparent",
      admin,
    },
    {
      name: "beacon",
      code: initCode("0x00", storeSlots([[proxySlots.eip1967Beacon, beacon]])),
      type: "eip1967-beacon",
    },
    {
      name: "uups",
      code: initCode("0x00", storeSlots([[proxySlots.eip1822Proxiable, implementation]])),
      type: "eip1822",
    },
    { name: "clone", code: initCode(minimalProxyRuntime(implementation)), type: "eip1167" },
  ];
  for (const { name, code, type, admin: expectedAdmin } of cases) {
    const proxy = await deploy(code);
    const report = await engine.check(client, { address: proxy });
    assert.equal(report.fields.is_proxy, true, name);
    assert.equal(report.fields.proxy_type, type, name);
    assert.equal(report.fields.proxy_implementation, implementation.toLowerCase(), name);
    assert.equal(report.fields.proxy_admin, expectedAdmin?.toLowerCase() ?? null, name);
    // A proxy is information, not a risk.
    assert.equal(report.verdict, "safe", name);
  }
  // The hand-assembled proxies really delegate: they answer the implementation's 42.
  for (const runtime of [eip1967ProxyRuntime, minimalProxyRuntime(implementation)]) {
    const setup =
      runtime === eip1967ProxyRuntime
        ? storeSlots([[proxySlots.eip1967Implementation, implementation]])
        : "0x";
    const proxy = await deploy(initCode(runtime, setup));
    assert.equal(BigInt((await client.call({ to: proxy, data: "0x" })).data ?? 0), 42n);
  }
});

test("a contract made by a factory: the factory is the deployer, the caller the transaction's sender", async () => {
  const factory = await deploy(initCode(factoryRuntime(initCode(returns42Runtime))));
  const caller = clients.wallet(stakers[0]);
  const hash = await caller.sendTransaction({ to: factory, gas: 300_000n });
  await client.waitForTransactionReceipt({ hash });
  const created = await head();
  const child = getContractAddress({ from: factory, nonce: 1n }); // a contract's nonce starts at 1
  const expected = {
    code_first_block: created,
    deployer_address: factory.toLowerCase(),
    creation_tx_sender: stakers[0].address.toLowerCase(),
  };
  const pick = (fields: Record<string, unknown>) => ({
    code_first_block: fields.code_first_block,
    deployer_address: fields.deployer_address,
    creation_tx_sender: fields.creation_tx_sender,
  });
  assert.deepEqual(pick((await engine.check(client, { address: child })).fields), expected);

  // Nodes without Otterscan's API: bisection plus trace_block, then debug_traceBlockByNumber, agree.
  const noOts = limitedClient(["ots_getContractCreator"]);
  assert.deepEqual(pick((await engine.check(noOts, { address: child })).fields), expected);
  const debugOnly = limitedClient(["ots_getContractCreator", "trace_block"]);
  assert.deepEqual(pick((await engine.check(debugOnly, { address: child })).fields), expected);
  // None of them: the deployer is unknown (null), never guessed; the code age still comes from eth_getCode.
  const bare = limitedClient(["ots_getContractCreator", "trace_block", "debug_traceBlockByNumber"]);
  const report = await engine.check(bare, { address: child });
  assert.deepEqual(pick(report.fields), { ...expected, deployer_address: null, creation_tx_sender: null });
  assert.equal(report.fields.deployer_flagged, null);
});

test("the code-age search stays within ⌈log₂(block + 1)⌉ eth_getCode calls", async () => {
  const contract = await deploy(initCode(returns42Runtime));
  const created = await head();
  await clients.test.mine({ blocks: 300 });
  let getCodeCalls = 0;
  const counting = limitedClient(["ots_getContractCreator"], (method) => {
    if (method === "eth_getCode") getCodeCalls++;
  });
  const report = await engine.check(counting, { address: contract });
  const block = report.block ?? Number.NaN;
  assert.equal(report.fields.code_first_block, created);
  assert.equal(report.fields.code_age_blocks, 300);
  // One read at the block, then the search (which did run: the hint from ots was refused).
  assert.ok(getCodeCalls > 1, `${getCodeCalls} eth_getCode calls counted`);
  assert.equal(codeSearchBound(block), Math.ceil(Math.log2(block + 1)));
  assert.ok(getCodeCalls <= 1 + codeSearchBound(block), `${getCodeCalls} calls at block ${block}`);
});

test("a node that answers nothing beyond the basics: chain fields null, lists still judged", async () => {
  const none = limitedClient(["eth_getCode", "ots_getContractCreator", "ots_searchTransactionsAfter"]);
  const report = await engine.check(none, { address: OFAC, chainId: 1 });
  assert.equal(report.verdict, "malicious");
  assert.equal(report.fields.is_contract, null);
  assert.equal(report.fields.is_proxy, null);
  assert.equal(report.fields.is_eip7702_delegated, null);
  assert.equal(report.fields.first_funder, null);
});

test("an EIP-7702 account: a contract by its code, delegate reported, no code age; its first funder", async () => {
  const account = privateKeyToAccount(generatePrivateKey());
  await clients
    .wallet(stakers[1])
    .sendTransaction({ to: account.address, value: parseEther("1") })
    .then((hash) => client.waitForTransactionReceipt({ hash }));
  const authorization = await clients.wallet(account).signAuthorization({ contractAddress: implementation });
  await clients
    .wallet(deployer)
    .sendTransaction({ to: account.address, authorizationList: [authorization] })
    .then((hash) => client.waitForTransactionReceipt({ hash }));
  const report = await engine.check(client, { address: account.address });
  assert.equal(report.fields.is_contract, true);
  assert.equal(report.fields.is_eip7702_delegated, true);
  assert.equal(report.fields.eip7702_delegate, implementation.toLowerCase());
  assert.equal(report.fields.code_first_block, null);
  assert.equal(report.fields.deployer_address, null);
  assert.equal(report.fields.first_funder, stakers[1].address.toLowerCase());
  assert.equal(report.fields.first_funder_flagged, false);
  assert.equal(report.verdict, "safe");
});

test("first funder: direct and through a contract; a flagged funder makes the account suspicious", async () => {
  // Through a forwarder contract: an internal transfer, found by the trace.
  const viaContract = privateKeyToAccount(generatePrivateKey()).address;
  const forwarder = await deploy(initCode(forwarderRuntime(viaContract)));
  await clients
    .wallet(stakers[0])
    .sendTransaction({ to: forwarder, value: 1000n })
    .then((hash) => client.waitForTransactionReceipt({ hash }));
  assert.equal(
    (await engine.check(client, { address: viaContract })).fields.first_funder,
    forwarder.toLowerCase(),
  );

  // Paid first by a sanctioned address (impersonated on anvil).
  const victim = privateKeyToAccount(generatePrivateKey()).address;
  await clients.test.impersonateAccount({ address: OFAC });
  await clients.test.setBalance({ address: OFAC, value: parseEther("10") });
  const impersonated = createWalletClient({ chain: clients.chain, transport: http(anvil.rpcUrl) });
  await impersonated
    .sendTransaction({ account: OFAC, to: victim, value: parseEther("1") })
    .then((hash) => client.waitForTransactionReceipt({ hash }));
  const report = await engine.check(client, { address: victim });
  assert.equal(report.fields.first_funder, OFAC);
  assert.equal(report.fields.first_funder_flagged, true);
  assert.equal(report.verdict, "suspicious");
  assert.deepEqual(report.flags, ["first_funder_flagged"]);
  assert.deepEqual(report.sources.first_funder_flagged, {
    source: "heuristic:first-funder",
    detail: `first funder ${OFAC} is labelled sanctioned on chain 1 (ofac/ETH)`,
    block: report.block,
  });
  // A genesis-funded account has no first funder (its balance did not come from a transaction).
  assert.equal((await engine.check(client, { address: stakers[2].address })).fields.first_funder, null);
});

test("a contract deployed by a flagged address: deployer_flagged, suspicious", async () => {
  await clients.test.impersonateAccount({ address: EXPLOITER });
  await clients.test.setBalance({ address: EXPLOITER, value: parseEther("10") });
  const impersonated = createWalletClient({ chain: clients.chain, transport: http(anvil.rpcUrl) });
  const contract = await createdAddress(
    client,
    await impersonated.sendTransaction({ account: EXPLOITER, data: initCode(returns42Runtime) }),
  );
  const report = await engine.check(client, { address: contract });
  assert.equal(report.fields.deployer_address, EXPLOITER);
  assert.equal(report.fields.deployer_flagged, true);
  assert.equal(report.verdict, "suspicious");
  assert.deepEqual(report.flags, ["deployer_flagged"]);
  assert.equal(report.sources.deployer_flagged?.source, "heuristic:deployer");
  assert.match(
    report.sources.deployer_flagged?.detail ?? "",
    /^deployer 0x036587e7.* is labelled exploit on chain 1/,
  );
});

test("address poisoning: a look-alike of the counterparty is malicious; the counterparty itself is not", async () => {
  const counterparty = stakers[0].address.toLowerCase();
  const lookalike = `${counterparty.slice(0, 8)}${"0".repeat(28)}${counterparty.slice(-6)}`;
  const report = await engine.check(client, { address: lookalike, counterparty });
  assert.equal(report.fields.address_poisoning_lookalike, true);
  assert.equal(report.verdict, "malicious");
  assert.deepEqual(report.flags, ["address_poisoning_lookalike"]);
  assert.deepEqual(report.sources.address_poisoning_lookalike, {
    source: "heuristic:address-poisoning",
    detail: `shares its first 6 and last 6 hex digits with the counterparty ${counterparty}`,
    block: null,
  });
  const itself = await engine.check(client, { address: counterparty, counterparty: stakers[0].address });
  assert.equal(itself.fields.address_poisoning_lookalike, false);
  assert.equal(
    (await engine.check(client, { address: stakers[1].address, counterparty })).fields
      .address_poisoning_lookalike,
    false,
  );
});
