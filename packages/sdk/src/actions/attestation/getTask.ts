import type { Hex } from "viem";
import { type AttestationTask, requestTask } from "../../internal/aggregator.ts";

export interface GetTaskParameters {
  signal?: AbortSignal;
}

/** The task's status, responses, signers per response, verdict and (once batched) its batch and proof. */
export type GetTaskReturnType = AttestationTask;

/**
 * Reads a task from an aggregator (`GET /v1/tasks/:id`). An unknown id throws AggregatorHttpError
 * with status 404 and code `TaskNotFoundError`.
 *
 * @example
 * const task = await getTask("http://127.0.0.1:9000", taskId);
 * if (task.status === "submitted") task.batch?.txHash;
 */
export async function getTask(
  aggregatorUrl: string,
  id: Hex,
  parameters: GetTaskParameters = {},
): Promise<GetTaskReturnType> {
  return requestTask(aggregatorUrl, `/v1/tasks/${id}`, { method: "GET", signal: parameters.signal });
}
