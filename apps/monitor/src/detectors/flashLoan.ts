/**
 * flash-loan-exploit@1 — borrow, manipulate, drain, repay, all in one transaction.
 *
 * Needs the call trace. A loan is a callback frame the lender calls on the borrower — ERC-3156
 * `onFlashLoan`, Uniswap V2 `uniswapV2Call`, Aave `executeOperation` — preceded (inside the lender's
 * frame) by a transfer from the lender to the borrower and followed by a transfer back. Inside the
 * callback the detector looks for a manipulation (a swap through a Uniswap V2 pair other than the
 * lender: the spot price a protocol reads has moved) and for value leaving a watched contract. Both →
 * critical; value out without a swap → high (a flash-loan-funded drain by other means); a swap
 * without value out of a watched contract is arbitrage, not an alert. Facts: the swapped pairs'
 * reserves at `stateBlock`. Key: lender and receiver.
 */
import type { Address } from "viem";
import type { AlertDraft, EvidenceOf } from "../alert.ts";
import {
  flashCallbacks,
  swapEvents,
  syncEvents,
  type ValueTransfer,
  valueTransfers,
} from "../chain/decode.ts";
import type { CallNode, TxObservation } from "../chain/observation.ts";
import { labelOf } from "../watch.ts";
import { bps, type DetectorContext, draftAlert, type TxDetector } from "./detector.ts";

interface Loan {
  kind: "erc3156" | "uniswap-v2" | "aave";
  lender: Address;
  receiver: Address;
  callback: CallNode;
  asset: Address;
  amount: bigint;
  repaid: bigint;
  repaidAsset: Address;
}

/** Reserves at `stateBlock` of the pairs swapped through inside a loan, by pair. */
export type FlashLoanFacts = ReadonlyMap<Address, readonly [bigint, bigint] | null>;

const id = { type: "flash-loan-exploit", version: 1 } as const;

/** The nearest frame enclosing `frame` that is a call into `lender` (the lender's own frame). */
function lenderFrame(calls: readonly CallNode[], frame: CallNode, lender: Address): CallNode | undefined {
  for (let at = frame.parent; at !== null; at = calls[at]?.parent ?? null) {
    const candidate = calls[at];
    if (candidate?.to === lender && candidate.type !== "DELEGATECALL") return candidate;
  }
  return undefined;
}

/** Every flash loan of the transaction (borrowed and repaid), in execution order. */
export function findLoans(obs: TxObservation, transfers: readonly ValueTransfer[]): Loan[] {
  const loans: Loan[] = [];
  for (const callback of obs.calls) {
    if (callback.reverted || callback.to === null || callback.selector === null) continue;
    const kind = flashCallbacks[callback.selector];
    if (kind === undefined) continue;
    const lender = callback.from;
    const receiver = callback.to;
    const outer = lenderFrame(obs.calls, callback, lender);
    const start = outer?.enter ?? -1;
    const end = outer?.exit ?? Number.MAX_SAFE_INTEGER;
    const borrowed = transfers.filter(
      (t) =>
        t.from === lender &&
        t.to === receiver &&
        t.asset !== "native" &&
        t.seq > start &&
        t.seq < callback.enter,
    );
    const first = borrowed[0];
    if (first === undefined || first.asset === "native") continue;
    const asset = first.asset;
    const amount = borrowed.filter((t) => t.asset === asset).reduce((sum, t) => sum + t.amount, 0n);
    const back = transfers.filter(
      (t) => t.from === receiver && t.to === lender && t.seq > callback.enter && t.seq < end,
    );
    let repaidAsset: Address = asset;
    let repaid = back.filter((t) => t.asset === asset).reduce((sum, t) => sum + t.amount, 0n);
    // A Uniswap V2 flash swap may be repaid in the pair's other token.
    const other = back.find((t) => t.asset !== asset && t.asset !== "native");
    if (repaid === 0n && kind === "uniswap-v2" && other && other.asset !== "native") {
      repaidAsset = other.asset;
      repaid = back.filter((t) => t.asset === repaidAsset).reduce((sum, t) => sum + t.amount, 0n);
    }
    if (repaid === 0n) continue;
    loans.push({ kind, lender, receiver, callback, asset, amount, repaid, repaidAsset });
  }
  return loans;
}

