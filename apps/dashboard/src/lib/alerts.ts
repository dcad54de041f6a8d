/**
 * The alert filters the Governance & alerts page offers: every severity (most severe first) and every
 * detector type of palisade.alert/1 (apps/monitor/src/alert.ts; lib.test.ts checks they stay the
 * monitor's). Kept here rather than imported at run time: the monitor's module brings zod and keccak
 * into the page for two lists.
 */
export const alertSeverities = ["critical", "high", "medium", "low", "info"] as const;
export const alertTypes = [
  "flash-loan-exploit",
  "large-outflow",
  "oracle-deviation",
  "approval-drain",
  "ownership-change",
  "proxy-upgrade",
] as const;
