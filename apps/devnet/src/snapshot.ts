import type { Deployment, DexDeployment, ReadClient } from "@palisade/sdk";
import { accounts } from "@palisade/testkit";
import {
  type OperatorSetView,
  type OperatorView,
  type RewardStreamView,
  readOperatorSet,
  readOperators,
  readRewardStreams,
  readStrategies,
  type StrategyView,
} from "@palisade/views";
import type { Address } from "viem";
import { getBlock } from "viem/actions";
import { type AvsView, readAvs } from "./avsSnapshot.ts";
import { type GovernanceView, readGovernance } from "./governanceSummary.ts";
import { type MarketplaceView, readMarketplace } from "./marketplaceSummary.ts";

// The network's views live in @palisade/views (the CLI's `palisade status` reads the same).
export type {
  OperatorSetView,
  OperatorStrategyView,
  OperatorView,
  RewardStreamView,
  StrategyView,
} from "@palisade/views";

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
  /** Governance, when deployed. */
  governance?: GovernanceView;
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
    ["committee", named.vetoCommittee],
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
  const strategies = await readStrategies(client, deployment, blockNumber);

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
  const governance = await readGovernance(
    client,
    deployment,
    snapshot.accounts.map((account) => account.address),
  );
  if (governance) snapshot.governance = governance;

  const operatorSet = deployment.operatorSet;
  if (!operatorSet) return snapshot;
  const set = await readOperatorSet(client, contracts, operatorSet);
  snapshot.operators = await readOperators(client, deployment, {
    operatorSet,
    operators: set.members,
    strategies,
    blockNumber,
  });
  snapshot.operatorSet = set;
  return snapshot;
}
