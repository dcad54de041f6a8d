import { allocationManagerAbi, delegationManagerAbi, mockLstAbi, strategyAbi } from "@palisade/abis";
import type { Abi, Address, Hex } from "viem";
import { readContract } from "viem/actions";
import type { EventLog, EventQuery } from "../chain/events.ts";
import { getAllocation, getCriticalOperators, getEconomicSecurity, getOperatorPool } from "../chain/sdk.ts";
import type { AppContextValue } from "../context.tsx";

export interface OperatorSetRef {
  avs: Address;
  id: number;
}

export const setKey = (set: OperatorSetRef) => `${set.avs.toLowerCase()}:${set.id}`;

export interface StrategyInfo {
  symbol: string;
  strategy: Address;
  token: Address;
  decimals: number;
}

export interface AllocationView {
  set: OperatorSetRef;
  strategy: Address;
  /** currentMagnitude / maxMagnitude as a WAD. */
  shareWad: bigint;
  /** Underlying tokens allocated now. */
  allocated: bigint;
  pending: { diffWad: bigint; effectBlock: number } | undefined;
}

export interface OperatorView {
  operator: Address;
  /** Per strategy: active (delegated) and queued-for-withdrawal stake, in underlying tokens. */
  stake: { strategy: Address; delegated: bigint; queued: bigint }[];
  allocations: AllocationView[];
  sets: OperatorSetRef[];
}

export interface SetView {
  set: OperatorSetRef;
  slasher: Address;
  members: Address[];
  config: {
    profitFromCorruption: bigint;
    corruptionThresholdWad: bigint;
    gammaWad: bigint;
    enforceOnDeallocation: boolean;
  };
  security: { allocatedValue: bigint; costOfCorruption: bigint; requiredCost: bigint; secure: boolean };
  critical: Address[];
  memberValues: { operator: Address; allocatedValue: bigint }[];
}

export interface RestakingState {
  strategies: StrategyInfo[];
  operators: OperatorView[];
  sets: SetView[];
}

const WAD = 10n ** 18n;

export function coreEvent(
  app: AppContextValue,
  contract: "delegationManager" | "allocationManager",
  eventName: string,
): EventQuery {
  const { deployment } = app.config;
  return {
    address: deployment.contracts[contract],
    abi: (contract === "delegationManager" ? delegationManagerAbi : allocationManagerAbi) as Abi,
    eventName,
    fromBlock: BigInt(deployment.deployedAtBlock),
  };
}

async function toUnderlying(app: AppContextValue, strategy: Address, shares: bigint): Promise<bigint> {
  if (shares === 0n) return 0n;
  return readContract(app.client, {
    address: strategy,
    abi: strategyAbi,
    functionName: "sharesToUnderlyingView",
    args: [shares],
  });
}

/**
 * Every operator (from OperatorRegistered) with its delegated stake per strategy and its allocations
 * to each operator set it is registered for, and every operator set (from OperatorSetCreated) with its
 * economic security: U, α·U, (1+γ)·π, the members' allocated values and the critical members.
 */
