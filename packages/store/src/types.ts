/** A 32-byte hash, 0x-prefixed, lower-case hex. */
export type Hash32 = `0x${string}`;

/** What an operator signed for one request: the slashing-protection record. */
export interface SignatureRecord {
  /** keccak256 identifying the request (engine version, inputs, reference block). */
  requestHash: Hash32;
  /** keccak256 of the canonical response the operator signed. */
  responseHash: Hash32;
  /** The pinned block the engine ran at. */
  referenceBlock: number;
  /** Unix milliseconds. */
  signedAt: number;
}

export interface RecordSignatureResult {
  /** The stored record: the new one, or the identical earlier one. */
  record: SignatureRecord;
  /** False when the same response was already recorded (the call was a no-op). */
  created: boolean;
}

/**
 * Slashing protection for an operator: at most one response per request, ever. Implementations must
 * make `recordSignature` atomic across processes sharing the store and durable when it returns (a
 * signature may be released as soon as it resolves).
 */
export interface SlashingProtectionStore {
  /**
   * Records that `responseHash` is signed for `requestHash`. Idempotent for the same response;
   * throws ConflictingSignatureError (carrying the existing record) for a different one.
   */
  recordSignature(record: SignatureRecord): Promise<RecordSignatureResult>;
  /** The record for `requestHash`, if any. */
  getSignature(requestHash: Hash32): Promise<SignatureRecord | undefined>;
  /** How many requests are recorded. */
  countSignatures(): Promise<number>;
}

/** One operator's signature collected by the aggregator for a task. */
export interface PendingSignature {
  /** The task (e.g. the attestation digest) the signature is for. */
  taskId: Hash32;
  /** Who signed: an operator address or pubkey hash, as the aggregator chooses. */
  signer: string;
  /** The signature bytes (hex), e.g. the 256-byte on-chain G2 encoding. */
  signature: `0x${string}`;
  /** Unix milliseconds. */
  receivedAt: number;
}

export interface PutPendingSignatureResult {
  signature: PendingSignature;
  created: boolean;
}

/**
 * The aggregator's restart-safe pending signatures. `putSignature` is idempotent for the same bytes
 * and refuses a different signature from the same signer (ConflictingPendingSignatureError) and any
 * signature for a task marked done (TaskClosedError).
 */
export interface PendingSignatureStore {
  putSignature(signature: PendingSignature): Promise<PutPendingSignatureResult>;
  getSignature(taskId: Hash32, signer: string): Promise<PendingSignature | undefined>;
  /** Signatures of a task in arrival order. */
  listSignatures(taskId: Hash32): Promise<PendingSignature[]>;
  /** Tasks with at least one signature that are not done, oldest first. */
  listOpenTasks(): Promise<Hash32[]>;
  /** Closes the task; its signatures stay readable. Idempotent. */
  markTaskDone(taskId: Hash32, doneAt?: number): Promise<void>;
  isTaskDone(taskId: Hash32): Promise<boolean>;
}

/**
 * One call a provider served, with the access token that authorised it (decision 0004: a token
 * with nonce k authorises calls 1 … k of its purchase; one token may cover one call or a range).
 */
export interface MeteredCall {
  /** uint64 on-chain; below 2^63 here. */
  purchaseId: bigint;
  /**
   * The call's number within the purchase, 1 … `nonce` (below 2^63): with `purchaseId`, the key
   * that makes every call recorded once.
   */
  call: bigint;
  /**
   * The nonce of the token that authorised the call: the highest call number that token covers
   * (≥ `call`). With `expiry` and `signature`, what `claim` takes to prove `nonce` calls.
   */
  nonce: bigint;
  /** The token's expiry, Unix seconds. */
  expiry: bigint;
  /** Who signed the token (the consumer or its session key), lower-cased on the way in. */
  signer: `0x${string}`;
  /** The token's 65-byte signature. */
  signature: `0x${string}`;
  /** Unix milliseconds. */
  servedAt: number;
}

/**
 * What `recordCall` takes: a MeteredCall whose `call` defaults to the token's `nonce` (a token per
 * call, whose nonce is the call's number).
 */
export type RecordCallInput = Omit<MeteredCall, "call"> & { call?: bigint };

export interface RecordCallResult {
  /** Calls recorded for the purchase once this one committed (this one included). */
  callsRecorded: number;
}

export interface ListCallsOptions {
  /** Only calls with a number above this (default 0n: from the first). */
  after?: bigint;
  /** At most this many, by ascending call number (default 100, at most 10,000). */
  limit?: number;
}

/** A purchase whose recorded tokens prove more calls than were claimed on-chain. */
export interface UnclaimedPurchase {
  purchaseId: bigint;
  /** Calls recorded. */
  calls: number;
  /** The highest token nonce recorded: the calls a claim with `highestCall`'s token proves. */
  highestNonce: bigint;
  /** Token nonce last marked claimed. */
  claimedUpTo: bigint;
}

