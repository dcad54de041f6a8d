import type { Hex, PublicClient } from "viem";

/**
 * One JSON-RPC call, without viem's retries: a firewall on the send path must answer at once, and
 * an error is classified (below) rather than repeated.
 */
export async function rpcRequest<T>(
  client: PublicClient,
  method: string,
  params: readonly unknown[],
): Promise<T> {
  // debug_traceCall is outside viem's typed RPC schema, hence the loosened signature.
  const request = client.request as unknown as (
    args: { method: string; params: readonly unknown[] },
    options: { retryCount: number; dedupe: boolean },
  ) => Promise<T>;
  return request({ method, params }, { retryCount: 0, dedupe: false });
}

/**
 * What an RPC error means for a simulation:
 * - `unsupported`: the node does not offer the method or tracer (try the next backend);
 * - `invalid`: the node refused to execute the transaction (insufficient funds, nonce, gas, fees);
 * - `revert`: the node answered "execution reverted" as an error, with the revert data;
 * - `other`: anything else (unreachable node, unknown block …), which the caller reports as such.
 */
export type RpcFailure =
  | { kind: "unsupported"; message: string }
  | { kind: "invalid"; message: string }
  | { kind: "revert"; data: Hex }
  | { kind: "other" };

/** Method missing (-32601), method not supported (-32004, EIP-1474). */
const UNSUPPORTED_CODES = new Set([-32601, -32004]);
/** An invalid-params answer means "unsupported" only when it says so (e.g. an unknown tracer). */
const UNSUPPORTED_MESSAGE =
  /unsupported|not supported|not available|unknown tracer|does not exist|not found/i;
/**
 * Transaction rejected (-32003, EIP-1474; anvil), eth_simulateV1's transaction errors (-38010 … -38099,
 * -32015 VM error).
 */
const INVALID_CODES = new Set([-32003, -32015]);
/** Geth answers -32000 for a rejected transaction and for other server errors alike: read the message. */
const INVALID_MESSAGE =
  /insufficient funds|nonce too (low|high)|intrinsic gas|gas too low|exceeds block gas limit|max fee per gas|base fee|fee cap|gas limit reached|sender not an eoa|init code size/i;

/** Classifies an error thrown by rpcRequest (viem wraps the JSON-RPC error; its chain holds the code). */
export function classifyRpcError(error: unknown): RpcFailure {
  const rpc = findRpcError(error);
  if (rpc === undefined) return { kind: "other" };
  const { code, message, data } = rpc;
  if (UNSUPPORTED_CODES.has(code) || (code === -32602 && UNSUPPORTED_MESSAGE.test(message)))
    return { kind: "unsupported", message };
  if (code === 3)
    return { kind: "revert", data: typeof data === "string" && data.startsWith("0x") ? (data as Hex) : "0x" };
  if (
    INVALID_CODES.has(code) ||
    (code <= -38000 && code >= -38099) ||
    (code === -32000 && INVALID_MESSAGE.test(message))
  )
    return { kind: "invalid", message };
  return { kind: "other" };
}

interface RpcErrorFacts {
  code: number;
  message: string;
  data: unknown;
}

/** The innermost error of the cause chain that carries a JSON-RPC code, with the node's own message. */
function findRpcError(error: unknown): RpcErrorFacts | undefined {
  let found: RpcErrorFacts | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === "object" && current !== null; depth++) {
    const candidate = current as {
      code?: unknown;
      details?: unknown;
      shortMessage?: unknown;
      message?: unknown;
      data?: unknown;
      cause?: unknown;
    };
    if (typeof candidate.code === "number") {
      const message =
        typeof candidate.details === "string" && candidate.details !== ""
          ? candidate.details
          : typeof candidate.shortMessage === "string"
            ? candidate.shortMessage
            : String(candidate.message ?? "");
      found = { code: candidate.code, message, data: candidate.data ?? found?.data };
    }
    current = candidate.cause;
  }
  return found;
}

/** The JSON-RPC error code in an error's cause chain; undefined when the node never answered (transport failure). */
export function rpcErrorCode(error: unknown): number | undefined {
  return findRpcError(error)?.code;
}
