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
