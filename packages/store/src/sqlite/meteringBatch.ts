/**
 * The wire between the metering store (main thread) and its writer thread: a batch of writes as
 * fixed 126-byte records in one transferred ArrayBuffer (no structured clone of objects, no copy),
 * and the writer's answer.
 *
 *   offset size  field
 *        0    1  kind: 1 call, 2 claim
 *        1    8  purchaseId (int64, big-endian)
 *        9    8  call: the call's number (0 for a claim)
 *       17    8  nonce: the token's nonce (≥ call); for a claim, the token nonce claimed
 *       25    8  expiry (0 for a claim)
 *       33    8  servedAt, Unix ms (0 for a claim)
 *       41   20  signer (zeros for a claim)
 *       61   65  signature (zeros for a claim)
 */
export const RECORD_BYTES = 126;
export const KIND_CALL = 1;
export const KIND_CLAIM = 2;

/** main → writer. */
export type WriterRequest =
  | { type: "batch"; id: number; records: ArrayBuffer; count: number }
  | { type: "close" };

/**
 * writer → main, one per transaction, which may hold several batches (`ids`, in the order sent).
 * `outcomes` runs over their writes in that order: calls recorded after the write, -1 for a replayed
 * call, 0 for a claim.
 */
export type WriterReply =
  | { type: "ready" }
  | { type: "committed"; ids: number[]; outcomes: Int32Array; busyRetries: number }
  | { type: "failed"; ids: number[]; reason: "busy"; waitedMs: number; busyRetries: number }
  | { type: "failed"; ids: number[]; reason: "write"; message: string; busyRetries: number }
  | { type: "closed" };

export interface WriterData {
  path: string;
  busyTimeoutMs: number;
  /** At most this many writes per transaction. */
  maxBatch: number;
}
