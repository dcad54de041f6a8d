/**
 * Delivers alerts by HTTP POST (a webhook, or the gateway's `/v1/alerts`): the body is the alert JSON,
 * with `Idempotency-Key` and `X-Palisade-Alert-Id` set to its id (a receiver that sees an id twice —
 * a retry, or the pending and the mined detection — drops the repeat). A 2xx delivers; a network error,
 * a timeout, 408, 429 or 5xx is retried with exponential backoff and jitter; another 4xx is final (the
 * receiver refuses this alert). Every give-up is logged with its reason. Deliveries run in the
 * background, a few at once, from a bounded queue (the oldest is dropped, and logged, when it is full):
 * a slow or dead receiver never delays detection or the other sinks.
 */
import type { Logger } from "pino";
import type { Alert } from "../alert.ts";
import type { AlertSink } from "./sink.ts";

export interface HttpSinkOptions {
  /** "webhook" or "gateway", in logs and metrics. */
  name: string;
  url: string;
  logger: Logger;
  /** Attempts in all (default 6). */
  attempts?: number;
  /** First retry delay (default 250 ms), doubled each time up to `maxDelayMs` (default 10 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per attempt (default 5 s). */
  timeoutMs?: number;
  /** Deliveries at once (default 4). */
  concurrency?: number;
  /** Queued alerts kept (default 1 000). */
  maxQueue?: number;
  userAgent?: string;
  /** Sent with every request (e.g. the gateway's `authorization`); never logged. */
  headers?: Readonly<Record<string, string>>;
  onDelivered?: (alert: Alert, attempts: number) => void;
  onFailed?: (alert: Alert, reason: string) => void;
}

/** Why an attempt failed, and whether another could succeed. */
interface AttemptFailure {
  reason: string;
  retry: boolean;
}

export function createHttpSink(options: HttpSinkOptions): AlertSink {
  const attempts = options.attempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const concurrency = options.concurrency ?? 4;
  const maxQueue = options.maxQueue ?? 1_000;
  const log = options.logger.child({ sink: options.name, url: options.url });
  const queue: Alert[] = [];
  const inFlight = new Set<Promise<void>>();
  const sleeps = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  let closing = false;

  const attempt = async (alert: Alert): Promise<AttemptFailure | null> => {
    try {
      const response = await fetch(options.url, {
        method: "POST",
        headers: {
          ...options.headers,
          "content-type": "application/json",
          "idempotency-key": alert.id,
          "x-palisade-alert-id": alert.id,
          "user-agent": options.userAgent ?? "palisade-monitor",
        },
        body: JSON.stringify(alert),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) return null;
      const retry = response.status === 408 || response.status === 429 || response.status >= 500;
      return { reason: `HTTP ${response.status}`, retry };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason =
        (error as Error).name === "TimeoutError"
          ? `no answer within ${timeoutMs} ms`
          : (cause?.code ?? cause?.message ?? (error as Error).message);
      return { reason, retry: true };
    }
  };

  /** Sleeps, unless the sink is closing (then the remaining attempts are not waited for). */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => done(), ms), wake: () => done() };
      const done = () => {
        clearTimeout(entry.timer);
        sleeps.delete(entry);
        resolve();
      };
      sleeps.add(entry);
    });

  const deliver = async (alert: Alert) => {
    for (let n = 1; ; n++) {
      const failure = await attempt(alert);
      if (failure === null) {
        log.debug({ alert: alert.id, attempts: n }, "alert delivered");
        options.onDelivered?.(alert, n);
        return;
      }
      if (!failure.retry || n >= attempts || closing) {
        const reason =
          failure.retry && closing && n < attempts ? `${failure.reason} (shutting down)` : failure.reason;
        log.error(
          { alert: alert.id, type: alert.type, attempts: n, reason },
          "alert delivery failed; giving up",
        );
        options.onFailed?.(alert, reason);
        return;
      }
      const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
      log.warn(
        { alert: alert.id, attempt: n, reason: failure.reason, retryInMs: delay },
        "alert delivery failed; retrying",
      );
      // Jitter (±20 %) so that many monitors do not retry in step against one receiver.
      await pause(delay * (0.8 + Math.random() * 0.4));
    }
  };

  const pump = () => {
    while (inFlight.size < concurrency && queue.length > 0) {
      const alert = queue.shift() as Alert;
      const job = deliver(alert).finally(() => {
        inFlight.delete(job);
        pump();
      });
      inFlight.add(job);
    }
  };

  return {
    name: options.name,
    send(alert) {
      if (closing) return;
      if (queue.length >= maxQueue) {
        const dropped = queue.shift() as Alert;
        log.error({ alert: dropped.id, queued: maxQueue }, "alert delivery queue full; dropped the oldest");
        options.onFailed?.(dropped, "queue full");
      }
      queue.push(alert);
      pump();
    },
    async close(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      // Let queued and in-flight deliveries finish (their retries included) until the deadline…
      while ((queue.length > 0 || inFlight.size > 0) && Date.now() < deadline)
        await Promise.race([...inFlight, new Promise((resolve) => setTimeout(resolve, 50))]);
      // …then stop retrying: pending backoffs end at once and each failure is logged as final.
      closing = true;
      for (const entry of [...sleeps]) entry.wake();
      for (const alert of queue.splice(0)) {
        log.error({ alert: alert.id }, "alert not delivered before shutdown");
        options.onFailed?.(alert, "shutdown");
      }
      await Promise.allSettled([...inFlight]);
    },
  };
}
