import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type Anvil, accounts, createClients, startAnvil } from "@palisade/testkit";
import {
  type Address,
  encodeAbiParameters,
  getAddress,
  type Hex,
  keccak256,
  type PublicClient,
  parseEther,
  stringToHex,
} from "viem";
import { InvalidInputError } from "../errors.ts";
import { addressBasics } from "./addressBasics.ts";

// Runtime code that returns 42 for any call (and accepts ETH): 10 bytes, deployed by a 12-byte init code.
const runtime = "602a60005260206000f3";
const initCode = `0x600a600c600039600a6000f3${runtime}` as Hex;

let anvil: Anvil;
let client: PublicClient;
let clients: ReturnType<typeof createClients>;
before(async () => {
  anvil = await startAnvil();
  clients = createClients(anvil.rpcUrl);
  client = clients.public as PublicClient;
});
after(() => anvil?.stop());

test("engineVersion is keccak256 of the id; requestHash is keccak256(abi.encode(engineVersion, address, block))", () => {
  assert.equal(addressBasics.engineVersion, keccak256(stringToHex("address-basics@1")));
  const address = "0x00000000000000000000000000000000000000aa";
  const request = addressBasics.parseRequest({ address, referenceBlock: 7 });
  assert.equal(
    request.requestHash,
    keccak256(
      encodeAbiParameters(
        [{ type: "bytes32" }, { type: "address" }, { type: "uint32" }],
        [addressBasics.engineVersion, getAddress(address), 7],
      ),
    ),
  );
  // Case of the address does not change the request.
  assert.equal(
    addressBasics.parseRequest({ address: address.toUpperCase().replace("0X", "0x"), referenceBlock: 7 })
      .requestHash,
    request.requestHash,
  );
  for (const bad of [
    { address: "0x12", referenceBlock: 1 },
    { address, referenceBlock: -1 },
    { address, referenceBlock: 2 ** 32 },
    { address, referenceBlock: 1, extra: 1 },
    null,
  ]) {
    assert.throws(() => addressBasics.parseRequest(bad), InvalidInputError);
  }
});

test("answers at the pinned block do not move when code and balances change afterwards", async () => {
  const { deployer, stakers } = accounts();
  const wallet = clients.wallet(deployer);
  const deployHash = await wallet.sendTransaction({ data: initCode });
  const receipt = await client.waitForTransactionReceipt({ hash: deployHash });
  const contract = receipt.contractAddress as Address;
  assert.ok(contract);
  await wallet
    .sendTransaction({ to: contract, value: parseEther("1.5") })
    .then((hash) => client.waitForTransactionReceipt({ hash }));
  const eoa = stakers[2].address;
  const pinned = Number(await client.getBlockNumber({ cacheTime: 0 }));
  const eoaBalanceAtPin = await client.getBalance({ address: eoa });

  const at = async (address: Address, referenceBlock: number) => {
    const request = addressBasics.parseRequest({ address, referenceBlock });
    return addressBasics.run(client, request);
  };
  const contractAtPin = await at(contract, pinned);
  const eoaAtPin = await at(eoa, pinned);
  assert.deepEqual(contractAtPin.json, {
    codeHash: keccak256(`0x${runtime}`),
    balance: parseEther("1.5").toString(),
    isContract: true,
  });
  assert.deepEqual(eoaAtPin.json, {
    codeHash: keccak256("0x"),
    balance: eoaBalanceAtPin.toString(),
    isContract: false,
  });
  assert.equal(
    contractAtPin.encoded,
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "uint256" }, { type: "bool" }],
      [keccak256(`0x${runtime}`), parseEther("1.5"), true],
    ),
  );
  assert.equal(contractAtPin.responseHash, keccak256(contractAtPin.encoded));

  // Change everything after the pin: more ETH to the contract, a new balance for the EOA, code at the EOA.
  await wallet
    .sendTransaction({ to: contract, value: parseEther("2") })
    .then((hash) => client.waitForTransactionReceipt({ hash }));
  await clients.test.setBalance({ address: eoa, value: parseEther("123") });
  await clients.test.setCode({ address: eoa, bytecode: `0x${runtime}` });
  await clients.test.mine({ blocks: 3 });

  assert.deepEqual(await at(contract, pinned), contractAtPin);
  assert.deepEqual(await at(eoa, pinned), eoaAtPin);
  // …while the latest block does see the changes.
  const latest = Number(await client.getBlockNumber({ cacheTime: 0 }));
  assert.equal((await at(contract, latest)).json.balance, parseEther("3.5").toString());
  assert.deepEqual((await at(eoa, latest)).json, {
    codeHash: keccak256(`0x${runtime}`),
    balance: parseEther("123").toString(),
    isContract: true,
  });
});
