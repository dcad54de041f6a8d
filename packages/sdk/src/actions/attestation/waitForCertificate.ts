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

/** A task whose certificate transaction is sent (maybe not yet mined): its batch and proof are final. */
export type WaitForBatchSentReturnType = AttestationTask & {
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
  return (await pollTask(
    aggregatorUrl,
    id,
    parameters,
    (task) => task.status === "submitted" && task.verdict !== undefined && Boolean(task.batch?.txHash),
  )) as WaitForCertificateReturnType;
}

/**
 * Polls `GET /v1/tasks/:id` until the transaction submitting the task's certificate is sent (or
 * mined): the batch root, the Merkle proof and the certified response are then final, so a contract
 * call that needs the certificate can be sent at once, to be mined right after it (a threat response
 * racing an attack). Errors as waitForCertificate.
 *
 * @example
 * const sent = await waitForBatchSent(aggregatorUrl, task.id, { pollMs: 20 });
 * sent.batch.txHash; // pending: send what depends on it with a lower priority fee than its own
 */
export async function waitForBatchSent(
  aggregatorUrl: string,
  id: Hex,
  parameters: WaitForCertificateParameters = {},
): Promise<WaitForBatchSentReturnType> {
  return (await pollTask(
    aggregatorUrl,
    id,
    parameters,
    (task) => task.verdict !== undefined && Boolean(task.batch?.txHash),
  )) as WaitForBatchSentReturnType;
}

async function pollTask(
  aggregatorUrl: string,
  id: Hex,
  parameters: WaitForCertificateParameters,
  done: (task: AttestationTask) => boolean,
): Promise<AttestationTask> {
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
    if (task.status === "failed") throw new TaskFailedError(id, task.error ?? "no reason given");
    if (done(task)) return task;
    if (Date.now() + pollMs > deadline) throw new TaskTimeoutError(id, timeoutMs, task.status);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
