/**
 * Stamps, checks and fans out alerts. An alert is emitted at most once per (id, source) in a process:
 * a block retried after a failure does not repeat its alerts, and an attack seen pending is emitted
 * again once mined (same id, `source: "block"`, its block number) so receivers learn it landed.
 */
import type { Logger } from "pino";
import { type Alert, type AlertDraft, alertSchema } from "./alert.ts";
import type { MonitorMetrics } from "./metrics.ts";
import type { AlertSink } from "./sinks/sink.ts";

export interface AlertTiming {
  /** When the block or pending transaction reached the monitor (Unix ms). */
  arrivedAt: number;
}

export type OnAlert = (alert: Alert, timing: AlertTiming) => void;

export interface Emitter {
  /** Emits the draft (unless already emitted for its source); returns the alert, or null. */
  emit(draft: AlertDraft, timing: AlertTiming): Alert | null;
}

const REMEMBERED = 100_000;

export function createEmitter(options: {
  sinks: readonly AlertSink[];
  logger: Logger;
  metrics: MonitorMetrics;
  onAlert?: OnAlert | undefined;
  now?: () => number;
}): Emitter {
  const seen = new Set<string>();
  const now = options.now ?? Date.now;
  return {
    emit(draft, timing) {
      const key = `${draft.id}:${draft.source}`;
      if (seen.has(key)) return null;
      const parsed = alertSchema.safeParse({ ...draft, detectedAt: now() });
      if (!parsed.success) {
        // A detector produced an alert outside the schema: a bug, reported loudly, never sent on.
        options.logger.error(
          { detector: draft.detector, tx: draft.tx, issues: parsed.error.issues },
          "invalid alert dropped",
        );
        return null;
      }
      seen.add(key);
      if (seen.size > REMEMBERED) seen.delete(seen.values().next().value as string);
      const alert = parsed.data;
      options.metrics.alerts.inc({ type: alert.type, severity: alert.severity, source: alert.source });
      options.metrics.detectionSeconds.observe(
        { source: alert.source },
        Math.max(0, alert.detectedAt - timing.arrivedAt) / 1000,
      );
      options.logger.warn(
        {
          alert: alert.id,
          type: alert.type,
          severity: alert.severity,
          source: alert.source,
          block: alert.block,
          tx: alert.tx,
          addresses: alert.addresses,
          latencyMs: alert.detectedAt - timing.arrivedAt,
        },
        alert.title,
      );
      options.onAlert?.(alert, timing);
      for (const sink of options.sinks) sink.send(alert);
      return alert;
    },
  };
}
