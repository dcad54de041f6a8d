import { ExecutionRevertedError, RpcError, RpcRequestError } from "viem";
import { EngineRpcError } from "../errors.ts";

/** The engine id reports and errors carry. */
export const TOKEN_RISK_ENGINE_ID = "token-risk@1";

/** JSON-RPC codes that mean "slow down": the node is not refusing the question itself. */
const RATE_LIMIT_CODES = new Set([-32005, -32007, 429]);

/**
 * Whether the node answered with a JSON-RPC error — it cannot or will not answer (method or state
 * override not offered, state pruned, call reverted) — rather than not answering at all (connection
 * refused, timeout, HTTP error) or rate-limiting. Only the former may make a field null: a report
 * must not change because a request was unlucky.
 */
export function isNodeRefusal(error: unknown): boolean {
  const code = rpcErrorCode(error);
  return code !== null && !RATE_LIMIT_CODES.has(code);
}

/** Whether a call failed because the EVM reverted (as opposed to the node refusing the request). */
export function isRevert(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 10; depth++) {
    if (current instanceof ExecutionRevertedError) return true;
    current = current.cause;
  }
  // Geth and anvil answer a revert with JSON-RPC code 3 ("execution reverted").
  return rpcErrorCode(error) === 3;
}

/** The JSON-RPC error code the node answered with, or null when it did not answer (network, timeout). */
function rpcErrorCode(error: unknown): number | null {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 10; depth++) {
    // viem throws RpcError subclasses for the standard codes, RpcRequestError for the others (3: revert).
    if (current instanceof RpcError || current instanceof RpcRequestError) return current.code;
    current = current.cause;
  }
  return null;
}

/** The value, or null when the node refuses (isNodeRefusal); any other failure is an EngineRpcError. */
export async function orNull<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (isNodeRefusal(error)) return null;
    throw new EngineRpcError(TOKEN_RISK_ENGINE_ID, error);
  }
}

/** Like orNull, but every failure is an EngineRpcError (reads without which there is no report). */
export async function must<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw new EngineRpcError(TOKEN_RISK_ENGINE_ID, error);
  }
}
