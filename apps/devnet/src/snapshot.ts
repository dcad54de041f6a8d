import { allocationManagerAbi, mockLstAbi, rewardsCoordinatorAbi, strategyAbi } from "@palisade/abis";
import {
  type Deployment,
  type DexDeployment,
  getAllocatedStake,
  getAllocation,
  getEconomicSecurity,
  getOperatorPool,
  getOperatorSetMembers,
  type ReadClient,
} from "@palisade/sdk";
import { accounts } from "@palisade/testkit";
import type { Address } from "viem";
import { getBlock, getContractEvents, readContract } from "viem/actions";
import { type AvsView, readAvs } from "./avsSnapshot.ts";
import { type MarketplaceView, readMarketplace } from "./marketplaceSummary.ts";

/** One strategy with its token and how much it holds. */
export interface StrategyView {
  symbol: string;
  decimals: number;
  token: Address;
  strategy: Address;
  totalShares: bigint;
  /** Underlying tokens the strategy holds for its shares (`sharesToUnderlyingView(totalShares)`). */
  underlying: bigint;
}

/** An operator's position in one strategy; amounts in underlying tokens. */
export interface OperatorStrategyView {
  symbol: string;
  delegated: bigint;
  /** currentMagnitude / maxMagnitude as a WAD: the share of its stake allocated to the set. */
  allocatedShareWad: bigint;
  allocated: bigint;
  /** A queued allocation change, as a WAD share of max magnitude (negative: decrease). */
  pending?: { diffWad: bigint; effectBlock: number };
}

export interface OperatorView {
  address: Address;
  strategies: OperatorStrategyView[];
}

export interface OperatorSetView {
  id: number;
  avs: Address;
  slasher: Address;
  members: Address[];
  /** π, α, γ as set by the AVS; π = 0 and α = 0 mean no config was declared. */
  config: {
    profitFromCorruption: bigint;
    corruptionThresholdWad: bigint;
    gammaWad: bigint;
    enforceOnDeallocation: boolean;
  };
  security: { allocatedValue: bigint; costOfCorruption: bigint; requiredCost: bigint; secure: boolean };
  critical: Address[];
}

export interface RewardStreamView {
  operatorSetId: number;
  strategySymbol: string;
  tokenSymbol: string;
  tokenDecimals: number;
  /** Tokens per second × 1e18, in the token's base units (as the contract stores it). */
  ratePerSecond: bigint;
  /** Unix seconds the stream ends (moves out while the stream has no weight). */
  finish: number;
}

export interface AccountView {
  role: string;
  address: Address;
  /** Address index under anvil's default mnemonic (m/44'/60'/0'/0/<index>). */
  keyIndex: number;
}

/** Everything the ready summary shows, read once from the chain. */
export interface DevnetSnapshot {
  rpcUrl: string;
  chainId: number;
  block: bigint;
  /** Timestamp of `block` (unix seconds): "now" on the chain. */
  blockTime: number;
  anvilPid: number;
  stateDir: string;
  deploymentFile: string;
  resumed: boolean;
  delays: Deployment["delays"];
  contracts: Record<string, Address>;
  strategies: StrategyView[];
  operators: OperatorView[];
  operatorSet?: OperatorSetView;
  rewards: RewardStreamView[];
  accounts: AccountView[];
  /** Palisade's AVS, when deployed. */
  avs?: AvsView;
  /** The marketplace, when deployed. */
  marketplace?: MarketplaceView;
  /** The demo DEX, when deployed. */
  dex?: DexDeployment;
  /** Child processes the devnet runs (operator nodes, the aggregator), filled in by main. */
  services?: ServiceView[];
}

export interface ServiceView {
  name: string;
  pid: number;
  url: string;
}

export interface SnapshotInfo {
  anvilPid: number;
  stateDir: string;
  deploymentFile: string;
  resumed: boolean;
  /** Where the operators' keystores are (shown with the AVS). */
  keys?: { keysDir: string; passwordFile: string };
}

/** The seeded accounts by role, with their mnemonic index. */
export function namedAccounts(): AccountView[] {
  const named = accounts();
  const roles = [
    ["deployer", named.deployer],
    ["pauser", named.pauser],
    ["avs", named.avs],
    ["slasher", named.slasher],
    ...named.operators.map((account, i) => [`operator ${i}`, account] as const),
    ...named.stakers.map((account, i) => [`staker ${i}`, account] as const),
    // The first three AVS operators are the seeded ones, listed above.
    ...named.avsOperators
      .slice(named.operators.length)
      .map((account, i) => [`operator ${named.operators.length + i}`, account] as const),
    ["submitter", named.submitter],
    ...named.providers.map((account, i) => [`provider${i}`, account] as const),
    ...named.consumers.map((account, i) => [`consumer${i}`, account] as const),
  ] as const;
  return roles.map(([role, account]) => ({
    role,
    address: account.address,
    keyIndex: account.getHdKey().index,
  }));
}

