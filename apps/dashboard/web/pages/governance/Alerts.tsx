import { useCallback, useEffect, useState } from "react";
import { shortHash } from "../../../src/lib/format.ts";
import { actionNames } from "../../../src/lib/threatResponse.ts";
import { Addr, Empty, ErrorNote, Section } from "../../components/ui.tsx";
import { useApp, useChainQuery, useEvents } from "../../context.tsx";
import {
  type AlertFilters,
  type AlertPage,
  alertSeverities,
  alertTypes,
  fetchAlerts,
  protocolLabel,
  useAlertStream,
} from "../../data/alerts.ts";
import { handledAlerts, threatEvent } from "../../data/threatResponse.ts";
import { errorMessage, fetchJson } from "../../errors.ts";
import { useNames } from "../../names.ts";

/** Alerts per page. */
const PAGE_SIZE = 10;

/** `2026-11-21 14:03:07` in the browser's time zone. */
const formatMs = (ms: number) => {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
};

/** The monitor's `/health` (apps/monitor README): only what this page shows. */
interface MonitorHealth {
  status: string;
  head: number | null;
  lagBlocks: number | null;
}

/**
 * The attack monitor's alerts, live: the newest first from the gateway it posts to (`/api/alerts`), a
 * page at a time, refreshed by the gateway's event stream (`/api/alerts/stream`) when an alert arrives
 * or a pending one is seen mined.
 */
