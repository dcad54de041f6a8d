import type { Alert } from "../alert.ts";

/** Where alerts go. `send` never blocks detection: it queues, and the sink delivers in the background. */
export interface AlertSink {
  readonly name: string;
  send(alert: Alert): void;
  /** Waits until what was queued is delivered (or given up), at most `timeoutMs`; then stops. */
  close(timeoutMs?: number): Promise<void>;
}
