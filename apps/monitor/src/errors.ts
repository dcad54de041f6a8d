import { BaseError } from "@palisade/errors";

/** The root of the monitor's errors. */
export class MonitorError extends BaseError {
  override name = "MonitorError";
}

/** Invalid command-line configuration (exit code 2); `help` when --help was asked (exit code 0). */
export class MonitorConfigError extends MonitorError {
  override name = "MonitorConfigError";
  constructor(
    message: string,
    readonly help = false,
  ) {
    super(message);
  }
}

/** The watch file is missing, not JSON, or does not match its schema. */
export class WatchFileError extends MonitorError {
  override name = "WatchFileError";
  constructor(
    readonly path: string,
    reason: string,
    cause?: unknown,
  ) {
    super(`watch file ${path}: ${reason}`, cause === undefined ? {} : { cause });
  }
}

/** The RPC serves another chain than the deployment file names. */
export class ChainMismatchError extends MonitorError {
  override name = "ChainMismatchError";
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the RPC serves chain ${actual}, the deployment file names chain ${expected}`);
  }
}

/**
 * The node does not offer what the monitor needs (`debug_traceTransaction`, `debug_traceCall` with the
 * callTracer and prestateTracer): it can only watch receipts then, which the monitor refuses at start.
 */
export class TracingUnavailableError extends MonitorError {
  override name = "TracingUnavailableError";
  constructor(method: string, cause: unknown) {
    super(
      `the RPC does not offer ${method} with the callTracer; the monitor needs a tracing node (anvil, geth, reth, erigon)`,
      {
        cause,
      },
    );
  }
}
