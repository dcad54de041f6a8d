import type { ReactNode } from "react";
import { type Address, getAddress } from "viem";
import { formatBps, formatDuration, formatTime, shortHash } from "../../../src/lib/format.ts";
import {
  type ActionInForce,
  actionNames,
  actionsInForce,
  alertTypeName,
  type Imposition,
  severityName,
} from "../../../src/lib/threatResponse.ts";
import type { EventLog } from "../../chain/events.ts";
import { Addr, Empty, ErrorNote, Loading, Section, usePaged } from "../../components/ui.tsx";
import { useApp, useChainQuery, useEvents, useHead } from "../../context.tsx";
import { type HandledAlert, handledAlerts, loadThreatState, threatEvent } from "../../data/threatResponse.ts";
import { useNames } from "../../names.ts";

const impositions = (logs: readonly EventLog[], subject: (log: EventLog) => string): Imposition[] =>
  logs.map((log) => ({
    subject: subject(log),
    alertId: log.args.alertId as string,
    until: Number(log.args.until),
  }));

const lower = (value: unknown) => String(value).toLowerCase();

/**
 * The ThreatResponse (decision 0008): the actions certified alerts imposed that are still in force —
 * protocols paused, marketplace services paused, operators frozen, the certification threshold's floor —
 * each with its end, the time left and the alert that caused it; and every alert it handled.
 */
export function ThreatResponseSection() {
  const app = useApp();
  const governance = app.config.deployment.governance;
  if (!governance) return null;
  if (!governance.threatResponse)
    return (
      <Section title="Threat response" testId="threat-response">
        <Empty>
          This deployment has no ThreatResponse in its governance section (decision 0008): certified alerts
          pause protocols and services, freeze implicated operators and raise the certification threshold once
          it is deployed. Restart the devnet on a fresh state (<code>npm start</code>) to get one.
        </Empty>
      </Section>
    );
  return <ThreatResponsePanel />;
}

