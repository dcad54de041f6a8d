import { type AttestationTask, requestTask } from "../../internal/aggregator.ts";

export interface SubmitTaskParameters {
  /** An engine id the aggregator knows, e.g. `address-basics@1`. */
  engine: string;
  /** The engine's request without `referenceBlock`: the aggregator pins it (latest − confirmations). */
  request: Record<string, unknown>;
  /**
   * Certify as soon as the quorum is reached, in a batch of its own: no straggler grace, no batch
   * interval (an alert that must be acted on before the attack lands). Costs a certificate per task.
   */
  urgent?: boolean;
  signal?: AbortSignal;
}

/** The opened task (202): its id is the engine's requestHash at the pinned reference block. */
export type SubmitTaskReturnType = AttestationTask;

/**
 * Opens an attestation task on an aggregator (`POST /v1/tasks`). The same request at the same
 * reference block is the same task, so a retry returns the task already open. Throws
 * AggregatorHttpError with the server's code (400 invalid request or unknown engine, 503 no
 * operators) or AggregatorUnreachableError.
 *
 * @example
 * const task = await submitTask("http://127.0.0.1:9000", {
 *   engine: "address-basics@1",
 *   request: { address: "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045" },
 * });
 * task.id; // 0x… (the requestHash)
 */
export async function submitTask(
  aggregatorUrl: string,
  parameters: SubmitTaskParameters,
): Promise<SubmitTaskReturnType> {
  return requestTask(aggregatorUrl, "/v1/tasks", {
    method: "POST",
    body: {
      engine: parameters.engine,
      request: parameters.request,
      ...(parameters.urgent ? { urgent: true } : {}),
    },
    signal: parameters.signal,
  });
}