export function AlertsSection() {
  const app = useApp();
  const { config } = app;
  const names = useNames();
  // What the ThreatResponse did with each alert, by id (the monitor's alert id is the verdict's).
  const handled = useEvents(threatEvent(app, "AlertHandled"));
  const responding = config.deployment.governance?.threatResponse !== undefined;
  const responses = new Map(handledAlerts(handled.logs).map((entry) => [entry.alertId.toLowerCase(), entry]));
  const alerts = config.alerts;
  const [filters, setFilters] = useState<AlertFilters>({ severity: undefined, type: undefined });
  /** The `before` cursors of the pages above this one (empty: the newest page). */
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors.at(-1);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((value) => value + 1), []);
  const stream = useAlertStream(alerts?.proxy, refresh);
  const [page, setPage] = useState<{ data: AlertPage | undefined; error: string | undefined }>({
    data: undefined,
    error: undefined,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the stream's "read again".
  useEffect(() => {
    if (!alerts) return;
    let stale = false;
    fetchAlerts(alerts.proxy, filters, before, PAGE_SIZE).then(
      (data) => !stale && setPage({ data, error: undefined }),
      (error: unknown) => !stale && setPage((previous) => ({ ...previous, error: errorMessage(error) })),
    );
    return () => {
      stale = true;
    };
  }, [alerts, filters, before, version]);
  const health = useChainQuery(
    async (context) =>
      context.config.monitor ? fetchJson<MonitorHealth>(`${context.config.monitor.proxy}/health`) : undefined,
    [],
  );

  const filter = (next: Partial<AlertFilters>) => {
    setFilters({ ...filters, ...next });
    setCursors([]);
  };
  const log = alerts?.log ?? ".palisade/devnet/monitor/alerts.jsonl";
  const list = page.data?.alerts ?? [];
  return (
    <Section
      title="Alerts and threat response"
      testId="alerts"
      actions={
        alerts ? (
          <span className={stream === "live" ? "ok" : "pending"} data-testid="alerts-stream">
            {stream === "live" ? "● live" : stream}
          </span>
        ) : null
      }
    >
      {config.monitor ? (
        <p>
          Monitor <code>{config.monitor.url}</code>:{" "}
          <strong className={health.data ? "ok" : "bad"}>
            {health.data ? "running" : health.error ? "unreachable" : "…"}
          </strong>
          {health.data?.head !== undefined && health.data.head !== null ? (
            <span className="muted">
              {" "}
              at block {health.data.head}
              {health.data.lagBlocks ? `, ${health.data.lagBlocks} behind` : ""}
            </span>
          ) : null}
          {alerts ? (
            <>
              {" "}
              — alerts kept by <code>{alerts.url}</code>
            </>
          ) : null}
        </p>
      ) : null}
      <ErrorNote error={health.error} />
      {!alerts ? (
        <Empty>
          No attack monitor posts alerts to a gateway here (none in services.json). <code>npm start</code>{" "}
          runs one with the devnet: it watches the demo lending vault and posts each alert to provider 1's
          gateway.
        </Empty>
      ) : (
        <>
          <div className="filters">
            <label>
              Severity{" "}
              <select
                value={filters.severity ?? ""}
                onChange={(event) => filter({ severity: event.target.value || undefined })}
                aria-label="alert severity"
              >
                <option value="">any</option>
                {alertSeverities.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Type{" "}
              <select
                value={filters.type ?? ""}
                onChange={(event) => filter({ type: event.target.value || undefined })}
                aria-label="alert type"
              >
                <option value="">any</option>
                {alertTypes.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ErrorNote error={page.error ?? handled.error} />
          {page.data && list.length === 0 ? (
            <Empty>
              {filters.severity || filters.type ? (
                "No alert matches these filters."
              ) : (
                <span data-testid="alerts-empty">
                  No alert yet. Produce one on the devnet with the demo attack —{" "}
                  <code>npm run attack -w apps/devnet</code> (a flash-loan exploit of the demo lending vault:
                  the monitor sees it pending, then mined) — or watch the monitor's log:{" "}
                  <code>tail -f {log}</code>
                </span>
              )}
            </Empty>
          ) : null}
          {list.length > 0 ? (
            <table>
              <thead>
                <tr>
                  <th>Severity</th>
                  <th>Type</th>
                  <th>Protocol</th>
                  <th>Transaction</th>
                  <th>Status</th>
                  {responding ? <th>Threat response</th> : null}
                  <th>Detected</th>
                </tr>
              </thead>
              <tbody>
                {list.map((entry) => {
                  const protocol = entry.alert.addresses[0] ?? "";
                  const label = protocolLabel(entry.alert);
                  return (
                    <tr
                      key={entry.id}
                      data-testid="alert-row"
                      data-alert-id={entry.id}
                      data-status={entry.status}
                    >
                      <td>
                        <span className={`severity severity-${entry.alert.severity}`}>
                          {entry.alert.severity}
                        </span>
                      </td>
                      <td>
                        {entry.alert.type}
                        <div className="small muted">{entry.alert.title}</div>
                      </td>
                      <td>
                        {label ? <strong>{label}</strong> : null} <Addr address={protocol} names={names} />
                      </td>
                      <td>
                        <code title={entry.alert.tx}>{shortHash(entry.alert.tx)}</code>
                      </td>
                      <td>
                        {entry.status === "mined" ? (
                          <>mined in block {entry.block}</>
                        ) : (
                          <span className="pending">pending (seen in the mempool)</span>
                        )}
                      </td>
                      {responding ? (
                        <td data-testid="alert-response">
                          <AlertResponse actions={responses.get(entry.id.toLowerCase())?.actions} />
                        </td>
                      ) : null}
                      <td>{formatMs(entry.alert.detectedAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
          <div className="pager">
            <button
              type="button"
              onClick={() => setCursors(cursors.slice(0, -1))}
              disabled={cursors.length === 0}
            >
              ‹ newer
            </button>
            <span>page {cursors.length + 1}</span>
            <button
              type="button"
              onClick={() => page.data?.nextBefore && setCursors([...cursors, page.data.nextBefore])}
              disabled={!page.data?.nextBefore}
            >
              older ›
            </button>
          </div>
        </>
      )}
      <p className="muted">
        An alert is seen twice: pending (the transaction simulated from the mempool) and mined, under one id —
        the pending one is the chance to respond before the block lands.
      </p>
    </Section>
  );
}

/** What the ThreatResponse did with a certified alert: its actions, or that it has not acted (yet). */
function AlertResponse({ actions }: { actions: number | undefined }) {
  if (actions === undefined) return <span className="muted">—</span>;
  const names = actionNames(actions);
  return names.length > 0 ? (
    <strong>{names.join(", ")}</strong>
  ) : (
    <span className="muted">handled, nothing applied</span>
  );
}
