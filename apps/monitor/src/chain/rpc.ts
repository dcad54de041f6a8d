import type { PublicClient } from "viem";

/**
 * One JSON-RPC request outside viem's typed schema (debug_*, eth_getBlockReceipts, txpool_*), with
 * viem's retries for transient failures.
 */
export async function rpc<T>(client: PublicClient, method: string, params: readonly unknown[]): Promise<T> {
  const request = client.request as unknown as (
    args: { method: string; params: readonly unknown[] },
    options?: { dedupe?: boolean },
  ) => Promise<T>;
  return request({ method, params }, { dedupe: false });
}

/** The JSON-RPC error code in an error's cause chain (viem wraps it), if any. */
export function rpcErrorCode(error: unknown): number | undefined {
  let current: unknown = error;
  let code: number | undefined;
  for (let depth = 0; depth < 8 && typeof current === "object" && current !== null; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === "number") code = candidate.code;
    current = candidate.cause;
  }
  return code;
}

/** Method not found (-32601) or not supported (-32004, EIP-1474). */
export function isUnsupported(error: unknown): boolean {
  const code = rpcErrorCode(error);
  return code === -32601 || code === -32004;
}
