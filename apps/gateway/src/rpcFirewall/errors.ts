import type { TxFirewallReport, TxPolicyMatch } from "@palisade/engines";
import { BaseError } from "@palisade/errors";
import type { Hex } from "viem";

/** Root of the JSON-RPC firewall's errors; jsonRpcError.ts maps each to a JSON-RPC error object. */
export class RpcFirewallError extends BaseError {
  override name = "RpcFirewallError";
}

/** createRpcFirewall was given invalid options. */
export class RpcFirewallConfigError extends RpcFirewallError {
  override name = "RpcFirewallConfigError";
}

/** The body is not JSON (-32700). */
export class MalformedJsonError extends RpcFirewallError {
  override name = "MalformedJsonError";
  constructor(cause: unknown) {
    super("parse error: the body is not valid JSON", { cause });
  }
}

/** The body or one entry is not a JSON-RPC 2.0 request (-32600). */
export class InvalidJsonRpcError extends RpcFirewallError {
  override name = "InvalidJsonRpcError";
  constructor(readonly problem: string) {
    super(`invalid request: ${problem}`);
  }
}

/** The body exceeds maxBodyBytes (HTTP 413, -32600); nothing of it is read further or forwarded. */
export class BodyTooLargeError extends RpcFirewallError {
  override name = "BodyTooLargeError";
  constructor(readonly limit: number) {
    super(`request body too large: the limit is ${limit} bytes`);
  }
}

/** A batch has more entries than maxBatchSize (-32600). */
export class BatchTooLargeError extends RpcFirewallError {
  override name = "BatchTooLargeError";
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`batch too large: ${size} entries, the limit is ${limit}`);
  }
}

/** A transaction to screen cannot be decoded or read (-32602); it is not forwarded. */
export class InvalidTransactionError extends RpcFirewallError {
  override name = "InvalidTransactionError";
  constructor(problem: string, options: { details?: string; cause?: unknown } = {}) {
    super(`invalid transaction: ${problem}`, options);
  }
}

/** The verdict is one the firewall rejects (-32003, EIP-1474 "transaction rejected"); not forwarded. */
export class TransactionRejectedError extends RpcFirewallError {
  override name = "TransactionRejectedError";
  /** The matched rules as `rule: detail`, strongest first. */
  readonly reasons: string[];
  constructor(
    readonly report: TxFirewallReport,
    readonly txHash: Hex | null,
  ) {
    const deciding = decidingRule(report);
    const verb = report.verdict === "block" ? "blocked" : `rejected (verdict ${report.verdict})`;
    const why = deciding
      ? `${oneLine(deciding.detail)} (rule ${deciding.rule})`
      : `verdict ${report.verdict}`;
    super(`Palisade firewall ${verb} this transaction: ${why}`);
    this.reasons = rankRules(report.rules).map((match) => `${match.rule}: ${oneLine(match.detail)}`);
  }
}

/**
 * Why screening failed: the node offers no simulation method, did not answer, answered an error
 * about the simulation itself (unknown block, pruned state …), or the firewall failed internally.
 */
export type ScreeningFailure = "simulation_unavailable" | "node_unreachable" | "node_error" | "internal";

const failureText: Record<ScreeningFailure, string> = {
  simulation_unavailable: "the node offers no simulation method (debug_traceCall or eth_simulateV1)",
  node_unreachable: "the node did not answer the simulation",
  node_error: "the node could not simulate it",
  internal: "internal error",
};

/** The transaction could not be screened (-32603); with failOpen false it is not forwarded. */
export class ScreeningFailedError extends RpcFirewallError {
  override name = "ScreeningFailedError";
  constructor(
    readonly reason: ScreeningFailure,
    cause: unknown,
  ) {
    super(`Palisade firewall could not screen this transaction (${failureText[reason]}); it was not sent`, {
      cause,
    });
  }
}

/** The upstream node did not answer a forwarded request (-32603). */
export class UpstreamUnreachableError extends RpcFirewallError {
  override name = "UpstreamUnreachableError";
  constructor(cause: unknown) {
    super("upstream node unreachable: the request could not be delivered or was not answered", { cause });
  }
}

/** The upstream answered something that is not a JSON-RPC answer to a rebuilt batch (-32603). */
export class UpstreamInvalidAnswerError extends RpcFirewallError {
  override name = "UpstreamInvalidAnswerError";
  constructor(problem: string) {
    super(`upstream node answered invalid JSON-RPC: ${problem}`);
  }
}

const strength = { block: 2, warn: 1, allow: 0 } as const;

function rankRules(rules: readonly TxPolicyMatch[]): TxPolicyMatch[] {
  return [...rules].sort((a, b) => strength[b.action] - strength[a.action]);
}

/** The first matched rule whose action is the verdict: the reason the transaction was rejected. */
function decidingRule(report: TxFirewallReport): TxPolicyMatch | undefined {
  return report.rules.find((match) => match.action === report.verdict);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
