import { BaseError } from "@palisade/sdk";

/** Root of the engines' errors (the SDK's hierarchy: shortMessage, details, cause). */
export class EngineError extends BaseError {
  override name = "EngineError";
}

/** A request (or a body holding one) does not match its schema. */
export class InvalidInputError extends EngineError {
  override name = "InvalidInputError";
  constructor(
    shortMessage: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(shortMessage, {
      details: issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ") || undefined,
    });
  }
}

/** No engine of that id is registered. */
export class UnknownEngineError extends EngineError {
  override name = "UnknownEngineError";
  constructor(
    readonly engine: string,
    readonly known: readonly string[],
  ) {
    super(`unknown engine ${JSON.stringify(engine)}`, { details: `known engines: ${known.join(", ")}` });
  }
}

/** The engine's RPC reads failed (node unreachable, pruned state …). */
export class EngineRpcError extends EngineError {
  override name = "EngineRpcError";
  constructor(engine: string, cause: unknown) {
    super(`engine ${engine} could not read the chain`, { cause });
  }
}

/** The `block` asked for is beyond the node's latest block: there is no state to read there yet. */
export class BlockAheadOfChainError extends EngineError {
  override name = "BlockAheadOfChainError";
  constructor(
    readonly block: number,
    readonly head: number,
  ) {
    super(`block ${block} is ahead of the chain (latest block ${head})`);
  }
}
