/**
 * The ThreatResponse's actions in force (decision 0008), from its events and views: each action's
 * stored end (`pausedUntil`, `servicePausedUntil`, `frozenUntil`, `thresholdFloorUntil`) says whether
 * it is in force now (while `now < until`: the end is exclusive, no transaction ends it), and the
 * imposing events (`ProtocolPaused`, `ServicePaused`, `OperatorFrozen`, `ThresholdFloorRaised`) say
 * which alert set that end. A lift sets the end to 0. Pure functions, no DOM.
 */

/** `AlertVerdict.alertType` values, in the contract's order (AlertVerdicts, decision 0008). */
export const verdictAlertTypes = [
  "large-outflow",
  "flash-loan-exploit",
  "ownership-change",
  "proxy-upgrade",
  "oracle-deviation",
  "approval-drain",
] as const;

/** `AlertVerdict.severity` values: 0 info … 4 critical. */
export const verdictSeverities = ["info", "low", "medium", "high", "critical"] as const;

export const alertTypeName = (value: number): string => verdictAlertTypes[value] ?? `type ${value}`;
export const severityName = (value: number): string => verdictSeverities[value] ?? `severity ${value}`;

/** `AlertHandled.actions` bits: 1 protocol paused, 2 service paused, 4 operators frozen, 8 threshold raised. */
export function actionNames(actions: number): string[] {
  const names = ["protocol paused", "service paused", "operators frozen", "threshold raised"];
  return names.filter((_, bit) => (actions >> bit) & 1);
}

/** One imposing event: `subject` is the protocol or operator address (lower-case), the service id, or "floor". */
export interface Imposition {
  subject: string;
  alertId: string;
  /** Unix seconds (exclusive). */
  until: number;
}

export interface ActionInForce {
  subject: string;
  until: number;
  secondsLeft: number;
  /** The alert whose imposition set the end in force (undefined if no event explains it). */
  alertId: string | undefined;
}

/**
 * The actions of one kind in force at `now`, the longest left first.
 * @param impositions the kind's imposing events in chain order
 * @param storedUntil the contract's end for each subject now (0: never imposed, or lifted)
 */
export function actionsInForce(
  impositions: readonly Imposition[],
  storedUntil: ReadonlyMap<string, number>,
  now: number,
): ActionInForce[] {
  const live: ActionInForce[] = [];
  for (const [subject, until] of storedUntil) {
    if (until <= now) continue;
    const own = impositions.filter((entry) => entry.subject === subject);
    // Ends only grow (max), so the alert in force is the first that imposed exactly this end: a later
    // alert that repeats it (several alerts of one attack, handled in one second) changed nothing.
    const setter = own.find((entry) => entry.until === until) ?? own.at(-1);
    live.push({ subject, until, secondsLeft: until - now, alertId: setter?.alertId });
  }
  return live.sort((a, b) => b.secondsLeft - a.secondsLeft || a.subject.localeCompare(b.subject));
}
