import { BaseError, type BaseErrorParameters } from "@palisade/sdk";
import type { Hex } from "viem";

// The engines' errors live with the engines; re-exported so the node keeps one import site.
export { EngineError, EngineRpcError, InvalidInputError, UnknownEngineError } from "@palisade/engines";

/** Root of the node's own errors (the SDK's hierarchy: shortMessage, details, cause). */
export class NodeError extends BaseError {
  override name = "NodeError";
}

/** The command line, environment or config file is wrong; the message says what to fix. */
export class ConfigError extends NodeError {
  override name = "ConfigError";
  constructor(
    message: string,
    readonly help = false,
    parameters: BaseErrorParameters = {},
  ) {
    super(message, parameters);
  }
}

/** The requestHash the aggregator sent is not the one the node derives from the request. */
export class RequestHashMismatchError extends NodeError {
  override name = "RequestHashMismatchError";
  constructor(
    readonly claimed: Hex,
    readonly derived: Hex,
  ) {
    super("requestHash does not match the request", { details: `claimed ${claimed}, derived ${derived}` });
  }
}

/** The pinned block is not mined yet on the node's RPC: the engine cannot answer deterministically. */
export class ReferenceBlockNotReachedError extends NodeError {
  override name = "ReferenceBlockNotReachedError";
  constructor(
    readonly referenceBlock: number,
    readonly head: bigint,
  ) {
    super(`reference block ${referenceBlock} is ahead of the chain head ${head}`);
  }
}

/** A verdict in a batch is not what this node computed or recorded for that request. */
export class VerdictMismatchError extends NodeError {
  override name = "VerdictMismatchError";
  constructor(
    readonly requestHash: Hex,
    readonly claimed: Hex,
    readonly ours: Hex,
  ) {
    super(`the batch's response for request ${requestHash} is not this node's`, {
      details: `batch says ${claimed}, this node has ${ours}`,
    });
  }
}

/** The batch root sent is not the root of the verdicts sent. */
export class BatchRootMismatchError extends NodeError {
  override name = "BatchRootMismatchError";
  constructor(
    readonly claimed: Hex,
    readonly computed: Hex,
  ) {
    super("batchRoot is not the Merkle root of the verdicts", {
      details: `claimed ${claimed}, computed ${computed}`,
    });
  }
}

/** The chain the RPC serves is not the deployment's. */
export class ChainMismatchError extends NodeError {
  override name = "ChainMismatchError";
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the RPC serves chain ${actual}, the deployment file is for chain ${expected}`);
  }
}

/** `register --allocate` asks for more magnitude in a strategy than the operator has free. */
export class InsufficientAllocatableMagnitudeError extends NodeError {
  override name = "InsufficientAllocatableMagnitudeError";
  constructor(
    readonly strategy: Hex,
    /** The WAD magnitude the allocation would add. */
    readonly requested: bigint,
    /** The WAD magnitude still allocatable (getAllocatableMagnitude). */
    readonly allocatable: bigint,
  ) {
    super(`not enough allocatable magnitude in strategy ${strategy} for the requested allocation`, {
      details: `needs ${requested} more (WAD), only ${allocatable} is free (${Number(allocatable) / 1e18} of the stake); free magnitude elsewhere or lower --allocate`,
    });
  }
}
