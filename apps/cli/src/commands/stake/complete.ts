import { mockLstAbi } from "@palisade/abis";
import { completeQueuedWithdrawal, getQueuedWithdrawals, type QueuedWithdrawalView } from "@palisade/sdk";
import { type Address, type Hash, type Hex, isAddressEqual } from "viem";
import { getBlockNumber, readContract } from "viem/actions";
import { z } from "zod";
import { formatToken } from "../../amounts.ts";
import { NoQueuedWithdrawalError, WithdrawalNotReadyError } from "../../errors.ts";
import { blocksUntil, type StakeToken, stakeToken } from "../restaking.ts";
import { defineCommand } from "../types.ts";

export const stakeComplete = defineCommand({
  summary: "complete your queued withdrawals that are ready; say how many blocks the others need",
  description:
    "Completes each queued withdrawal past its delay (one transaction each) and pays its tokens back;\n" +
    "--root picks one. The others are listed with the block they complete in and how far that is. With\n" +
    "none ready it fails with WithdrawalNotReadyError, saying when to rerun.",
  example: "npx palisade stake complete --account staker0",
  options: {
    root: {
      type: "string",
      placeholder: "0x…",
      description: "complete only this withdrawal (the root `stake withdraw` printed)",
      schema: z
        .string()
        .regex(/^0x[0-9a-fA-F]{64}$/, { message: "--root must be a 32-byte hex root (0x…)" })
        .transform((value) => value.toLowerCase() as Hex)
        .optional(),
    },
  },
  async run(context, args) {
    const [wallet, deployment] = await Promise.all([context.wallet(), context.deployment()]);
    const { contracts } = deployment;
    const staker = wallet.account.address;
    const all = await getQueuedWithdrawals(wallet, { contracts, staker });
    const queued =
      args.root === undefined ? all : all.filter((entry) => entry.root.toLowerCase() === args.root);
    if (queued.length === 0) throw new NoQueuedWithdrawalError(staker, args.root);
    const block = await getBlockNumber(wallet, { cacheTime: 0 });
    const ready = queued.filter((entry) => entry.completable);
    const waiting = queued.filter((entry) => !entry.completable);
    const pending = waiting.map((entry) => ({
      root: entry.root,
      completableBlock: entry.completableBlock,
      blocksLeft: blocksUntil(entry.completableBlock, block),
    }));
    if (ready.length === 0) {
      const first = [...pending].sort((a, b) => a.completableBlock - b.completableBlock)[0];
      throw new WithdrawalNotReadyError(pending.length, first?.completableBlock ?? 0, first?.blocksLeft ?? 0);
    }
    const tokens = new Map<Address, StakeToken>();
    for (const symbol of Object.keys(deployment.strategies)) {
      const token = await stakeToken(wallet, deployment, symbol);
      tokens.set(token.strategy, token);
    }
    const completed: { root: Hex; paid: { token: string; amount: bigint }[]; transaction: Hash }[] = [];
    for (const [index, withdrawal] of ready.entries()) {
      context.progress(`completing withdrawal ${index + 1}/${ready.length} ${withdrawal.root}`);
      const paying = payingTokens(withdrawal, tokens);
      const before = await balances(wallet, paying, staker);
      const { hash } = await completeQueuedWithdrawal(wallet, { contracts, root: withdrawal.root });
      const after = await balances(wallet, paying, staker);
      completed.push({
        root: withdrawal.root,
        paid: paying.map((token, i) => ({
          token: token.symbol,
          amount: (after[i] ?? 0n) - (before[i] ?? 0n),
        })),
        transaction: hash,
      });
    }
    const decimalsOf = new Map([...tokens.values()].map((token) => [token.symbol, token.decimals]));
    const paidText = (paid: { token: string; amount: bigint }[]) =>
      paid
        .map((entry) => formatToken(entry.amount, decimalsOf.get(entry.token) ?? 18, entry.token))
        .join(", ");
    return {
      data: { staker, block, completed, pending },
      text: [
        ...completed.map(
          (entry) =>
            `completed ${entry.root}: paid ${paidText(entry.paid)}\n  transaction ${entry.transaction}`,
        ),
        ...(pending.length === 0
          ? []
          : [
              `still in the withdrawal delay (${pending.length}):`,
              ...pending.map(
                (entry) =>
                  `  ${entry.root}  block ${entry.completableBlock} (${entry.blocksLeft} blocks from now)`,
              ),
            ]),
      ].join("\n"),
    };
  },
});

/** The tokens a withdrawal pays, one per strategy it holds (strategies the deployment does not list are skipped). */
function payingTokens(
  withdrawal: QueuedWithdrawalView,
  tokens: ReadonlyMap<Address, StakeToken>,
): StakeToken[] {
  return withdrawal.strategies.flatMap((strategy) => {
    const token = [...tokens.values()].find((entry) => isAddressEqual(entry.strategy, strategy));
    return token ? [token] : [];
  });
}

function balances(
  client: Parameters<typeof readContract>[0],
  tokens: readonly StakeToken[],
  owner: Address,
): Promise<bigint[]> {
  return Promise.all(
    tokens.map((token) =>
      readContract(client, {
        address: token.token,
        abi: mockLstAbi,
        functionName: "balanceOf",
        args: [owner],
      }),
    ),
  );
}
