import { RequestRefusedError } from "./errors.ts";

/**
 * The JSON-RPC methods `/rpc` forwards: the `eth_` namespace a wallet-less reader and a locally
 * signing wallet need, minus the methods that make the node sign (anvil unlocks its accounts, so
 * `eth_sendTransaction` from any page on this machine would spend them). Node-control namespaces
 * (`anvil_`, `evm_`, `debug_`, `hardhat_` …) are not forwarded either: the dashboard reads the chain
 * and relays signed transactions, nothing more.
 */
const SIGNING_METHODS = new Set([
  "eth_sendTransaction",
  "eth_sign",
  "eth_signTransaction",
  "eth_signTypedData",
  "eth_signTypedData_v3",
  "eth_signTypedData_v4",
]);
const OTHER_ALLOWED = new Set(["net_version", "web3_clientVersion"]);

export function isForwardedMethod(method: unknown): boolean {
  if (typeof method !== "string") return false;
  if (SIGNING_METHODS.has(method)) return false;
  return method.startsWith("eth_") || OTHER_ALLOWED.has(method);
}

/** Throws RequestRefusedError (400 invalid JSON, 403 a method not forwarded) for a body `/rpc` refuses. */
export function checkRpcBody(body: Buffer): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new RequestRefusedError(400, "invalid_json", "the body is not valid JSON");
  }
  const calls = Array.isArray(parsed) ? parsed : [parsed];
  if (calls.length === 0) throw new RequestRefusedError(400, "invalid_request", "an empty batch");
  for (const call of calls) {
    const method = (call as { method?: unknown } | null)?.method;
    if (!isForwardedMethod(method))
      throw new RequestRefusedError(
        403,
        "method_not_forwarded",
        `the dashboard does not forward ${typeof method === "string" ? method : "this call"}: it reads the chain and relays signed transactions only`,
      );
  }
}
