export {
  ConflictingPendingSignatureError,
  ConflictingSignatureError,
  InvalidStoreInputError,
  ReplayedCallError,
  StoreBusyError,
  StoreClosedError,
  StoreError,
  type StoreErrorParameters,
  StoreOpenError,
  StoreSchemaError,
  StoreWriteError,
  TaskClosedError,
} from "./errors.ts";
export type { MeteringStats } from "./sqlite/metering.ts";
export { schemaVersion } from "./sqlite/migrations.ts";
export {
  type OpenAlertStoreOptions,
  openAlertStore,
  type SqliteAlertStore,
} from "./sqlite/openAlertStore.ts";
export {
  type OpenMeteringStoreOptions,
  openMeteringStore,
  type SqliteMeteringStore,
} from "./sqlite/openMeteringStore.ts";
export { type OpenSqliteStoreOptions, openSqliteStore, type SqliteStore } from "./sqlite/openSqliteStore.ts";
export type {
  AlertInput,
  AlertSource,
  AlertStore,
  Hash32,
  ListAlertsOptions,
  ListCallsOptions,
  MeteredCall,
  MeteringStore,
  PendingSignature,
  PendingSignatureStore,
  PutAlertResult,
  PutPendingSignatureResult,
  RecordCallInput,
  RecordCallResult,
  RecordSignatureResult,
  SignatureRecord,
  SlashingProtectionStore,
  StoredAlert,
  UnclaimedPurchase,
} from "./types.ts";
