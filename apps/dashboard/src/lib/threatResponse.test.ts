import assert from "node:assert/strict";
import { test } from "node:test";
import { alertTypes, severities } from "../../../monitor/src/alert.ts";
import {
  actionNames,
  actionsInForce,
  alertTypeName,
  severityName,
  verdictAlertTypes,
  verdictSeverities,
} from "./threatResponse.ts";

test("the verdict's alert types and severities are the monitor's, in the order AlertVerdict encodes them", () => {
  assert.deepEqual([...verdictAlertTypes], [...alertTypes]);
  assert.deepEqual([...verdictSeverities], [...severities]);
  assert.equal(alertTypeName(1), "flash-loan-exploit");
  assert.equal(severityName(4), "critical");
  assert.equal(alertTypeName(9), "type 9");
});

test("AlertHandled's actions bits name what was done", () => {
  assert.deepEqual(actionNames(0), []);
  assert.deepEqual(actionNames(1 | 2 | 8), ["protocol paused", "service paused", "threshold raised"]);
  assert.deepEqual(actionNames(4), ["operators frozen"]);
});

test("an action is in force while now < its stored end, caused by the alert that set that end", () => {
  const vault = "0x00000000000000000000000000000000000000aa";
  const pool = "0x00000000000000000000000000000000000000bb";
  const impositions = [
    { subject: vault, alertId: "0x01", until: 2_000 },
    // A later alert extends the pause: it is the cause now.
    { subject: vault, alertId: "0x02", until: 3_000 },
    // A later alert that would end earlier does not shorten it (the contract keeps the max).
    { subject: vault, alertId: "0x03", until: 2_500 },
    { subject: pool, alertId: "0x04", until: 1_500 },
  ];
  const stored = new Map([
    [vault, 3_000],
    [pool, 1_500],
  ]);
  assert.deepEqual(actionsInForce(impositions, stored, 1_000), [
    { subject: vault, until: 3_000, secondsLeft: 2_000, alertId: "0x02" },
    { subject: pool, until: 1_500, secondsLeft: 500, alertId: "0x04" },
  ]);
  // The end is exclusive: at 1,500 the pool is no longer paused.
  assert.deepEqual(
    actionsInForce(impositions, stored, 1_500).map((action) => action.subject),
    [vault],
  );
  // Alerts of one attack handled in the same second impose the same end: the first one caused it.
  const sameSecond = [
    { subject: vault, alertId: "0x05", until: 5_000 },
    { subject: vault, alertId: "0x06", until: 5_000 },
  ];
  assert.equal(actionsInForce(sameSecond, new Map([[vault, 5_000]]), 1_000)[0]?.alertId, "0x05");
  // Lifted by governance: the stored end is 0.
  assert.deepEqual(actionsInForce(impositions, new Map([[vault, 0]]), 1_000), []);
  // An end no event explains (not expected) still shows, with the last alert that touched it.
  assert.equal(actionsInForce(impositions, new Map([[vault, 4_000]]), 1_000)[0]?.alertId, "0x03");
});
