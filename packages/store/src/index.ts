export {
  ConflictingPendingSignatureError,
  ConflictingSignatureError,
  InvalidStoreInputError,
  StoreError,
  type StoreErrorParameters,
  StoreOpenError,
  StoreSchemaError,
  TaskClosedError,
} from "./errors.ts";
export { schemaVersion } from "./sqlite/migrations.ts";
export { type OpenSqliteStoreOptions, openSqliteStore, type SqliteStore } from "./sqlite/openSqliteStore.ts";
export type {
  Hash32,
  PendingSignature,
  PendingSignatureStore,
  PutPendingSignatureResult,
  RecordSignatureResult,
  SignatureRecord,
  SlashingProtectionStore,
} from "./types.ts";
