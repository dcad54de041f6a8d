/**
 * What to do with one body (an HTTP POST or a WebSocket message), whatever carries it: every entry is
 * checked, the transaction-sending ones are screened (concurrently, each on its own), and the body is
 * either forwarded as received, answered by the firewall alone, or split — the allowed entries go
 * upstream as one batch and the rest are answered in place.
 */
import {
  BatchTooLargeError,
  InvalidJsonRpcError,
  MalformedJsonError,
  type RpcFirewallError,
  UpstreamInvalidAnswerError,
} from "./errors.ts";
import { errorResponse, inspectEntry, type JsonRpcId, type JsonRpcResponse, responseId } from "./jsonRpc.ts";
import { toJsonRpcError } from "./jsonRpcError.ts";
import type { RpcFirewallDecision, Screener } from "./screen.ts";
import { isScreenedMethod } from "./transaction.ts";

export interface PlannedEntry {
  /** The client's id; undefined for a notification (which gets no reply). */
  id: JsonRpcId | undefined;
  /** The entry as parsed, when it is a well-formed request. */
  request: Readonly<Record<string, unknown>> | null;
  /** Set when the firewall answers the entry itself; null when the entry goes upstream. */
  error: RpcFirewallError | null;
}

export type BodyPlan =
  /** Nothing goes upstream; `reply` is null when there is nothing to answer (only notifications). */
  | { kind: "answer"; reply: JsonRpcResponse | JsonRpcResponse[] | null }
  /** Every entry goes upstream: forward the body exactly as received and return the node's answer. */
  | { kind: "verbatim"; batch: boolean; entries: PlannedEntry[] }
  /** A batch some of whose entries the firewall answers: the others go upstream as a new batch. */
  | { kind: "partial"; entries: PlannedEntry[] };

export interface PlanContext {
  screen: Screener;
  transport: RpcFirewallDecision["transport"];
  maxBatchSize: number;
}

export async function planBody(text: string, context: PlanContext): Promise<BodyPlan> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: "answer", reply: failure(null, new MalformedJsonError(error)) };
  }
  const batch = Array.isArray(parsed);
  const values: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  if (batch && values.length === 0)
    return { kind: "answer", reply: failure(null, new InvalidJsonRpcError("empty batch")) };
  if (batch && values.length > context.maxBatchSize)
    return {
      kind: "answer",
      reply: failure(null, new BatchTooLargeError(values.length, context.maxBatchSize)),
    };
  if (!batch && (typeof parsed !== "object" || parsed === null))
    return {
      kind: "answer",
      reply: failure(null, new InvalidJsonRpcError("the body must be a request object or a batch")),
    };

  const entries = await Promise.all(values.map((value) => planEntry(value, context)));
  const forwarded = entries.filter((entry) => entry.error === null).length;
  if (forwarded === entries.length) return { kind: "verbatim", batch, entries };
  if (forwarded > 0) return { kind: "partial", entries };
  const replies = answersOf(entries);
  return { kind: "answer", reply: batch ? (replies.length > 0 ? replies : null) : (replies[0] ?? null) };
}

async function planEntry(value: unknown, context: PlanContext): Promise<PlannedEntry> {
  const inspected = inspectEntry(value);
  // An invalid entry is answered even without an id (JSON-RPC 2.0 answers it with id null).
  if (!inspected.valid)
    return { id: inspected.id, request: null, error: new InvalidJsonRpcError(inspected.problem) };
  const { request, id } = inspected;
  const entry = { id, request: request as unknown as Record<string, unknown> };
  if (!isScreenedMethod(request.method)) return { ...entry, error: null };
  const result = await context.screen(request, id, context.transport);
  return { ...entry, error: result.forward ? null : result.error };
}

function failure(id: JsonRpcId, error: unknown): JsonRpcResponse {
  return errorResponse(id, toJsonRpcError(error).error);
}

/** The firewall's own answers, in order, without the notifications'. */
function answersOf(entries: readonly PlannedEntry[]): JsonRpcResponse[] {
  const replies: JsonRpcResponse[] = [];
  for (const entry of entries)
    if (entry.error !== null && entry.id !== undefined) replies.push(failure(entry.id, entry.error));
  return replies;
}

/**
 * The batch that goes upstream for a partial plan: the forwarded entries with ids replaced by
 * `idFor(k)` (k = 0, 1 … among the forwarded entries that have ids), so the answers can be put back
 * in the client's order whatever the node's order and whatever ids the client chose (duplicates too).
 */
export function upstreamBatch(
  entries: readonly PlannedEntry[],
  idFor: (k: number) => string | number,
): { payload: unknown[]; ids: (string | number | undefined)[] } {
  const payload: unknown[] = [];
  const ids: (string | number | undefined)[] = [];
  let k = 0;
  for (const entry of entries) {
    if (entry.error !== null || entry.request === null) {
      ids.push(undefined);
      continue;
    }
    if (entry.id === undefined) {
      payload.push(entry.request);
      ids.push(undefined);
      continue;
    }
    const id = idFor(k++);
    payload.push({ ...entry.request, id });
    ids.push(id);
  }
  return { payload, ids };
}

/**
 * The reply to a partial plan: the node's answers (matched by the ids upstreamBatch gave) with the
 * client's ids restored, the firewall's errors in place. `upstream` is the node's parsed answer, or
 * the error that stopped it (then every forwarded entry gets that error).
 */
export function mergeReplies(
  entries: readonly PlannedEntry[],
  ids: readonly (string | number | undefined)[],
  upstream: unknown,
): JsonRpcResponse[] {
  const byId = new Map<JsonRpcId, unknown>();
  let wholesale: unknown;
  if (upstream instanceof Error) wholesale = upstream;
  else if (Array.isArray(upstream)) {
    for (const answer of upstream) {
      const id = responseId(answer);
      if (id !== undefined) byId.set(id, answer);
    }
  } else if (responseId(upstream) === null && typeof upstream === "object" && upstream !== null)
    // A node that refuses the whole batch answers one error object (id null): it applies to each entry.
    wholesale = upstream;
  else wholesale = new UpstreamInvalidAnswerError("the answer to a batch is not an array");

  const replyTo = (entry: PlannedEntry, id: JsonRpcId, index: number): JsonRpcResponse => {
    if (entry.error !== null) return failure(id, entry.error);
    if (wholesale instanceof Error) return failure(id, wholesale);
    if (wholesale !== undefined) return { ...(wholesale as JsonRpcResponse), id };
    const answer = byId.get(ids[index] as string | number);
    if (typeof answer !== "object" || answer === null)
      return failure(id, new UpstreamInvalidAnswerError("no answer for a request of the batch"));
    return { ...(answer as JsonRpcResponse), id };
  };
  return entries.flatMap((entry, index) => (entry.id === undefined ? [] : [replyTo(entry, entry.id, index)]));
}

/** Every reply of a verbatim plan when the node could not be reached: `error` for each request. */
export function failedReplies(
  batch: boolean,
  entries: readonly PlannedEntry[],
  error: unknown,
): JsonRpcResponse | JsonRpcResponse[] | null {
  const replies = entries.flatMap((entry) => (entry.id === undefined ? [] : [failure(entry.id, error)]));
  return batch ? (replies.length > 0 ? replies : null) : (replies[0] ?? null);
}