/** Uniswap V2 swaps inside the loan's callback (not through the lender itself), with the Sync each wrote. */
function manipulationsIn(obs: TxObservation, loan: Loan) {
  const syncs = syncEvents(obs);
  return swapEvents(obs)
    .filter(
      (swap) => swap.seq > loan.callback.enter && swap.seq < loan.callback.exit && swap.pair !== loan.lender,
    )
    .map((swap) => {
      // UniswapV2Pair emits Sync (the new reserves) right before Swap.
      const sync = syncs.filter((s) => s.pair === swap.pair && s.seq < swap.seq).at(-1);
      return { pair: swap.pair, after: sync ? ([sync.reserve0, sync.reserve1] as const) : null };
    })
    .filter((m): m is { pair: Address; after: readonly [bigint, bigint] } => m.after !== null);
}

/** Value leaving watched contracts inside the loan's callback. */
function outflowsIn(ctx: DetectorContext, loan: Loan, transfers: readonly ValueTransfer[]) {
  return transfers.filter(
    (t) =>
      t.seq > loan.callback.enter &&
      t.seq < loan.callback.exit &&
      t.from !== t.to &&
      t.from !== loan.lender &&
      t.from !== loan.receiver &&
      ctx.watch.contracts.has(t.from),
  );
}

/** Spot price token1/token0 scaled by 1e18 (0 when reserve0 is empty). */
function spot([reserve0, reserve1]: readonly [bigint, bigint]): bigint {
  return reserve0 === 0n ? 0n : (reserve1 * 10n ** 18n) / reserve0;
}

export const flashLoan: TxDetector<FlashLoanFacts> = {
  ...id,

  async gather(ctx, obs, reader) {
    const facts = new Map<Address, readonly [bigint, bigint] | null>();
    if (!obs.traced) return facts;
    const transfers = valueTransfers(obs);
    const pairs = new Set<Address>();
    for (const loan of findLoans(obs, transfers))
      if (outflowsIn(ctx, loan, transfers).length > 0)
        for (const m of manipulationsIn(obs, loan)) pairs.add(m.pair);
    await Promise.all(
      [...pairs].map(async (pair) => facts.set(pair, await reader.reserves(pair, obs.stateBlock))),
    );
    return facts;
  },

  evaluate(ctx, obs, facts): AlertDraft[] {
    if (!obs.traced) return [];
    const transfers = valueTransfers(obs);
    const alerts: AlertDraft[] = [];
    const keys = new Set<string>();
    for (const loan of findLoans(obs, transfers)) {
      const outflows = outflowsIn(ctx, loan, transfers);
      if (outflows.length === 0) continue;
      const key = `${loan.lender}:${loan.receiver}`;
      if (keys.has(key)) continue;
      keys.add(key);
      const manipulations: EvidenceOf<"flash-loan-exploit">["manipulations"] = manipulationsIn(obs, loan).map(
        (m) => {
          const before = facts.get(m.pair) ?? null;
          const priceBefore = before ? spot(before) : null;
          const move = priceBefore === null ? null : bps(spot(m.after) - priceBefore, priceBefore);
          return {
            pair: m.pair,
            reservesBefore: before ? [before[0].toString(), before[1].toString()] : null,
            reservesAfter: [m.after[0].toString(), m.after[1].toString()],
            // bps() of a negative difference is negative: the price fell.
            priceMoveBps: move,
          };
        },
      );
      const victims = [...new Set(outflows.map((t) => t.from))];
      const protocol = victims.map((v) => labelOf(ctx.watch, v) ?? v).join(", ");
      alerts.push(
        draftAlert(id, obs, {
          key,
          severity: manipulations.length > 0 ? "critical" : "high",
          title:
            manipulations.length > 0
              ? `Flash-loan-funded exploit of ${protocol}: borrow, ${manipulations.length} swap(s) moving the price, value out, repay in one transaction`
              : `Flash-loan-funded outflow from ${protocol}: borrow, value out, repay in one transaction`,
          addresses: [...victims, loan.receiver, obs.tx.from],
          evidence: {
            loan: {
              kind: loan.kind,
              lender: loan.lender,
              receiver: loan.receiver,
              asset: loan.asset,
              amount: loan.amount.toString(),
              repaid: loan.repaid.toString(),
              repaidAsset: loan.repaidAsset,
              callback: loan.callback.selector ?? "0x",
            },
            manipulations,
            outflows: outflows.map((t) => ({
              contract: t.from,
              asset: t.asset,
              amount: t.amount.toString(),
              to: t.to,
            })),
          },
        }),
      );
    }
    return alerts;
  },
};
