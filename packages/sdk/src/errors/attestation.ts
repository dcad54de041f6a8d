import { BaseError } from "./base.ts";

/** The aggregator could not be reached (connection refused, DNS, timeout): no HTTP answer at all. */
export class AggregatorUnreachableError extends BaseError {
  override name = "AggregatorUnreachableError";
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`the aggregator at ${url} did not answer`, { cause });
  }
}

/**
 * The aggregator answered with an HTTP error. `code` and `message` are the server's own
 * (`{ error: { code, message } }`, e.g. `InvalidInputError`, `TaskNotFoundError`); `body` is the
 * whole parsed error body, or the raw text when it was not JSON.
 */
export class AggregatorHttpError extends BaseError {
  override name = "AggregatorHttpError";
  constructor(
    readonly url: string,
    readonly status: number,
    readonly code: string,
    readonly serverMessage: string,
    readonly body: unknown,
  ) {
    super(`the aggregator answered ${status} ${code}: ${serverMessage}`, {
      details: `${url}${typeof body === "string" ? `\n${body.slice(0, 500)}` : ""}`,
    });
  }
}

/** A 2xx answer from the aggregator whose body is not the task the API documents. */
export class AggregatorResponseError extends BaseError {
  override name = "AggregatorResponseError";
  constructor(
    readonly url: string,
    details: string,
  ) {
    super(`the aggregator at ${url} sent a malformed answer`, { details });
  }
}

/** The aggregator gave up on the task (no quorum by its deadline, or its batch failed). */
export class TaskFailedError extends BaseError {
  override name = "TaskFailedError";
  constructor(
    readonly taskId: string,
    readonly reason: string,
  ) {
    super(`task ${taskId} failed: ${reason}`);
  }
}

/** The task was not submitted on-chain within the caller's timeout (it may still land later). */
export class TaskTimeoutError extends BaseError {
  override name = "TaskTimeoutError";
  constructor(
    readonly taskId: string,
    readonly timeoutMs: number,
    readonly lastStatus: string,
  ) {
    super(`task ${taskId} was not submitted within ${timeoutMs} ms (last status: ${lastStatus})`);
  }
}

/** An on-chain task's request bytes are not the UTF-8 JSON object of an engine request. */
export class InvalidTaskRequestError extends BaseError {
  override name = "InvalidTaskRequestError";
  constructor(reason: string, parameters: { cause?: unknown } = {}) {
    super(`the task request is ${reason}`, parameters);
  }
}
