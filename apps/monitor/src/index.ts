// @palisade/monitor's public API, by name: the alert schema (for receivers such as the gateway and
// the operator nodes that re-run a detector), the detectors, and runMonitor.
export {
  ALERT_SCHEMA,
  type Alert,
  type AlertDraft,
  type AlertOf,
  type AlertType,
  alertId,
  alertSchema,
  alertTypes,
  type EvidenceOf,
  parseAlert,
  type Severity,
  severities,
} from "./alert.ts";
export { type Analysis, analyseBlock, analyseTransaction } from "./analyse.ts";
export {
  ALERT_SOURCE_CODES,
  type AlertVerdict,
  type AlertVerdictJson,
  alertVerdictAbi,
  alertVerdictJson,
  decodeAlertVerdict,
  encodeAlertVerdict,
  MONITOR_ALERT_ENGINE_ID,
  type MonitorAlertRequestFields,
  monitorAlertRequestHash,
  notReproduced,
} from "./attested/alertVerdict.ts";
export {
  type AlertAttester,
  type AlertAttesterOptions,
  createAlertAttester,
} from "./attested/attestAlerts.ts";
export {
  ATTESTATION_SCHEMA,
  type AttestationRecord,
  attestationRecordSchema,
  parseAttestationRecord,
} from "./attested/attestationRecord.ts";
export { WatchDigestMismatchError } from "./attested/errors.ts";
export { registeredOperatorsAt, suspectsOf } from "./attested/implicated.ts";
export {
  type LoadedMonitorAlertEngine,
  type LoadMonitorAlertEngineOptions,
  loadMonitorAlertEngine,
  loadOperatorWatch,
} from "./attested/loadMonitorAlertEngine.ts";
export {
  createMonitorAlertEngine,
  type MonitorAlertEngine,
  type MonitorAlertEngineOptions,
  type MonitorAlertRequest,
} from "./attested/monitorAlertEngine.ts";
export { canonicalJson, canonicalWatch, watchDigest } from "./attested/watchDigest.ts";
export type {
  BlockObservation,
  CallNode,
  ObservedLog,
  StorageWrite,
  TxObservation,
} from "./chain/observation.ts";
export { observeBlock, observePending } from "./chain/observe.ts";
export { createRpcStateReader } from "./chain/stateReader.ts";
export { type MonitorConfig, parseConfig, usage } from "./config.ts";
export {
  approveAllCalldata,
  attackCalldata,
  DEMO_FEED_ANSWER,
  DEMO_FLASH_AMOUNT,
  type DeployMonitorDemoOptions,
  deployMonitorDemo,
  type MonitorDemo,
  monitorDemoAbis,
  monitorDemoWatchFile,
} from "./demo/attackDemo.ts";
export {
  type BlockDetector,
  type DetectorContext,
  detect,
  type StateReader,
  type TxDetector,
} from "./detectors/detector.ts";
export {
  approvalDrain,
  blockDetectors,
  flashLoan,
  largeOutflow,
  oracleDeviation,
  ownershipChange,
  proxyUpgrade,
  txDetectors,
} from "./detectors/index.ts";
export type { AlertTiming, OnAlert } from "./emitter.ts";
export {
  ChainMismatchError,
  MonitorConfigError,
  MonitorError,
  TracingUnavailableError,
  WatchFileError,
} from "./errors.ts";
export { reproduceAlert } from "./reproduce.ts";
export { type RunMonitorOptions, type RunningMonitor, runMonitor } from "./run.ts";
export {
  loadWatchFile,
  OZ_OWNABLE_SLOT,
  parseWatchFile,
  resolveWatch,
  serviceIdOf,
  type WatchConfig,
  type WatchFile,
  watchFileSchema,
} from "./watch.ts";
