import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { mockLstAbi } from "@palisade/abis";
import { sendAndWait } from "@palisade/deploy";
import { encodeFunctionData, parseEther } from "viem";
import { readContract } from "viem/actions";
import { accounts } from "./accounts.ts";
import { type Anvil, startAnvil } from "./anvil.ts";
import { type Clients, createClients } from "./clients.ts";
import { deployMockLst } from "./deployTokens.ts";

let anvil: Anvil;
let clients: Clients;
before(async () => {
  anvil = await startAnvil();
  clients = createClients(anvil.rpcUrl);
});
after(() => anvil.stop());

test("deployMockLst deploys a mintable token owned by the deployer", async () => {
  const { deployer, stakers } = accounts();
  const wallet = clients.wallet(deployer);
  const token = await deployMockLst(
    wallet,
    { name: "Mock Lido Staked Ether", symbol: "stETH" },
    deployer.address,
  );
  const read = (functionName: "symbol" | "owner") =>
    readContract(clients.public, { address: token, abi: mockLstAbi, functionName });
  assert.equal(await read("symbol"), "stETH");
  assert.equal(await read("owner"), deployer.address);

  const data = encodeFunctionData({
    abi: mockLstAbi,
    functionName: "mint",
    args: [stakers[0].address, parseEther("5")],
  });
  await sendAndWait(wallet, { to: token, data }, "mint");
  const balance = await readContract(clients.public, {
    address: token,
    abi: mockLstAbi,
    functionName: "balanceOf",
    args: [stakers[0].address],
  });
  assert.equal(balance, parseEther("5"));
});
