import { allocationManagerAbi, delegationManagerAbi } from "@palisade/abis";
import {
  type Deployment,
  getAllocatableMagnitude,
  getAllocation,
  modifyAllocations,
  type OperatorSet,
  UnknownStrategyError,
  WAD,
} from "@palisade/sdk";
import {
  type Account,
  type Address,
  type Chain,
  type Hash,
  isAddressEqual,
  type Transport,
  type WalletClient,
} from "viem";
import { getBlockNumber, readContract } from "viem/actions";
import {
  AllocationPendingError,
  MagnitudeUnavailableError,
  NotInOperatorSetError,
  NotOperatorError,
} from "../../errors.ts";
import { fractionSchema, strategySharesSchema } from "../../options.ts";
import { sharePercent, table } from "../../output/format.ts";
import { blocksUntil, palisadeSet, strategySymbol } from "../restaking.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

/** An allocation of one strategy after the command: what is in force and what is pending. */
export interface AllocationRow {
  symbol: string;
  strategy: Address;
  /** Shares of the stake (WAD, magnitude ÷ max magnitude). */
  currentShare: bigint;
  targetShare: bigint;
  /** The block the pending change takes effect in, and how far that is; null when nothing is pending. */
  effectBlock: number | null;
  blocksLeft: number | null;
  /** Whether this run changed it. */
  changed: boolean;
}

/** Throws NotOperatorError or NotInOperatorSetError unless `operator` may allocate to `operatorSet`. */
export async function assertSetMember(
  wallet: WalletClient<Transport, Chain, Account>,
  deployment: Deployment,
  operator: Address,
  operatorSet: OperatorSet,
): Promise<void> {
  const [isOperator, member] = await Promise.all([
    readContract(wallet, {
      address: deployment.contracts.delegationManager,
      abi: delegationManagerAbi,
      functionName: "isOperator",
      args: [operator],
    }),
    readContract(wallet, {
      address: deployment.contracts.allocationManager,
      abi: allocationManagerAbi,
      functionName: "isMemberOfOperatorSet",
      args: [operator, operatorSet],
    }),
  ]);
  if (!isOperator) throw new NotOperatorError(operator);
  if (!member) throw new NotInOperatorSetError(operator, operatorSet);
}

