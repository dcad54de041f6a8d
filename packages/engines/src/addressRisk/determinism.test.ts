import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type Anvil, accounts, type Clients, createClients, startAnvil } from "@palisade/testkit";
import { type Address, type Hex, type PublicClient, pad, parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { bundledLabelsDir, loadLabels } from "../labels/loadLabels.ts";
import { type AddressRiskEngine, createAddressRiskEngine } from "./createAddressRiskEngine.ts";
import { proxySlots } from "./proxy.ts";
import {
  createdAddress,
  eip1967ProxyRuntime,
  initCode,
  returns42Runtime,
  storeSlots,
} from "./testContracts.ts";

let anvil: Anvil;
let clients: Clients;
let client: PublicClient;
let engine: AddressRiskEngine;
const { deployer, stakers } = accounts();

before(async () => {
  anvil = await startAnvil();
  clients = createClients(anvil.rpcUrl);
  client = clients.public as PublicClient;
  engine = createAddressRiskEngine({ labels: await loadLabels(bundledLabelsDir) });
});
after(() => anvil?.stop());

async function deploy(data: Hex): Promise<Address> {
  return createdAddress(client, await clients.wallet(deployer).sendTransaction({ data }));
}

test("the same inputs at a pinned block give the same report, whatever happens to the chain afterwards", async () => {
  const first = await deploy(initCode(returns42Runtime));
  const second = await deploy(initCode(returns42Runtime));
  const proxy = await deploy(
    initCode(eip1967ProxyRuntime, storeSlots([[proxySlots.eip1967Implementation, first]])),
  );
  const eoa = privateKeyToAccount(generatePrivateKey()).address;
  await clients
    .wallet(stakers[0])
    .sendTransaction({ to: eoa, value: parseEther("1") })
    .then((hash) => client.waitForTransactionReceipt({ hash }));
  const notYet = privateKeyToAccount(generatePrivateKey()).address;
  await clients.test.mine({ blocks: 3 });
  const pinned = Number(await client.getBlockNumber({ cacheTime: 0 }));

  const targets = [
    { address: proxy },
    { address: eoa, counterparty: `${eoa.slice(0, 7)}${"0".repeat(30)}${eoa.slice(-5)}` },
    { address: notYet },
    { address: "0x098b716b8aaf21512996dc57eb0615e2383e2f96", chainId: 1 },
  ];
  const atPin = async () =>
    Promise.all(targets.map((target) => engine.check(client, { ...target, block: pinned })));
  const reports = await atPin();
  // Twice in a row: identical.
  assert.deepEqual(await atPin(), reports);
  // Without `block`, the latest block is used and reported.
  assert.deepEqual(await engine.check(client, targets[0] as { address: Address }), reports[0]);

  // Change everything the reports read: upgrade the proxy, turn the EOA into a contract and pay it
  // again, fund the untouched address from a sanctioned one, and move the chain on. A block is mined
  // first: anvil's anvil_set* cheats rewrite the state of the latest block itself, which no real
  // chain does.
  await clients.test.mine({ blocks: 1 });
  await clients.test.setStorageAt({
    address: proxy,
    index: proxySlots.eip1967Implementation,
    value: pad(second),
  });
  await clients.test.setCode({ address: eoa, bytecode: returns42Runtime });
  await clients.test.setBalance({ address: eoa, value: parseEther("5") });
  const ofac = "0x098b716b8aaf21512996dc57eb0615e2383e2f96";
  await clients.test.impersonateAccount({ address: ofac });
  await clients.test.setBalance({ address: ofac, value: parseEther("10") });
  await client.request({
    method: "eth_sendTransaction" as never,
    params: [{ from: ofac, to: notYet, value: "0x1" }] as never,
  });
  await clients.test.mine({ blocks: 5 });

  assert.deepEqual(await atPin(), reports);
  // …while the latest block sees every change.
  const [proxyNow, eoaNow, notYetNow] = await Promise.all(
    targets.slice(0, 3).map((target) => engine.check(client, target)),
  );
  assert.equal(reports[0]?.fields.proxy_implementation, first.toLowerCase());
  assert.equal(proxyNow?.fields.proxy_implementation, second.toLowerCase());
  assert.equal(reports[1]?.fields.is_contract, false);
  assert.equal(reports[1]?.fields.first_funder, stakers[0].address.toLowerCase());
  assert.equal(eoaNow?.fields.is_contract, true);
  assert.equal(reports[2]?.fields.first_funder, null);
  assert.equal(reports[2]?.verdict, "safe");
  assert.equal(notYetNow?.fields.first_funder, ofac);
  assert.equal(notYetNow?.verdict, "suspicious");
});
