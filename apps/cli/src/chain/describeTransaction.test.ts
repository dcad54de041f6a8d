import assert from "node:assert/strict";
import { test } from "node:test";
import {
  delegationManagerAbi,
  devnetFaucetAbi,
  governanceTokenAbi,
  marketplaceAbi,
  mockLstAbi,
  operatorRegistryAbi,
  utilityTokenAbi,
} from "@palisade/abis";
import { parseDeployment } from "@palisade/sdk";
import { encodeFunctionData, parseEther, zeroHash } from "viem";
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

test("with the deployment: the core, the strategies' tokens, the AVS and governance are named", () => {
  const core = {
    strategyManager: "0x00000000000000000000000000000000000000a1",
    delegationManager: "0x00000000000000000000000000000000000000a2",
    allocationManager: "0x00000000000000000000000000000000000000a3",
    rewardsCoordinator: "0x00000000000000000000000000000000000000a4",
  } as const;
  const stETH = "0x00000000000000000000000000000000000000b1";
  const gPAL = "0x00000000000000000000000000000000000000c1";
  const registry = "0x00000000000000000000000000000000000000d2";
  const describeAll = transactionDescriber(
    contracts,
    parseDeployment({
      version: 1,
      chainId: 31337,
      rpcUrl: "http://127.0.0.1:8545",
      deployer: contracts.marketplace,
      deployedAtBlock: 1,
      contracts: core,
      strategies: { stETH: { token: stETH, strategy: "0x00000000000000000000000000000000000000b2" } },
      delays: { withdrawalBlocks: 5, allocationBlocks: 2, deallocationBlocks: 5 },
      avs: {
        serviceManager: "0x00000000000000000000000000000000000000d1",
        operatorRegistry: registry,
        quorumVerifier: registry,
        slashingCoordinator: "0x00000000000000000000000000000000000000d1",
        operatorSetId: 0,
        deployedAtBlock: 2,
      },
      governance: {
        governanceToken: gPAL,
        governor: "0x00000000000000000000000000000000000000c2",
        timelock: "0x00000000000000000000000000000000000000c3",
        vetoCommittee: "0x00000000000000000000000000000000000000c4",
        revenueDistributor: "0x00000000000000000000000000000000000000c5",
        deployedAtBlock: 3,
      },
    }),
  );
  const approve = encodeFunctionData({
    abi: mockLstAbi,
    functionName: "approve",
    args: [core.strategyManager, parseEther("10")],
  });
  assert.equal(describeAll(stETH, approve), "approving 10 stETH for the StrategyManager");
  const delegate = encodeFunctionData({
    abi: delegationManagerAbi,
    functionName: "delegateTo",
    args: ["0x0000000000000000000000000000000000000001", { signature: "0x", expiry: 0n }, zeroHash],
  });
  assert.equal(describeAll(core.delegationManager, delegate), "calling delegateTo on the DelegationManager");
  const transfer = encodeFunctionData({
    abi: governanceTokenAbi,
    functionName: "transfer",
    args: [core.delegationManager, parseEther("2.5")],
  });
  assert.equal(describeAll(gPAL, transfer), "transferring 2.5 gPAL to the DelegationManager");
  // A token's other functions are named like any call (sync takes one argument, no amount).
  const sync = encodeFunctionData({
    abi: governanceTokenAbi,
    functionName: "sync",
    args: [core.strategyManager],
  });
  assert.equal(describeAll(gPAL, sync), "calling sync on gPAL");
  const updateStakes = encodeFunctionData({
    abi: operatorRegistryAbi,
    functionName: "updateStakes",
    args: [[]],
  });
  assert.equal(describeAll(registry, updateStakes), "calling updateStakes on the OperatorRegistry");
  // The marketplace's contracts are still named.
  const refund = encodeFunctionData({ abi: marketplaceAbi, functionName: "refund", args: [1n] });
  assert.equal(describeAll(contracts.marketplace, refund), "calling refund on the Marketplace");
});
