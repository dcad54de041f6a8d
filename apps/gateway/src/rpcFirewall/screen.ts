import { performance } from "node:perf_hooks";
import {
  EngineRpcError,
  InvalidInputError,
  SimulationUnavailableError,
  TX_FIREWALL_ENGINE_ID,
  type TxFirewall,
  type TxFirewallReport,
  type TxVerdict,
} from "@palisade/engines";
import type { Logger } from "pino";
import type { Address, Hex, PublicClient } from "viem";
import {
  InvalidTransactionError,
  type RpcFirewallError,
  ScreeningFailedError,
  type ScreeningFailure,
  TransactionRejectedError,
} from "./errors.ts";
import type { JsonRpcId, JsonRpcRequest } from "./jsonRpc.ts";
import { type TransactionToScreen, transactionOf } from "./transaction.ts";

/**
 * What became of one screened transaction:
 * - `forwarded`: its verdict is not rejected: it goes to the node (whose answer the client gets);
 * - `rejected`: its verdict is in rejectVerdicts, it was answered -32003 and not forwarded;
 * - `invalid`: it could not be decoded (-32602), not forwarded;
 * - `failed`: it could not be screened (-32603), not forwarded (failOpen false);
 * - `unscreened`: it could not be screened and was forwarded anyway (failOpen true).
 */
export type ScreeningOutcome = "forwarded" | "rejected" | "invalid" | "failed" | "unscreened";

/** One decision, for onDecision (metrics) and the log. JSON-safe. */
export interface RpcFirewallDecision {
  transport: "http" | "ws";
  method: string;
  /** The request's id; undefined for a notification. */
  id: JsonRpcId | undefined;
  outcome: ScreeningOutcome;
  /** null when there is no report (invalid, failed, unscreened). */
  verdict: TxVerdict | null;
  flags: string[];
  /** The matched policy rules' names. */
  rules: string[];
  from: Address | null;
  to: Address | null;
  txHash: Hex | null;
  /** The block simulated on; null without a report. */
  block: number | null;
  /** EIP-7702 authorizations the transaction carries (not simulated: see README). */
  authorizations: number;
  /** Decoding and simulation, milliseconds. */
  screeningMs: number;
  /** The error's short message for invalid / failed / unscreened. */
  error: string | null;
  /** For failed / unscreened. */
  failure: ScreeningFailure | null;
}

/** forward: pass the entry on; otherwise answer it with `error` (mapped by toJsonRpcError). */
export type ScreenResult = { forward: true } | { forward: false; error: RpcFirewallError };

export interface ScreenerOptions {
  firewall: TxFirewall;
  client: PublicClient;
  logger: Logger;
  rejectVerdicts: ReadonlySet<TxVerdict>;
  failOpen: boolean;
  onDecision: ((decision: RpcFirewallDecision) => void) | undefined;
}

export type Screener = (
  request: JsonRpcRequest,
  id: JsonRpcId | undefined,
  transport: RpcFirewallDecision["transport"],
) => Promise<ScreenResult>;

/**
 * Screens one transaction-sending request: decode (or read) the transaction, simulate it once at
 * the node's latest block, and decide. Never rejects: every failure is a ScreenResult.
 */
export function createScreener(options: ScreenerOptions): Screener {
  const { firewall, client, logger, rejectVerdicts, failOpen, onDecision } = options;

  function record(decision: RpcFirewallDecision): void {
    const level = decision.outcome === "failed" || decision.outcome === "unscreened" ? "warn" : "info";
    logger[level]({ decision }, `transaction ${decision.outcome}`);
    if (!onDecision) return;
    // A metrics hook must not change what happens to a transaction: its failure is logged, not raised.
    try {
      onDecision(decision);
    } catch (error) {
      logger.error({ err: error }, "onDecision threw");
    }
  }

  return async function screen(request, id, transport) {
    const started = performance.now();
    let tx: TransactionToScreen | undefined;
    let report: TxFirewallReport | undefined;
    const decide = (outcome: ScreeningOutcome, error: RpcFirewallError | null, failure?: ScreeningFailure) =>
      record({
        transport,
        method: request.method,
        id,
        outcome,
        verdict: report?.verdict ?? null,
        flags: report?.flags ?? [],
        rules: report?.rules.map((match) => match.rule) ?? [],
        from: tx?.from ?? null,
        to: tx?.to ?? null,
        txHash: tx?.hash ?? null,
        block: report?.block ?? null,
        authorizations: tx?.authorizations ?? 0,
        screeningMs: Math.round((performance.now() - started) * 1000) / 1000,
        error: error?.shortMessage ?? null,
        failure: failure ?? null,
      });

    // The latest block is asked for first, so its round trip overlaps the sender's recovery (≈ 2 ms
    // of CPU in viem's JavaScript secp256k1); the simulation then needs no round trip of its own for it.
    const latest = latestBlock(client);
    try {
      tx = await transactionOf(request.method, request.params);
      report = await firewall.simulate(client, {
        from: tx.from,
        to: tx.to,
        value: tx.value,
        data: tx.data,
        ...(tx.gas === null ? {} : { gas: tx.gas }),
        block: await latest,
      });
    } catch (cause) {
      if (cause instanceof InvalidTransactionError || cause instanceof InvalidInputError) {
        // InvalidInputError: the engine refused a field the decoder let through.
        const error =
          cause instanceof InvalidTransactionError
            ? cause
            : new InvalidTransactionError(cause.shortMessage, { cause });
        decide("invalid", error);
        return { forward: false, error };
      }
      const error = new ScreeningFailedError(failureOf(cause), cause);
      if (error.reason === "internal") logger.error({ err: cause }, "screening failed internally");
      if (failOpen) {
        decide("unscreened", error, error.reason);
        return { forward: true };
      }
      decide("failed", error, error.reason);
      return { forward: false, error };
    }
    if (rejectVerdicts.has(report.verdict)) {
      const error = new TransactionRejectedError(report, tx.hash);
      decide("rejected", error);
      return { forward: false, error };
    }
    decide("forwarded", null);
    return { forward: true };
  };
}

/** The node's latest block number, without viem's retries (a send must be answered at once). */
function latestBlock(client: PublicClient): Promise<number> {
  const request = client.request({ method: "eth_blockNumber" }, { retryCount: 0, dedupe: false }).then(
    (hex) => Number.parseInt(hex, 16),
    (cause: unknown) => {
      throw new EngineRpcError(TX_FIREWALL_ENGINE_ID, cause);
    },
  );
  // When decoding fails first nobody awaits this promise: its failure must not be an unhandled rejection.
  request.catch(() => undefined);
  return request;
}

function failureOf(error: unknown): ScreeningFailure {
  if (error instanceof SimulationUnavailableError) return "simulation_unavailable";
  if (error instanceof EngineRpcError) return hasRpcCode(error) ? "node_error" : "node_unreachable";
  return "internal";
}

/** Whether the node answered with a JSON-RPC error (somewhere in the cause chain), rather than not at all. */
function hasRpcCode(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === "object" && current !== null; depth++) {
    if (typeof (current as { code?: unknown }).code === "number") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
