import { mockLstAbi } from "@palisade/abis";
import { sendAndWait } from "@palisade/deploy";
import {
  createOperatorSets,
  createRewardsSubmission,
  type Deployment,
  delegateTo,
  depositIntoStrategy,
  modifyAllocations,
  type OperatorSet,
  registerAsOperator,
  registerForOperatorSets,
} from "@palisade/sdk";
import { type Address, encodeFunctionData, formatEther, parseEther } from "viem";
import { accounts } from "./accounts.ts";
import type { Clients } from "./clients.ts";
import { mine } from "./mine.ts";

export interface SeedOptions {
  onStep?: (message: string) => void;
}

export interface SeedResult {
  /** The deployment with the seeded operator set recorded. */
  deployment: Deployment;
  operatorSet: OperatorSet;
  /** Per operator: its address, its staker and the magnitude it allocated to the set in every strategy. */
  operators: readonly { address: Address; staker: Address; magnitude: bigint }[];
  /** Tokens each staker deposited into every strategy. */
  depositPerStrategy: readonly bigint[];
  /** The rewards stream: token, strategy, amount and duration (seconds). */
  rewards: { token: Address; strategy: Address; amount: bigint; duration: number };
}

/** Magnitudes the three seeded operators allocate to operator set 0 (WAD shares of their stake). */
export const seedMagnitudes = [parseEther("0.5"), parseEther("0.3"), parseEther("0.2")] as const;

/** Tokens staker i deposits into every strategy: 10, 20, 30 (× 1e18). */
export const seedDeposit = (stakerIndex: number): bigint => parseEther(String(10 * (stakerIndex + 1)));

/** Amount and duration of the seeded rewards stream (stETH to the stETH strategy). */
export const seedRewards = { amount: parseEther("100"), duration: 30 * 24 * 3600 } as const;

/**
 * Seeds a deployed core: three operators, each with one staker who deposits every LST and
 * delegates to it; the avs account creates operator set 0 (slasher: the slasher account,
 * strategies: every LST strategy); the operators register and allocate 0.5, 0.3 and 0.2 of their
 * magnitude; blocks are mined past the allocation delay; the avs funds a stETH rewards stream.
 */
export async function seedDevnet(
  clients: Clients,
  deployment: Deployment,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const named = accounts();
  const step = options.onStep ?? (() => {});
  const contracts = deployment.contracts;
  const deployer = clients.wallet(named.deployer);
  const strategyList = Object.values(deployment.strategies);
  const strategyAddresses = strategyList.map((entry) => entry.strategy);
  const firstSymbol = Object.keys(deployment.strategies)[0];
  const first = firstSymbol === undefined ? undefined : deployment.strategies[firstSymbol];
  if (!firstSymbol || !first) throw new Error("seedDevnet: the deployment has no strategy");

  const mint = async (token: Address, to: Address, amount: bigint) => {
    const data = encodeFunctionData({ abi: mockLstAbi, functionName: "mint", args: [to, amount] });
    await sendAndWait(deployer, { to: token, data }, "mint");
  };

  const operators: { address: Address; staker: Address; magnitude: bigint }[] = [];
  for (const [index, operator] of named.operators.entries()) {
    await registerAsOperator(clients.wallet(operator), {
      contracts,
      metadataURI: `https://operators.palisade.invalid/${index}.json`,
    });
    const staker = named.stakers[index];
    const magnitude = seedMagnitudes[index];
    if (!staker || magnitude === undefined) throw new Error("seedDevnet: accounts and magnitudes disagree");
    const stakerWallet = clients.wallet(staker);
    const amount = seedDeposit(index);
    for (const { token, strategy } of strategyList) {
      await mint(token, staker.address, amount);
      await depositIntoStrategy(stakerWallet, { contracts, strategy, amount });
    }
    await delegateTo(stakerWallet, { contracts, operator: operator.address });
    operators.push({ address: operator.address, staker: staker.address, magnitude });
    step(`operator ${operator.address} registered; staker ${staker.address} deposited and delegated`);
  }

  const avs = clients.wallet(named.avs);
  const operatorSet: OperatorSet = { avs: named.avs.address, id: 0 };
  await createOperatorSets(avs, {
    contracts,
    sets: [{ id: operatorSet.id, slasher: named.slasher.address, strategies: strategyAddresses }],
  });
  step(`operator set ${operatorSet.id} created by ${operatorSet.avs}`);

  for (const [index, operator] of named.operators.entries()) {
    const wallet = clients.wallet(operator);
    const magnitude = operators[index]?.magnitude ?? 0n;
    await registerForOperatorSets(wallet, {
      contracts,
      avs: operatorSet.avs,
      operatorSetIds: [operatorSet.id],
    });
    await modifyAllocations(wallet, {
      contracts,
      allocations: [
        { operatorSet, strategies: strategyAddresses, newMagnitudes: strategyAddresses.map(() => magnitude) },
      ],
    });
  }
  await mine(clients, deployment.delays.allocationBlocks + 1);
  step("operators registered for the set and allocated; allocation delay passed");

  await mint(first.token, named.avs.address, seedRewards.amount);
  await createRewardsSubmission(avs, {
    contracts,
    operatorSet,
    strategy: first.strategy,
    token: first.token,
    amount: seedRewards.amount,
    duration: seedRewards.duration,
  });
  step(
    `rewards stream funded: ${formatEther(seedRewards.amount)} ${firstSymbol} over ${seedRewards.duration} s`,
  );

  return {
    deployment: { ...deployment, operatorSet },
    operatorSet,
    operators,
    depositPerStrategy: operators.map((_operator, index) => seedDeposit(index)),
    rewards: { token: first.token, strategy: first.strategy, ...seedRewards },
  };
}
