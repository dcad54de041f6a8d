/**
 * JSON-RPC 2.0 shapes, the error codes the firewall answers with, and the check every entry passes
 * before anything is forwarded.
 */

export type JsonRpcId = string | number | null;

export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export type JsonRpcResponse =
  | { jsonrpc: "2.0"; id: JsonRpcId; result: unknown }
  | { jsonrpc: "2.0"; id: JsonRpcId; error: JsonRpcErrorObject };

/** A well-formed request object (the members the firewall reads; others are forwarded untouched). */
export interface JsonRpcRequest {
  jsonrpc: "2.0";
  method: string;
  params?: unknown;
  id?: JsonRpcId;
}

/** The codes the firewall answers with (JSON-RPC 2.0; -32003 is EIP-1474's "transaction rejected"). */
export const rpcErrorCodes = {
  parseError: -32700,
  invalidRequest: -32600,
  invalidParams: -32602,
  internalError: -32603,
  transactionRejected: -32003,
} as const;

/** One entry of a body: a request (a notification when `id` is undefined) or something to refuse. */
export type InspectedEntry =
  | { valid: true; request: JsonRpcRequest; id: JsonRpcId | undefined }
  | { valid: false; id: JsonRpcId; problem: string };

const MEMBERS = new Set(["jsonrpc", "id", "method", "params"]);

/**
 * The key as Go's encoding/json matches it to a struct field: case-insensitively, with the two
 * non-ASCII letters that fold onto ASCII ones (U+017F ſ → s, U+212A Kelvin sign → k).
 */
function foldKey(key: string): string {
  return key
    .replace(/\u017f/g, "s")
    .replace(/\u212a/g, "k")
    .toLowerCase();
}

/**
 * Checks one entry. Beyond JSON-RPC 2.0's rules it refuses any key that a lenient decoder would read
 * as a member but `JSON.parse` does not (`"Method"`, `"paramſ"`): geth's decoder (encoding/json)
 * matches keys case-insensitively, so `{"method":"eth_chainId","Method":"eth_sendRawTransaction"}`
 * would be screened as eth_chainId and executed as a send. Refused entries are never forwarded.
 */
export function inspectEntry(value: unknown): InspectedEntry {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { valid: false, id: null, problem: "a request must be a JSON object" };
  const entry = value as Record<string, unknown>;
  const id = entry.id;
  const hasId = Object.hasOwn(entry, "id");
  const validId = id === null || typeof id === "string" || (typeof id === "number" && Number.isFinite(id));
  const replyId: JsonRpcId = hasId && validId ? (id as JsonRpcId) : null;
  const refuse = (problem: string): InspectedEntry => ({ valid: false, id: replyId, problem });

  for (const key of Object.keys(entry))
    if (!MEMBERS.has(key) && MEMBERS.has(foldKey(key)))
      return refuse(`member ${JSON.stringify(key)} is not spelled exactly as JSON-RPC 2.0 names it`);
  if (entry.jsonrpc !== "2.0") return refuse('"jsonrpc" must be exactly "2.0"');
  if (typeof entry.method !== "string" || entry.method === "") return refuse('"method" must be a string');
  if (hasId && !validId) return refuse('"id" must be a string, a number or null');
  const params = entry.params;
  if (params !== undefined && (typeof params !== "object" || params === null))
    return refuse('"params" must be an array or an object');
  return { valid: true, request: entry as unknown as JsonRpcRequest, id: hasId ? replyId : undefined };
}

export function errorResponse(id: JsonRpcId, error: JsonRpcErrorObject): JsonRpcResponse {
  return { jsonrpc: "2.0", id, error };
}

/** A response's id when it has a usable one (upstream answers are not trusted to be well formed). */
export function responseId(value: unknown): JsonRpcId | undefined {
  if (typeof value !== "object" || value === null || !Object.hasOwn(value, "id")) return undefined;
  const id = (value as { id: unknown }).id;
  return id === null || typeof id === "string" || typeof id === "number" ? id : undefined;
}