/** Reads what the summary shows: strategies, operators of the seeded set, its security, reward streams. */
export async function readSnapshot(
  client: ReadClient,
  deployment: Deployment,
  info: SnapshotInfo,
): Promise<DevnetSnapshot> {
  const contracts = deployment.contracts;
  const block = await getBlock(client, { blockTag: "latest" });
  const blockNumber = block.number;
  const strategies = await Promise.all(
    Object.entries(deployment.strategies).map(async ([symbol, { token, strategy }]) => {
      const [decimals, totalShares] = await Promise.all([
        readContract(client, { address: token, abi: mockLstAbi, functionName: "decimals", blockNumber }),
        readContract(client, {
          address: strategy,
          abi: strategyAbi,
          functionName: "totalShares",
          blockNumber,
        }),
      ]);
      const underlying = await toUnderlying(client, strategy, totalShares, blockNumber);
      return { symbol, decimals, token, strategy, totalShares, underlying };
    }),
  );

  const { keys, ...rest } = info;
  const snapshot: DevnetSnapshot = {
    rpcUrl: deployment.rpcUrl,
    chainId: deployment.chainId,
    block: blockNumber,
    blockTime: Number(block.timestamp),
    ...rest,
    delays: deployment.delays,
    contracts: { ...contracts },
    strategies,
    operators: [],
    rewards: await readRewardStreams(client, deployment, strategies),
    accounts: namedAccounts(),
  };
  const avs = keys && (await readAvs(client, deployment, blockNumber, keys));
  if (avs) snapshot.avs = avs;
  const marketplace = await readMarketplace(client, deployment);
  if (marketplace) snapshot.marketplace = marketplace;
  if (deployment.dex) snapshot.dex = deployment.dex;

  const operatorSet = deployment.operatorSet;
  if (!operatorSet) return snapshot;
  const strategyAddresses = strategies.map((entry) => entry.strategy);
  const members = await getOperatorSetMembers(client, { contracts, operatorSet });
  const allocatedShares = await getAllocatedStake(client, {
    contracts,
    operatorSet,
    operators: members,
    strategies: strategyAddresses,
  });
  snapshot.operators = await Promise.all(
    members.map(async (operator, i) => ({
      address: operator,
      strategies: await Promise.all(
        strategies.map(async ({ symbol, strategy }, j): Promise<OperatorStrategyView> => {
          const [pool, allocation] = await Promise.all([
            getOperatorPool(client, { contracts, operator, strategy }),
            getAllocation(client, { contracts, operator, operatorSet, strategy }),
          ]);
          const [delegated, allocated] = await Promise.all([
            toUnderlying(client, strategy, pool.activeShares, blockNumber),
            toUnderlying(client, strategy, allocatedShares[i]?.[j] ?? 0n, blockNumber),
          ]);
          const max = allocation.maxMagnitude;
          const view: OperatorStrategyView = {
            symbol,
            delegated,
            allocatedShareWad: max === 0n ? 0n : (allocation.currentMagnitude * 10n ** 18n) / max,
            allocated,
          };
          if (allocation.pendingDiff !== 0n && max !== 0n) {
            view.pending = {
              diffWad: (allocation.pendingDiff * 10n ** 18n) / max,
              effectBlock: allocation.effectBlock,
            };
          }
          return view;
        }),
      ),
    })),
  );

  const am = { address: contracts.allocationManager, abi: allocationManagerAbi } as const;
  const [slasher, config, security, critical] = await Promise.all([
    readContract(client, { ...am, functionName: "getSlasher", args: [operatorSet] }),
    readContract(client, { ...am, functionName: "getEconomicSecurityConfig", args: [operatorSet] }),
    getEconomicSecurity(client, { contracts, operatorSet }),
    readContract(client, { ...am, functionName: "getCriticalOperators", args: [operatorSet] }),
  ]);
  snapshot.operatorSet = {
    id: operatorSet.id,
    avs: operatorSet.avs,
    slasher,
    members: [...members],
    config: {
      profitFromCorruption: config.profitFromCorruption,
      corruptionThresholdWad: config.corruptionThresholdWad,
      gammaWad: config.gammaWad,
      enforceOnDeallocation: config.enforceOnDeallocation,
    },
    security,
    critical: [...critical],
  };
  return snapshot;
}

const toUnderlying = (client: ReadClient, strategy: Address, shares: bigint, blockNumber: bigint) =>
  shares === 0n
    ? Promise.resolve(0n)
    : readContract(client, {
        address: strategy,
        abi: strategyAbi,
        functionName: "sharesToUnderlyingView",
        args: [shares],
        blockNumber,
      });

/**
 * Every stream funded since the deployment, found from its `RewardsSubmissionCreated` events (a
 * top-up emits again, so streams are deduplicated by id) and read as it stands now.
 */
async function readRewardStreams(
  client: ReadClient,
  deployment: Deployment,
  strategies: readonly StrategyView[],
): Promise<RewardStreamView[]> {
  const address = deployment.contracts.rewardsCoordinator;
  const events = await getContractEvents(client, {
    address,
    abi: rewardsCoordinatorAbi,
    eventName: "RewardsSubmissionCreated",
    fromBlock: BigInt(deployment.deployedAtBlock),
    strict: true,
  });
  const streams = new Map<string, (typeof events)[number]["args"]["submission"]>();
  for (const event of events) streams.set(event.args.streamId, event.args.submission);
  return Promise.all(
    [...streams.values()].map(async (submission) => {
      const [[ratePerSecond, finish], tokenSymbol, tokenDecimals] = await Promise.all([
        readContract(client, {
          address,
          abi: rewardsCoordinatorAbi,
          functionName: "getStream",
          args: [submission.operatorSet, submission.strategy, submission.token],
        }),
        readContract(client, { address: submission.token, abi: mockLstAbi, functionName: "symbol" }),
        readContract(client, { address: submission.token, abi: mockLstAbi, functionName: "decimals" }),
      ]);
      const strategySymbol =
        strategies.find((entry) => entry.strategy === submission.strategy)?.symbol ?? submission.strategy;
      return {
        operatorSetId: submission.operatorSet.id,
        strategySymbol,
        tokenSymbol,
        tokenDecimals,
        ratePerSecond,
        finish: Number(finish),
      };
    }),
  );
}
