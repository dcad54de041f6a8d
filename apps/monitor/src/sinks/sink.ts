import type { Alert } from "../alert.ts";
import type { AttestationRecord } from "../attested/attestationRecord.ts";

/** Where alerts go. `send` never blocks detection: it queues, and the sink delivers in the background. */
export interface AlertSink {
  readonly name: string;
  send(alert: Alert): void;
  /**
   * An alert's attestation record (`palisade.attestation/1`), for the sinks that take them (the log);
   * absent: the sink carries alerts only (webhooks and the gateway validate the alert schema).
   */
  sendRecord?(record: AttestationRecord): void;
  /** Waits until what was queued is delivered (or given up), at most `timeoutMs`; then stops. */
  close(timeoutMs?: number): Promise<void>;
}
