/**
 * oracle-deviation@1 — a watched price moved more than its threshold within one transaction.
 *
 * For a Uniswap V2 pair: its spot price (token1 per token0, or the inverse with `base: "token1"`) at
 * every Sync the transaction emitted, against the reserves at `stateBlock`. For a Chainlink-style feed:
 * every AnswerUpdated against `latestRoundData` at `stateBlock`. The most deviating point counts, not
 * the end state: a flash-loan manipulation moves the price and puts it back in the same transaction,
 * and what a protocol read in between is what it paid out on. Severity: critical from 50 %, else high.
 * Facts: the reference at `stateBlock`. Key: the oracle.
 */
import type { Address } from "viem";
import type { AlertDraft } from "../alert.ts";
import { answerEvents, syncEvents } from "../chain/decode.ts";
import type { TxObservation } from "../chain/observation.ts";
import type { WatchedOracle } from "../watch.ts";
import { type DetectorContext, draftAlert, type StateReader, type TxDetector } from "./detector.ts";

const id = { type: "oracle-deviation", version: 1 } as const;
const SCALE = 10n ** 18n;
const CRITICAL_BPS = 5_000;

type Reference =
  | { kind: "pair"; reserves: readonly [bigint, bigint] }
  | { kind: "feed"; roundId: bigint; answer: bigint };

/** References at `stateBlock` by oracle (null when the read failed). */
export type OracleFacts = ReadonlyMap<Address, Reference | null>;

interface Point {
  price: bigint;
  evidence: { price: string; reserve0: string; reserve1: string } | { answer: string; roundId: string };
}

function pairPoint(
  oracle: Extract<WatchedOracle, { kind: "uniswap-v2-pair" }>,
  r0: bigint,
  r1: bigint,
): Point | null {
  const [num, den] = oracle.base === "token0" ? [r1, r0] : [r0, r1];
  if (den === 0n) return null;
  const price = (num * SCALE) / den;
  return { price, evidence: { price: price.toString(), reserve0: r0.toString(), reserve1: r1.toString() } };
}

/** Where the oracle's price went in the transaction, in order. */
function pointsOf(oracle: WatchedOracle, obs: TxObservation): Point[] {
  if (oracle.kind === "uniswap-v2-pair")
    return syncEvents(obs)
      .filter((sync) => sync.pair === oracle.address)
      .map((sync) => pairPoint(oracle, sync.reserve0, sync.reserve1))
      .filter((point): point is Point => point !== null);
  return answerEvents(obs)
    .filter((event) => event.feed === oracle.address)
    .map((event) => ({
      price: event.answer,
      evidence: { answer: event.answer.toString(), roundId: event.roundId.toString() },
    }));
}

function touched(ctx: DetectorContext, obs: TxObservation): WatchedOracle[] {
  const emitters = new Set(obs.logs.map((log) => log.address));
  return [...ctx.watch.oracles.values()].filter((oracle) => emitters.has(oracle.address));
}

export const oracleDeviation: TxDetector<OracleFacts> = {
  ...id,

  async gather(ctx, obs, reader: StateReader) {
    const facts = new Map<Address, Reference | null>();
    await Promise.all(
      touched(ctx, obs)
        .filter((oracle) => pointsOf(oracle, obs).length > 0)
        .map(async (oracle) => {
          if (oracle.kind === "uniswap-v2-pair") {
            const reserves = await reader.reserves(oracle.address, obs.stateBlock);
            facts.set(oracle.address, reserves ? { kind: "pair", reserves } : null);
          } else {
            const round = await reader.latestRound(oracle.address, obs.stateBlock);
            facts.set(oracle.address, round ? { kind: "feed", ...round } : null);
          }
        }),
    );
    return facts;
  },

  evaluate(ctx, obs, facts): AlertDraft[] {
    const alerts: AlertDraft[] = [];
    for (const oracle of touched(ctx, obs)) {
      const points = pointsOf(oracle, obs);
      const reference = facts.get(oracle.address);
      const last = points.at(-1);
      if (!reference || !last) continue;
      const ref: Point | null =
        reference.kind === "pair"
          ? oracle.kind === "uniswap-v2-pair"
            ? pairPoint(oracle, reference.reserves[0], reference.reserves[1])
            : null
          : {
              price: reference.answer,
              evidence: { answer: reference.answer.toString(), roundId: reference.roundId.toString() },
            };
      if (ref === null || ref.price === 0n) continue;
      const magnitude = ref.price < 0n ? -ref.price : ref.price;
      const deviation = (point: Point) => {
        const diff = point.price > ref.price ? point.price - ref.price : ref.price - point.price;
        return (diff * 10_000n) / magnitude;
      };
      const worst = points.reduce((a, b) => (deviation(b) > deviation(a) ? b : a));
      const worstBps = deviation(worst);
      if (worstBps < BigInt(oracle.thresholdBps)) continue;
      const deviationBps =
        worstBps > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(worstBps);
      const direction = worst.price > ref.price ? "up" : "down";
      const name = oracle.label ?? oracle.address;
      alerts.push(
        draftAlert(id, obs, {
          key: oracle.address,
          severity: deviationBps >= CRITICAL_BPS ? "critical" : "high",
          title: `Price of ${name} moved ${direction} ${(deviationBps / 100).toFixed(2)} % within one transaction (threshold ${(oracle.thresholdBps / 100).toFixed(2)} %)`,
          addresses: [oracle.address, ...(obs.tx.to ? [obs.tx.to] : []), obs.tx.from],
          evidence: {
            oracle: oracle.address,
            label: oracle.label,
            kind: oracle.kind,
            reference: ref.evidence,
            observed: worst.evidence,
            final: last.evidence,
            deviationBps,
            thresholdBps: oracle.thresholdBps,
            direction,
          },
        }),
      );
    }
    return alerts;
  },
};
