import { EngineError } from "../errors.ts";
import type { SimulationBackend } from "./types.ts";

/** The node does not offer this simulation method (or its tracer); the firewall tries the next one. */
export class BackendUnsupportedError extends EngineError {
  override name = "BackendUnsupportedError";
  constructor(
    readonly backend: SimulationBackend,
    nodeMessage: string,
    cause?: unknown,
  ) {
    super(`the node does not support ${backend}`, { details: nodeMessage, cause });
  }
}

/** None of the configured simulation methods is offered by the node. */
export class SimulationUnavailableError extends EngineError {
  override name = "SimulationUnavailableError";
  constructor(
    readonly tried: readonly SimulationBackend[],
    cause?: unknown,
  ) {
    super(`the node offers none of the simulation methods ${tried.join(", ")}`, {
      details:
        "the transaction firewall needs debug_traceCall (callTracer, prestateTracer) or eth_simulateV1",
      cause,
    });
  }
}