export const operatorAllocate = defineCommand({
  summary: "set the share of your stake allocated to Palisade's operator set, per strategy",
  description:
    "--share applies one share (0.5 or 50%) to every strategy of the set; --strategy <symbol>=<share>\n" +
    "sets one (repeat it; it overrides --share for that strategy). A share is of your delegated stake in\n" +
    "the strategy (magnitude ÷ max magnitude). Raises take effect after the allocation delay, cuts after the\n" +
    "deallocation delay (the old allocation stays slashable until then); the output shows each pending\n" +
    "change and its effect block. Strategies already at their target, or pending towards it, are left alone;\n" +
    "one change at a time per strategy. All changes go in one transaction.",
  example: "npx palisade operator allocate --account operator3 --share 0.6 --strategy stETH=40%",
  options: {
    share: {
      type: "string",
      placeholder: "share",
      description: "the share of the stake for every strategy of the set: 0.5 or 50%",
      schema: fractionSchema("--share").optional(),
    },
    strategy: {
      type: "string",
      multiple: true,
      placeholder: "symbol=share",
      description: "the share for one strategy, e.g. stETH=0.25 (repeatable)",
      schema: strategySharesSchema("--strategy"),
    },
  },
  requireOneOf: [["share", "strategy"]],
  async run(context, args) {
    const [wallet, deployment] = await Promise.all([context.wallet(), context.deployment()]);
    const { contracts } = deployment;
    const operator = wallet.account.address;
    const operatorSet = palisadeSet(deployment);
    await assertSetMember(wallet, deployment, operator, operatorSet);
    const setStrategies = await readContract(wallet, {
      address: contracts.allocationManager,
      abi: allocationManagerAbi,
      functionName: "getStrategiesInOperatorSet",
      args: [operatorSet],
    });
    const symbols = setStrategies.map((strategy) => strategySymbol(deployment, strategy));
    for (const { symbol } of args.strategy) {
      if (!symbols.includes(symbol)) throw new UnknownStrategyError(symbol, symbols);
    }
    const targets = setStrategies.flatMap((strategy, index) => {
      const symbol = symbols[index] ?? strategy;
      const share = args.strategy.find((entry) => entry.symbol === symbol)?.wad ?? args.share;
      return share === undefined ? [] : [{ strategy, symbol, share }];
    });

    // Checked before sending: one revert would refuse every strategy's change.
    const block = await getBlockNumber(wallet, { cacheTime: 0 });
    const changes: { strategy: Address; magnitude: bigint }[] = [];
    for (const { strategy, symbol, share } of targets) {
      const current = await getAllocation(wallet, { contracts, operator, operatorSet, strategy });
      const max = current.maxMagnitude;
      // The target magnitude: the share of what the operator still has (a slash lowers max magnitude).
      const magnitude = (share * max) / WAD;
      if (current.pendingDiff !== 0n) {
        if (current.currentMagnitude + current.pendingDiff === magnitude) continue;
        throw new AllocationPendingError(
          symbol,
          current.effectBlock,
          blocksUntil(current.effectBlock, block),
        );
      }
      if (current.currentMagnitude === magnitude) continue;
      if (magnitude > current.currentMagnitude) {
        const free = await getAllocatableMagnitude(wallet, { contracts, operator, strategy });
        if (magnitude - current.currentMagnitude > free) {
          const toShare = (value: bigint) => (max === 0n ? 0n : (value * WAD) / max);
          throw new MagnitudeUnavailableError(
            symbol,
            toShare(magnitude - current.currentMagnitude),
            toShare(free),
            toShare(current.currentMagnitude),
          );
        }
      }
      changes.push({ strategy, magnitude });
    }
    let hash: Hash | undefined;
    if (changes.length > 0) {
      context.progress(
        `setting ${changes.length} allocation${changes.length === 1 ? "" : "s"} to operator set ${operatorSet.id} in one transaction`,
      );
      ({ hash } = await modifyAllocations(wallet, {
        contracts,
        allocations: [
          {
            operatorSet,
            strategies: changes.map((change) => change.strategy),
            newMagnitudes: changes.map((change) => change.magnitude),
          },
        ],
      }));
    }
    const now = await getBlockNumber(wallet, { cacheTime: 0 });
    const rows: AllocationRow[] = await Promise.all(
      targets.map(async ({ strategy, symbol }) => {
        const after = await getAllocation(wallet, { contracts, operator, operatorSet, strategy });
        const toShare = (value: bigint) =>
          after.maxMagnitude === 0n ? 0n : (value * WAD) / after.maxMagnitude;
        const pending = after.pendingDiff !== 0n;
        return {
          symbol,
          strategy,
          currentShare: toShare(after.currentMagnitude),
          targetShare: toShare(after.currentMagnitude + after.pendingDiff),
          effectBlock: pending ? after.effectBlock : null,
          blocksLeft: pending ? blocksUntil(after.effectBlock, now) : null,
          changed: changes.some((change) => isAddressEqual(change.strategy, strategy)),
        };
      }),
    );
    const pendingRows = rows.filter((row) => row.effectBlock !== null);
    return {
      data: {
        operator,
        operatorSet,
        block: now,
        transaction: hash ?? null,
        allocations: rows,
      },
      text: [
        changes.length === 0
          ? `nothing to change: every allocation of ${operator} to operator set ${operatorSet.id} is at its target or pending towards it`
          : `${operator} allocated to operator set ${operatorSet.id} (block ${now})`,
        table(
          ["strategy", "in force", "target", "pending until", ""],
          rows.map((row) => [
            row.symbol,
            sharePercent(row.currentShare),
            sharePercent(row.targetShare),
            row.effectBlock === null ? "-" : `block ${row.effectBlock} (${row.blocksLeft} blocks)`,
            row.changed ? "changed now" : "",
          ]),
        ),
        ...(pendingRows.length > 0
          ? [
              "raises count after the allocation delay, cuts after the deallocation delay (until then the old share stays slashable);",
              "the registry counts the new stake once anyone records it (OperatorRegistry.updateStakes, see `operator status`)",
            ]
          : []),
        transactionLines([["modifyAllocations", hash]], "operator status"),
      ].join("\n"),
    };
  },
});
