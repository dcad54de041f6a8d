import assert from "node:assert/strict";
import { test } from "node:test";
import { devnetFaucetAbi, marketplaceAbi, utilityTokenAbi } from "@palisade/abis";
import { encodeFunctionData, parseEther } from "viem";
import { transactionDescriber } from "./describeTransaction.ts";

const contracts = {
  utilityToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  marketplace: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
  reviewBoard: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
  providerSlashing: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
  faucet: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
  deployedAtBlock: 1,
} as const;
const describe = transactionDescriber(contracts);

test("approvals and transfers of PAL are described with the amount and the counterparty", () => {
  const approve = encodeFunctionData({
    abi: utilityTokenAbi,
    functionName: "approve",
    args: [contracts.marketplace, parseEther("1.5")],
  });
  assert.equal(describe(contracts.utilityToken, approve), "approving 1.5 PAL for the Marketplace");
  const other = "0x000000000000000000000000000000000000dEaD";
  const transfer = encodeFunctionData({
    abi: utilityTokenAbi,
    functionName: "transfer",
    args: [other, parseEther("2")],
  });
  assert.equal(describe(contracts.utilityToken, transfer), `transferring 2 PAL to ${other}`);
});

test("calls to the marketplace's contracts are named; anything else by its address", () => {
  const purchase = encodeFunctionData({ abi: marketplaceAbi, functionName: "refund", args: [1n] });
  assert.equal(
    describe(contracts.marketplace.toLowerCase() as `0x${string}`, purchase),
    "calling refund on the Marketplace",
  );
  const drip = encodeFunctionData({ abi: devnetFaucetAbi, functionName: "drip" });
  assert.equal(describe(contracts.faucet, drip), "calling drip on the devnet faucet");
  assert.equal(describe(contracts.marketplace, "0xdeadbeef"), "sending a transaction to the Marketplace");
  const stranger = "0x0000000000000000000000000000000000000001";
  assert.equal(describe(stranger, "0x"), `sending a transaction to ${stranger}`);
  assert.equal(describe(null, "0x60"), "deploying a contract");
  assert.equal(
    transactionDescriber(undefined)(contracts.marketplace, purchase),
    `sending a transaction to ${contracts.marketplace}`,
  );
});