export async function loadRestaking(
  app: AppContextValue,
  operators: Address[],
  sets: OperatorSetRef[],
): Promise<RestakingState> {
  const { deployment } = app.config;
  const { client } = app;
  const contracts = deployment.contracts;
  const am = { address: contracts.allocationManager, abi: allocationManagerAbi } as const;
  const strategies = await Promise.all(
    Object.entries(deployment.strategies).map(async ([symbol, entry]) => ({
      symbol,
      strategy: entry.strategy,
      token: entry.token,
      decimals: Number(
        await readContract(client, { address: entry.token, abi: mockLstAbi, functionName: "decimals" }),
      ),
    })),
  );
  const operatorViews = await Promise.all(
    operators.map(async (operator): Promise<OperatorView> => {
      const [stake, registered] = await Promise.all([
        Promise.all(
          strategies.map(async ({ strategy }) => {
            const pool = await getOperatorPool(client, { contracts, operator, strategy });
            const [delegated, queued] = await Promise.all([
              toUnderlying(app, strategy, pool.activeShares),
              toUnderlying(app, strategy, pool.queuedShares),
            ]);
            return { strategy, delegated, queued };
          }),
        ),
        readContract(client, { ...am, functionName: "getRegisteredSets", args: [operator] }),
      ]);
      const setRefs = registered.map((set) => ({ avs: set.avs, id: Number(set.id) }));
      const allocations = (
        await Promise.all(
          setRefs.map(async (set) => {
            const shares = await readContract(client, {
              ...am,
              functionName: "getAllocatedStake",
              args: [set, [operator], strategies.map((entry) => entry.strategy)],
            });
            return Promise.all(
              strategies.map(async ({ strategy }, index): Promise<AllocationView> => {
                const allocation = await getAllocation(client, {
                  contracts,
                  operator,
                  operatorSet: set,
                  strategy,
                });
                const max = allocation.maxMagnitude;
                return {
                  set,
                  strategy,
                  shareWad: max === 0n ? 0n : (allocation.currentMagnitude * WAD) / max,
                  allocated: await toUnderlying(app, strategy, shares[0]?.[index] ?? 0n),
                  pending:
                    allocation.pendingDiff !== 0n && max !== 0n
                      ? { diffWad: (allocation.pendingDiff * WAD) / max, effectBlock: allocation.effectBlock }
                      : undefined,
                };
              }),
            );
          }),
        )
      ).flat();
      return { operator, stake, allocations, sets: setRefs };
    }),
  );
  const setViews = await Promise.all(
    sets.map(async (set): Promise<SetView> => {
      const [slasher, members, config, security, critical] = await Promise.all([
        readContract(client, { ...am, functionName: "getSlasher", args: [set] }),
        readContract(client, { ...am, functionName: "getMembers", args: [set] }),
        readContract(client, { ...am, functionName: "getEconomicSecurityConfig", args: [set] }),
        getEconomicSecurity(client, { contracts, operatorSet: set }),
        getCriticalOperators(client, { contracts, operatorSet: set }),
      ]);
      const memberValues = await Promise.all(
        members.map(async (operator) => ({
          operator,
          allocatedValue: await readContract(client, {
            ...am,
            functionName: "getOperatorAllocatedValue",
            args: [set, operator],
          }),
        })),
      );
      return {
        set,
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
        memberValues,
      };
    }),
  );
  return { strategies, operators: operatorViews, sets: setViews };
}

export interface WithdrawalView {
  root: Hex;
  staker: Address;
  operator: Address;
  startBlock: number;
  completableBlock: number;
  /** Per strategy: shares it will pay now (after any slash since it was queued). */
  strategies: { strategy: Address; shares: bigint }[];
}

/** Queued withdrawals not yet completed (WithdrawalQueued minus WithdrawalCompleted), as they stand now. */
export async function loadQueuedWithdrawals(
  app: AppContextValue,
  queued: EventLog[],
  completed: EventLog[],
): Promise<WithdrawalView[]> {
  const done = new Set(completed.map((log) => String(log.args.root)));
  const open = queued.filter((log) => !done.has(String(log.args.root)));
  return Promise.all(
    open.map(async (log) => {
      const root = log.args.root as Hex;
      const [withdrawal, shares] = await readContract(app.client, {
        address: app.config.deployment.contracts.delegationManager,
        abi: delegationManagerAbi,
        functionName: "getQueuedWithdrawal",
        args: [root],
      });
      return {
        root,
        staker: withdrawal.staker,
        operator: withdrawal.operator,
        startBlock: Number(withdrawal.startBlock),
        completableBlock: Number(withdrawal.completableBlock),
        strategies: withdrawal.strategies.map((strategy, index) => ({
          strategy,
          shares: shares[index] ?? 0n,
        })),
      };
    }),
  );
}
