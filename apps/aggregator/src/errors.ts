import { BaseError, type BaseErrorParameters } from "@palisade/sdk";
import type { Hex } from "viem";

/** Root of the aggregator's own errors (the SDK's hierarchy: shortMessage, details, cause). */
export class AggregatorError extends BaseError {
  override name = "AggregatorError";
}

/** The command line, environment or deployment file is wrong; the message says what to fix. */
export class ConfigError extends AggregatorError {
  override name = "ConfigError";
  constructor(
    message: string,
    readonly help = false,
    parameters: BaseErrorParameters = {},
  ) {
    super(message, parameters);
  }
}

/** No task has that id. */
export class TaskNotFoundError extends AggregatorError {
  override name = "TaskNotFoundError";
  constructor(readonly id: string) {
    super(`no task ${id}`);
  }
}

/** Why a signature did not count (also the metrics label). */
export type RejectionReason =
  | "bad_encoding"
  | "unknown_signer"
  | "wrong_key"
  | "invalid_signature"
  | "mismatch"
  | "conflict"
  | "late";

/** A signature (or the body carrying it) was refused; it was not stored and does not count. */
export class SignatureRejectedError extends AggregatorError {
  override name = "SignatureRejectedError";
  constructor(
    readonly reason: RejectionReason,
    details: string,
  ) {
    super(`signature rejected: ${reason}`, { details });
  }
}

/** An operator node did not answer in time, was unreachable or answered with an error. */
export class NodeRequestError extends AggregatorError {
  override name = "NodeRequestError";
  constructor(
    readonly url: string,
    readonly status: number | undefined,
    parameters: BaseErrorParameters = {},
  ) {
    super(
      `operator node ${url} ${status === undefined ? "did not answer" : `answered ${status}`}`,
      parameters,
    );
  }
}

/** The signers of a batch do not hold the quorum threshold of the stake at its reference block. */
export class QuorumNotReachedError extends AggregatorError {
  override name = "QuorumNotReachedError";
  constructor(
    readonly signedStake: bigint,
    readonly totalStake: bigint,
    readonly thresholdBps: number,
  ) {
    super("the signers do not hold the quorum threshold", {
      details: `signed ${signedStake} of ${totalStake}, threshold ${thresholdBps} bps`,
    });
  }
}

/** No operator is registered at the reference block: nobody can attest. */
export class NoOperatorsError extends AggregatorError {
  override name = "NoOperatorsError";
  constructor(readonly referenceBlock: number) {
    super(`no operator is registered at block ${referenceBlock}`);
  }
}

/** The RPC serves another chain than the deployment's. */
export class ChainMismatchError extends AggregatorError {
  override name = "ChainMismatchError";
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the RPC serves chain ${actual}, the deployment is for chain ${expected}`);
  }
}

/** The batch root a task refers to is unknown to the journal (a corrupted data dir). */
export class BatchNotFoundError extends AggregatorError {
  override name = "BatchNotFoundError";
  constructor(readonly batchRoot: Hex) {
    super(`no batch ${batchRoot} in the journal`);
  }
}
