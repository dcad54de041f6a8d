import {
  type Deployment,
  getAllocatedStake,
  getAllocation,
  getOperatorPool,
  type OperatorSet,
  type ReadClient,
  WAD,
} from "@palisade/sdk";
import type { Address } from "viem";
import { formatPercent, row, tokenCell } from "./format.ts";
import { type StrategyView, toUnderlying } from "./strategies.ts";

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

/**
 * Each operator's delegated stake, its allocation to `operatorSet` and any pending change, per
 * strategy (amounts in underlying tokens at `blockNumber`).
 */
export async function readOperators(
  client: ReadClient,
  deployment: Deployment,
  parameters: {
    operatorSet: OperatorSet;
    operators: readonly Address[];
    strategies: readonly StrategyView[];
    blockNumber: bigint;
  },
): Promise<OperatorView[]> {
  const { contracts } = deployment;
  const { operatorSet, operators, strategies, blockNumber } = parameters;
  if (operators.length === 0) return [];
  const allocatedShares = await getAllocatedStake(client, {
    contracts,
    operatorSet,
    operators,
    strategies: strategies.map((entry) => entry.strategy),
  });
  return Promise.all(
    operators.map(async (operator, i) => ({
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
            allocatedShareWad: max === 0n ? 0n : (allocation.currentMagnitude * WAD) / max,
            allocated,
          };
          if (allocation.pendingDiff !== 0n && max !== 0n) {
            view.pending = {
              diffWad: (allocation.pendingDiff * WAD) / max,
              effectBlock: allocation.effectBlock,
            };
          }
          return view;
        }),
      ),
    })),
  );
}

/** `+10.0 % at block 62`, or `none`. */
export function formatPending(pending: OperatorStrategyView["pending"]): string {
  return pending
    ? `${pending.diffWad > 0n ? "+" : ""}${formatPercent(pending.diffWad)} at block ${pending.effectBlock}`
    : "none";
}

/**
 * One block per operator: its name, then a row per strategy with the delegated stake, the share
 * allocated to the set, the allocated stake and the pending change. Fits 100 columns.
 */
export function renderOperatorStakes(
  operators: readonly OperatorView[],
  strategies: readonly Pick<StrategyView, "symbol" | "decimals">[],
  named: (address: Address) => string,
): string[] {
  const decimalsOf = new Map(strategies.map((s) => [s.symbol, s.decimals]));
  const tokens = (view: OperatorStrategyView, value: bigint) =>
    tokenCell(value, decimalsOf.get(view.symbol) ?? 18, view.symbol);
  const lines: string[] = [];
  if (operators.length === 0) lines.push("  none");
  for (const operator of operators) {
    lines.push(
      `  ${named(operator.address)}`,
      row([
        ["    strategy", 12],
        ["delegated", -13],
        ["", 6],
        ["magnitude", -10],
        ["allocated", -13],
        ["", 6],
        ["pending change", 0],
      ]),
    );
    for (const view of operator.strategies) {
      lines.push(
        row([
          [`    ${view.symbol}`, 12],
          [tokens(view, view.delegated), 20],
          [formatPercent(view.allocatedShareWad), -10],
          [tokens(view, view.allocated), 20],
          [formatPending(view.pending), 0],
        ]),
      );
    }
  }
  return lines;
}
