import type { Alert } from "@palisade/monitor";
import type { StoredAlert } from "@palisade/store";

/**
 * An alert as the gateway lists and streams it: the first alert received under its id, where it stands
 * (pending until a mined alert with the same id arrives, or mined from the start), and when it came.
 */
export interface AlertEntry {
  /** Order of arrival: `before` pages on it, the stream's event id is it. */
  seq: number;
  id: string;
  /** `pending`: seen only in the mempool so far; `mined`: seen in a block. */
  status: "pending" | "mined";
  /** The including block (the alert's own, or the mined repeat's); null while pending. */
  block: number | null;
  /** Unix ms, the gateway's clock. */
  receivedAt: number;
  /** When the mined alert arrived (Unix ms); null while pending. */
  minedAt: number | null;
  /** The first alert received under this id (palisade.alert/1), as the monitor sent it. */
  alert: Alert;
}

export function alertEntry(stored: StoredAlert): AlertEntry {
  return {
    seq: stored.seq,
    id: stored.id,
    status: stored.minedBlock === null ? "pending" : "mined",
    block: stored.minedBlock,
    receivedAt: stored.receivedAt,
    minedAt: stored.minedAt,
    // Validated with the monitor's schema before it was stored.
    alert: JSON.parse(stored.json) as Alert,
  };
}

/** What the live stream sends: a new alert, or an alert already sent that was now seen mined. */
export interface AlertEvent {
  kind: "alert" | "mined";
  entry: AlertEntry;
}

/** Fans stored alerts out to the open streams of this process. */
export interface AlertHub {
  publish(event: AlertEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: AlertEvent) => void): () => void;
}

export function createAlertHub(): AlertHub {
  const listeners = new Set<(event: AlertEvent) => void>();
  return {
    publish(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
