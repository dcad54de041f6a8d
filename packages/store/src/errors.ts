import type { SignatureRecord } from "./types.ts";

export interface StoreErrorParameters {
  details?: string | undefined;
  cause?: unknown;
}

/**
 * The root of every error the store throws (same shape as the SDK's BaseError: `shortMessage` for a
 * log line, `details`, `cause`). Kept local so the store depends on nothing but its database driver.
 */
export class StoreError extends Error {
  override name = "StoreError";
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(shortMessage: string, parameters: StoreErrorParameters = {}) {
    const details =
      parameters.details ?? (parameters.cause instanceof Error ? parameters.cause.message : undefined);
    super(details ? `${shortMessage}\n\nDetails: ${details}` : shortMessage, { cause: parameters.cause });
    this.shortMessage = shortMessage;
    this.details = details;
  }
}

/**
 * A signature was already recorded for this request with a different response. Signing the new one
 * would be equivocation (slashable); `existing` is what was signed.
 */
export class ConflictingSignatureError extends StoreError {
  override name = "ConflictingSignatureError";
  constructor(
    readonly existing: SignatureRecord,
    readonly refusedResponseHash: `0x${string}`,
  ) {
    super(`request ${existing.requestHash} was already signed with a different response`, {
      details: `signed ${existing.responseHash} at block ${existing.referenceBlock}; refused ${refusedResponseHash}`,
    });
  }
}

/** A pending signature from this signer for this task is already stored and differs from the new one. */
export class ConflictingPendingSignatureError extends StoreError {
  override name = "ConflictingPendingSignatureError";
  constructor(
    readonly taskId: `0x${string}`,
    readonly signer: string,
  ) {
    super(`signer ${signer} already submitted a different signature for task ${taskId}`);
  }
}

/** The task is marked done: it takes no more signatures. */
export class TaskClosedError extends StoreError {
  override name = "TaskClosedError";
  constructor(readonly taskId: `0x${string}`) {
    super(`task ${taskId} is done and takes no more signatures`);
  }
}

/** A value handed to the store is malformed (not a 32-byte hash, a negative block …). */
export class InvalidStoreInputError extends StoreError {
  override name = "InvalidStoreInputError";
  constructor(field: string, value: unknown, expected: string) {
    super(`invalid ${field}: expected ${expected}`, { details: `got ${JSON.stringify(String(value))}` });
  }
}

/** The database file was written by a newer store (schema version above what this code knows). */
export class StoreSchemaError extends StoreError {
  override name = "StoreSchemaError";
  constructor(
    readonly path: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(`${path} has schema version ${found}; this build knows up to ${known} (upgrade the software)`);
  }
}

/** The database could not be opened (bad path, not a database, locked for too long …). */
export class StoreOpenError extends StoreError {
  override name = "StoreOpenError";
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`could not open the store at ${path}`, { cause });
  }
}

/**
 * The call (purchaseId, call number) is already recorded: it was served before, here or in another
 * process sharing the store. The existing row is unchanged.
 */
export class ReplayedCallError extends StoreError {
  override name = "ReplayedCallError";
  constructor(
    readonly purchaseId: bigint,
    readonly call: bigint,
  ) {
    super(`call ${call} of purchase ${purchaseId} is already recorded`);
  }
}

/** Another process held the write lock for longer than the store's busy timeout. Nothing was written. */
export class StoreBusyError extends StoreError {
  override name = "StoreBusyError";
  constructor(
    readonly path: string,
    readonly waitedMs: number,
  ) {
    super(`${path} stayed locked by another writer for ${waitedMs} ms`);
  }
}

/** A write transaction failed (disk full, I/O error …) and was rolled back: nothing of it was written. */
export class StoreWriteError extends StoreError {
  override name = "StoreWriteError";
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`writing to ${path} failed`, { cause });
  }
}

/** The store was closed: it takes no more calls. */
export class StoreClosedError extends StoreError {
  override name = "StoreClosedError";
  constructor(readonly path: string) {
    super(`the store at ${path} is closed`);
  }
}
