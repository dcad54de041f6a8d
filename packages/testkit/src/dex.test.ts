import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { demoReclaimableTokenAbi } from "@palisade/abis";
import { type Address, erc20Abi, keccak256, parseEther, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import { type Anvil, startAnvil } from "./anvil.ts";
import { type Clients, createClients } from "./clients.ts";
import {
  type DemoDex,
  demoTokenSupply,
  deployDemoDex,
  uniswapArtifact,
  uniswapV2RouterInitCodeHash,
} from "./dex.ts";

let anvil: Anvil;
let clients: Clients;
let dex: DemoDex;
before(async () => {
  anvil = await startAnvil();
  clients = createClients(anvil.rpcUrl);
  dex = await deployDemoDex(clients);
});
after(() => anvil.stop());

test("the shipped UniswapV2Pair bytecode hashes to the init-code hash Router02 hard-codes", () => {
  assert.equal(keccak256(uniswapArtifact("UniswapV2Pair").bytecode), uniswapV2RouterInitCodeHash);
  assert.equal(dex.pairInitCodeHash, uniswapV2RouterInitCodeHash);
});

test("every demo token has a WETH pair with the liquidity, and the router prices through it", async () => {
  const router = uniswapArtifact("UniswapV2Router02").abi;
  for (const token of Object.values(dex.tokens)) {
    const pairBalance = (owner: Address, asset: Address) =>
      readContract(clients.public, {
        address: asset,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [owner],
      });
    assert.equal(await pairBalance(token.pair, dex.weth), parseEther("10"), token.name);
    assert.equal(await pairBalance(token.pair, token.address), parseEther("500000"), token.name);
    // Router02 computes the pair address from the init-code hash (pairFor): a wrong hash reverts here.
    const amounts = (await readContract(clients.public, {
      address: dex.router,
      abi: router,
      functionName: "getAmountsOut",
      args: [parseEther("1"), [dex.weth, token.address]],
    })) as readonly bigint[];
    const expected =
      (parseEther("1") * 997n * parseEther("500000")) / (parseEther("10") * 1000n + parseEther("1") * 997n);
    assert.equal(amounts[1], expected, token.name);
  }
});

test("the reclaimable token looks renounced after listing; supplies are as documented", async () => {
  const owner = await readContract(clients.public, {
    address: dex.tokens.reclaimable.address,
    abi: demoReclaimableTokenAbi,
    functionName: "owner",
  });
  assert.equal(owner, zeroAddress);
  const supply = await readContract(clients.public, {
    address: dex.tokens.clean.address,
    abi: erc20Abi,
    functionName: "totalSupply",
  });
  assert.equal(supply, demoTokenSupply);
});
