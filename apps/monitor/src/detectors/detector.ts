/**
 * A detector is two functions: `gather` makes the chain reads the detector needs, all pinned to the
 * observation's `stateBlock`; `evaluate` is pure — the same observation and facts give the same alert
 * drafts, byte for byte. The facts end up in the evidence, so an operator re-running a detector on an
 * alert (trace the transaction, read the same state) reaches the same draft, and the monitor's own
 * tests can evaluate recorded observations without a chain.
 */
import type { Address, Hex } from "viem";
import {
  ALERT_SCHEMA,
  type AlertDraft,
  type AlertType,
  alertId,
  type EvidenceOf,
  type Severity,
  type TransactionEvidence,
} from "../alert.ts";
import type { BlockObservation, TxObservation } from "../chain/observation.ts";
import type { WatchConfig } from "../watch.ts";

/** Chain reads at a block. Implemented over JSON-RPC (chain/stateReader.ts), cached per block. */
export interface StateReader {
  /** An ERC20 balance, or the ether balance for "native". */
  balance(asset: Address | "native", holder: Address, block: number): Promise<bigint>;
  /** A Uniswap V2 pair's reserves (null when the call fails: not a pair). */
  reserves(pair: Address, block: number): Promise<readonly [bigint, bigint] | null>;
  /** A Chainlink-style feed's latest round (null when the call fails). */
  latestRound(feed: Address, block: number): Promise<{ roundId: bigint; answer: bigint } | null>;
  /** Whether the address holds code. */
  isContract(address: Address, block: number): Promise<boolean>;
  nonce(address: Address, block: number): Promise<number>;
  /** Approval(owner, spender) logs of `token` in [fromBlock, toBlock]. */
  approvalLogs(query: {
    token: Address;
    owner: Address;
    spender: Address;
    fromBlock: number;
    toBlock: number;
  }): Promise<{ tx: Hex; block: number }[]>;
}

export interface DetectorContext {
  chainId: number;
  watch: WatchConfig;
}

/** Looks at one transaction. */
export interface TxDetector<Facts = unknown> {
  readonly type: AlertType;
  readonly version: number;
  /** The reads `evaluate` needs, at `obs.stateBlock`. */
  gather(ctx: DetectorContext, obs: TxObservation, reader: StateReader): Promise<Facts>;
  /** Pure. */
  evaluate(ctx: DetectorContext, obs: TxObservation, facts: Facts): AlertDraft[];
}

/** Looks across a mined block's transactions (patterns spread over several transactions). */
export interface BlockDetector<Facts = unknown> {
  readonly type: AlertType;
  readonly version: number;
  gatherBlock(ctx: DetectorContext, block: BlockObservation, reader: StateReader): Promise<Facts>;
  /** Pure. */
  evaluateBlock(ctx: DetectorContext, block: BlockObservation, facts: Facts): AlertDraft[];
}

/** Runs a detector on one observation: gather, then evaluate. */
export async function detect<F>(
  detector: TxDetector<F>,
  ctx: DetectorContext,
  obs: TxObservation,
  reader: StateReader,
): Promise<AlertDraft[]> {
  return detector.evaluate(ctx, obs, await detector.gather(ctx, obs, reader));
}

/** The transaction part of every evidence. */
export function transactionEvidence(obs: TxObservation): TransactionEvidence {
  return {
    from: obs.tx.from,
    to: obs.tx.to,
    value: obs.tx.value.toString(),
    input: obs.tx.input,
    gas: obs.tx.gas.toString(),
    nonce: obs.tx.nonce,
  };
}

/** Builds a draft: the schema, id, detector and the observation's source, block and tx filled in. */
export function draftAlert<T extends AlertType>(
  detector: { type: T; version: number },
  obs: TxObservation,
  fields: {
    key: string;
    severity: Severity;
    title: string;
    addresses: readonly string[];
    evidence: Omit<EvidenceOf<T>, "stateBlock" | "transaction">;
  },
): AlertDraft {
  return {
    schema: ALERT_SCHEMA,
    id: alertId(detector.type, obs.tx.hash, fields.key),
    chainId: obs.chainId,
    type: detector.type,
    severity: fields.severity,
    title: fields.title.length > 300 ? `${fields.title.slice(0, 299)}…` : fields.title,
    addresses: [...new Set(fields.addresses.map((a) => a.toLowerCase()))],
    evidence: { stateBlock: obs.stateBlock, transaction: transactionEvidence(obs), ...fields.evidence },
    source: obs.source,
    block: obs.block,
    tx: obs.tx.hash,
    detector: `${detector.type}@${detector.version}`,
    // The generic evidence cannot be matched to its variant by the compiler; alertSchema checks it
    // before anything is emitted.
  } as unknown as AlertDraft;
}

/** `part / whole` in basis points, rounded down (null when whole is 0). */
export function bps(part: bigint, whole: bigint): number | null {
  if (whole === 0n) return null;
  const value = (part * 10_000n) / whole;
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** A short readable amount for titles: 18-decimal units with up to 4 decimals ("98.3312"). */
export function shortUnits(value: bigint, decimals = 18): string {
  const scale = 10n ** BigInt(decimals);
  const whole = value / scale;
  const fraction = ((value % scale) * 10_000n) / scale;
  return fraction === 0n
    ? whole.toString()
    : `${whole}.${fraction.toString().padStart(4, "0").replace(/0+$/, "")}`;
}