function ThreatResponsePanel() {
  const app = useApp();
  const names = useNames();
  const { head } = useHead();
  const now = head?.timestamp ?? 0;
  const handled = useEvents(threatEvent(app, "AlertHandled"));
  const protocolPaused = useEvents(threatEvent(app, "ProtocolPaused"));
  const servicePaused = useEvents(threatEvent(app, "ServicePaused"));
  const operatorFrozen = useEvents(threatEvent(app, "OperatorFrozen"));
  const floorRaised = useEvents(threatEvent(app, "ThresholdFloorRaised"));
  const protocols = [...new Set(protocolPaused.logs.map((log) => log.args.protocol as Address))];
  const services = [...new Set(servicePaused.logs.map((log) => log.args.serviceId as bigint))];
  const operators = [...new Set(operatorFrozen.logs.map((log) => log.args.operator as Address))];
  const state = useChainQuery(
    (context) => loadThreatState(context, { protocols, services, operators }),
    [protocols, services, operators],
  );
  const history = handledAlerts(handled.logs);
  const byAlert = new Map(history.map((entry) => [entry.alertId, entry]));
  const pagedHistory = usePaged(history, 10);
  const error =
    handled.error ?? protocolPaused.error ?? servicePaused.error ?? operatorFrozen.error ?? floorRaised.error;

  const rows: { kind: string; subject: ReactNode; action: ActionInForce; testId: string }[] = [];
  if (state.data) {
    const { data } = state;
    for (const action of actionsInForce(
      impositions(protocolPaused.logs, (log) => lower(log.args.protocol)),
      data.protocolsUntil,
      now,
    ))
      rows.push({
        kind: "protocol paused",
        subject: <Addr address={getAddress(action.subject)} names={names} />,
        action,
        testId: "protocol",
      });
    for (const action of actionsInForce(
      impositions(servicePaused.logs, (log) => String(log.args.serviceId)),
      data.servicesUntil,
      now,
    ))
      rows.push({
        kind: "service paused",
        subject: (
          <>
            service {action.subject} <span className="muted small">(purchases refused)</span>
          </>
        ),
        action,
        testId: "service",
      });
    for (const action of actionsInForce(
      impositions(operatorFrozen.logs, (log) => lower(log.args.operator)),
      data.operatorsUntil,
      now,
    ))
      rows.push({
        kind: "operator frozen",
        subject: (
          <>
            <Addr address={getAddress(action.subject)} names={names} />{" "}
            <span className="muted small">(no exit, no withdrawal)</span>
          </>
        ),
        action,
        testId: "operator",
      });
    const floor = actionsInForce(
      impositions(floorRaised.logs, () => "floor"),
      new Map([["floor", data.floorBps > 0 ? data.floorUntil : 0]]),
      now,
    );
    for (const action of floor)
      rows.push({
        kind: "threshold floor",
        subject: (
          <>
            certification at ≥ <strong>{formatBps(data.floorBps)}</strong> of the stake
            {data.quorumThresholdBps !== undefined ? (
              <span className="muted small"> (normally {formatBps(data.quorumThresholdBps)})</span>
            ) : null}
          </>
        ),
        action,
        testId: "floor",
      });
  }

  return (
    <Section title="Threat response: actions in force" testId="threat-response">
      <ErrorNote error={error ?? state.error} />
      {state.data ? (
        <p className="muted small">
          Policy: alerts of severity {severityName(state.data.policy.minSeverity)} or above, certified within{" "}
          {state.data.policy.maxAlertAge} blocks, pause a protocol that opted in for{" "}
          {formatDuration(state.data.policy.pauseSeconds)} and its marketplace service for{" "}
          {formatDuration(state.data.policy.servicePauseSeconds)}, freeze implicated operators for{" "}
          {formatDuration(state.data.policy.freezeSeconds)}; a critical one raises the threshold to{" "}
          {formatBps(state.data.policy.thresholdFloorBps)} for{" "}
          {formatDuration(state.data.policy.thresholdSeconds)}. Each ends by itself; governance (the Timelock)
          may lift it earlier.
        </p>
      ) : (
        <Loading what="the threat response" />
      )}
      {state.data && rows.length === 0 ? (
        <Empty>
          <span data-testid="threat-empty">
            No action in force. A certified alert acts here: the monitor's alert re-derived and signed by the
            operators (monitor-alert@1, the monitor's <code>--aggregator-url</code>), then presented to the
            ThreatResponse by anyone (<code>respond</code>). The devnet's demo exploit,{" "}
            <code>npm run attack -w apps/devnet</code>, raises the alerts.
          </span>
        </Empty>
      ) : null}
      {rows.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Action</th>
              <th>On</th>
              <th>Until</th>
              <th>Caused by alert</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={`${row.kind}-${row.action.subject}`}
                data-testid="threat-action"
                data-kind={row.testId}
              >
                <td>
                  <strong>{row.kind}</strong>
                </td>
                <td>{row.subject}</td>
                <td>
                  {formatTime(row.action.until)}
                  <div className="small">
                    <strong>{formatDuration(row.action.secondsLeft)}</strong> left
                  </div>
                </td>
                <td>
                  <AlertRef alertId={row.action.alertId} handled={byAlert} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {history.length > 0 ? (
        <>
          <h4>Alerts handled ({history.length})</h4>
          <table data-testid="threat-history">
            <thead>
              <tr>
                <th>Alert</th>
                <th>Protocol</th>
                <th>Service</th>
                <th>Actions taken</th>
                <th>Block</th>
              </tr>
            </thead>
            <tbody>
              {pagedHistory.items.map((entry) => (
                <tr key={entry.alertId} data-testid="threat-handled">
                  <td>
                    <AlertRef alertId={entry.alertId} handled={byAlert} />
                  </td>
                  <td>
                    <Addr address={entry.protocol} names={names} />
                  </td>
                  <td>{entry.serviceId === 0n ? "—" : entry.serviceId.toString()}</td>
                  <td>
                    {actionNames(entry.actions).join(", ") || <span className="muted">none applied</span>}
                  </td>
                  <td>{entry.blockNumber.toString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {pagedHistory.pager}
        </>
      ) : null}
    </Section>
  );
}

function AlertRef({
  alertId,
  handled,
}: {
  alertId: string | undefined;
  handled: ReadonlyMap<string, HandledAlert>;
}) {
  if (!alertId) return <span className="muted">—</span>;
  const entry = handled.get(alertId);
  return (
    <span data-testid="threat-alert" data-alert-id={alertId}>
      <code title={alertId}>{shortHash(alertId)}</code>
      {entry ? (
        <div className="small">
          <span className={`severity severity-${severityName(entry.severity)}`}>
            {severityName(entry.severity)}
          </span>{" "}
          {alertTypeName(entry.alertType)}
        </div>
      ) : null}
    </span>
  );
}
