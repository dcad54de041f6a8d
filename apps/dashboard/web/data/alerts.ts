import { useEffect, useState } from "react";
// Types only (erased from the bundle): the alert is the monitor's schema, the entry the gateway's.
import type { Alert } from "../../../monitor/src/alert.ts";
import { fetchJson } from "../errors.ts";

export { alertSeverities, alertTypes } from "../../src/lib/alerts.ts";
export type { Alert };

/** An alert as the gateway keeps it (`GET /v1/alerts`, apps/gateway/src/alerts/entry.ts). */
export interface AlertEntry {
  seq: number;
  id: string;
  status: "pending" | "mined";
  block: number | null;
  receivedAt: number;
  minedAt: number | null;
  alert: Alert;
}

export interface AlertPage {
  alerts: AlertEntry[];
  /** The cursor of the next (older) page; null on the last. */
  nextBefore: number | null;
}

export interface AlertFilters {
  severity: string | undefined;
  type: string | undefined;
}

/** A page of alerts through the dashboard's proxy, newest first; `before`: the previous page's cursor. */
export function fetchAlerts(
  proxy: string,
  filters: AlertFilters,
  before: number | undefined,
  limit: number,
): Promise<AlertPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (filters.severity) query.set("severity", filters.severity);
  if (filters.type) query.set("type", filters.type);
  if (before !== undefined) query.set("before", String(before));
  return fetchJson<AlertPage>(`${proxy}?${query}`);
}

export type StreamState = "connecting" | "live" | "reconnecting";

/**
 * Follows `<proxy>/stream` (Server-Sent Events): `onChange` runs for every new alert and every alert
 * seen mined. The browser's EventSource reconnects by itself (sending Last-Event-ID).
 */
export function useAlertStream(proxy: string | undefined, onChange: () => void): StreamState {
  const [state, setState] = useState<StreamState>("connecting");
  useEffect(() => {
    if (proxy === undefined) return;
    const source = new EventSource(`${proxy}/stream`);
    source.onopen = () => setState("live");
    source.onerror = () => setState("reconnecting");
    source.addEventListener("alert", onChange);
    source.addEventListener("mined", onChange);
    return () => source.close();
  }, [proxy, onChange]);
  return state;
}

/** The affected protocol's label when the detector read one (most evidence carries the watch file's label). */
export function protocolLabel(alert: Alert): string | undefined {
  const label = (alert.evidence as { label?: string | null }).label;
  return typeof label === "string" ? label : undefined;
}