/**
 * A provider's metering: each served call recorded once, durably, before it is served.
 * `recordCall` is the quota's enforcement point: it resolves only once the call is durable (a
 * crash or power loss after it resolves keeps the row) and rejects with ReplayedCallError when the
 * (purchaseId, call) pair is already recorded — by this process or any other sharing the store —
 * leaving the existing row unchanged.
 *
 * Two measures, on purpose: `countCalls` is the calls recorded (served); the claim is in token
 * nonces — the highest recorded token authorises `nonce` calls, which is what the contract pays.
 * With a token per call they are equal; with a token covering a range (a batch of B calls) the
 * proof may run ahead of the calls served by at most the unused part of the last batch, which the
 * consumer authorised by signing it (decision 0004).
 */
export interface MeteringStore {
  recordCall(call: RecordCallInput): Promise<RecordCallResult>;
  /** Calls recorded for the purchase (0 when none): what was served, not what a claim proves. */
  countCalls(purchaseId: bigint): Promise<number>;
  /**
   * The recorded call whose token has the highest nonce (the first recorded among equals): its
   * token is the usage proof (`claim(purchaseId, {nonce, expiry, signature})` claims `nonce` calls
   * with it). Undefined when none is recorded.
   */
  highestCall(purchaseId: bigint): Promise<MeteredCall | undefined>;
  /** Recorded calls by ascending call number, a page at a time. */
  listCalls(purchaseId: bigint, options?: ListCallsOptions): Promise<MeteredCall[]>;
  /**
   * Records (durably) that a token with nonce `nonce` was claimed on-chain (calls 1 … nonce are
   * paid for); never moves backwards.
   */
  markClaimed(purchaseId: bigint, nonce: bigint): Promise<void>;
  /** The highest token nonce marked claimed (0n when none). */
  claimedUpTo(purchaseId: bigint): Promise<bigint>;
  /** Purchases whose highest recorded token nonce is above what was claimed, by ascending id. */
  listUnclaimed(options?: { limit?: number }): Promise<UnclaimedPurchase[]>;
}

/** Where a monitor saw an alert's transaction: mined in a block, or pending in the mempool. */
export type AlertSource = "block" | "mempool";

/**
 * An alert to keep (the receiver validated it first, e.g. with @palisade/monitor's `alertSchema`): the
 * fields lists filter and page on, and the alert itself as JSON text.
 */
export interface AlertInput {
  /** The alert id (32-byte hex): the same for the pending and the mined detection of one attack. */
  id: Hash32;
  chainId: number;
  type: string;
  severity: string;
  tx: Hash32;
  source: AlertSource;
  /** The including block: a number when `source` is "block", null while pending. */
  block: number | null;
  /** Unix ms, the sender's clock. */
  detectedAt: number;
  /** Unix ms, the receiver's clock. */
  receivedAt: number;
  /** The alert as received (JSON text), kept verbatim. */
  json: string;
}

/** An alert as stored: the first one received under its id, and whether it was seen mined. */
export interface StoredAlert {
  /** Order of arrival (1, 2, …): the paging cursor and the live stream's event id. */
  seq: number;
  id: Hash32;
  chainId: number;
  type: string;
  severity: string;
  tx: Hash32;
  /** The source of the first alert received. */
  source: AlertSource;
  detectedAt: number;
  receivedAt: number;
  /**
   * The block that mined the transaction: the first alert's own block when it came mined, else the
   * mined repeat's; null while only the pending alert was received.
   */
  minedBlock: number | null;
  /** When the mined alert was received (Unix ms); null while pending. */
  minedAt: number | null;
  /** The first alert received, verbatim. */
  json: string;
}

export interface PutAlertResult {
  alert: StoredAlert;
  /** False: the id was stored already (the first alert is kept). */
  created: boolean;
  /** This put recorded that the alert was mined (a pending alert's mined repeat). */
  minedNow: boolean;
}

export interface ListAlertsOptions {
  /** Only alerts received before this one (its `seq`): the next page, newest first. */
  before?: number;
  /** Only alerts received after this one (its `seq`): what a reader missed, oldest first. */
  after?: number;
  /** Only alerts received at or after this time (Unix ms). */
  since?: number;
  /** Only these severities / types (any of them); empty or absent: all. */
  severities?: readonly string[];
  types?: readonly string[];
  /** At most this many (default 20, at most 1,000). */
  limit?: number;
}

/**
 * A receiver's attack-monitor alerts (the gateway's `POST /v1/alerts`): each id stored once, durably
 * (`putAlert` resolves once the row is committed and fsynced), the first alert kept verbatim.
 */
export interface AlertStore {
  /**
   * Stores the alert unless its id is stored already. A repeat is a no-op except one: a mined repeat
   * ("block") of an alert first received pending records its block and time (`minedNow`).
   */
  putAlert(alert: AlertInput): Promise<PutAlertResult>;
  getAlert(id: Hash32): Promise<StoredAlert | undefined>;
  /** Newest first (by arrival); with `after`, oldest first from that cursor. */
  listAlerts(options?: ListAlertsOptions): Promise<StoredAlert[]>;
  countAlerts(): Promise<number>;
}
