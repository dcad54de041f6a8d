import type { Hex } from "viem";
import { TaskFailedError, TaskTimeoutError } from "../../errors/attestation.ts";
import type { AttestationTask } from "../../internal/aggregator.ts";
import { getTask } from "./getTask.ts";

export interface WaitForCertificateParameters {
  /** Give up after this long (default 60 000 ms). */
  timeoutMs?: number;
  /** Time between two reads (default 250 ms). */
  pollMs?: number;
}

/** The submitted task: `verdict` and `batch` (root, tx hash, Merkle proof) are set. */
export type WaitForCertificateReturnType = AttestationTask & {
  status: "submitted";
  verdict: NonNullable<AttestationTask["verdict"]>;
  batch: NonNullable<AttestationTask["batch"]> & { txHash: Hex };
};

/**
 * Polls `GET /v1/tasks/:id` until the task's certificate is on-chain (`submitted`). Throws
 * TaskFailedError when the aggregator reports `failed`, TaskTimeoutError after `timeoutMs`; an HTTP
 * or network error of one read propagates (the caller decides whether to retry).
 *
 * @example
 * const task = await submitTask(aggregatorUrl, { engine: "address-basics@1", request: { address } });
 * const done = await waitForCertificate(aggregatorUrl, task.id, { timeoutMs: 30_000 });
 * done.batch.batchRoot; done.batch.proof; done.batch.txHash;
 */
export async function waitForCertificate(
  aggregatorUrl: string,
  id: Hex,
  parameters: WaitForCertificateParameters = {},
): Promise<WaitForCertificateReturnType> {
  const timeoutMs = parameters.timeoutMs ?? 60_000;
  const pollMs = parameters.pollMs ?? 250;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const remaining = deadline - Date.now();
    // The last read is bounded by the deadline too, so a hung aggregator cannot outlast the timeout.
    const task = await getTask(aggregatorUrl, id, {
      signal: AbortSignal.timeout(Math.max(1, remaining)),
    }).catch((error: unknown) => {
      if (Date.now() >= deadline)
        throw new TaskTimeoutError(id, timeoutMs, "unknown (the last read timed out)");
      throw error;
    });
    if (task.status === "submitted" && task.verdict && task.batch?.txHash)
      return task as WaitForCertificateReturnType;
    if (task.status === "failed") throw new TaskFailedError(id, task.error ?? "no reason given");
    if (Date.now() + pollMs > deadline) throw new TaskTimeoutError(id, timeoutMs, task.status);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
