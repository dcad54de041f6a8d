import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyRpcError } from "./rpc.ts";

/** An error shaped like viem's: an RpcError subclass whose cause carries the node's answer. */
const nodeError = (code: number, message: string, data?: string) => {
  const cause = Object.assign(new Error(message), { code, details: message, data });
  return Object.assign(new Error("wrapped"), { code, details: message, cause });
};

test("RPC errors: unsupported methods, refused transactions, reverts, the rest", () => {
  assert.equal(classifyRpcError(nodeError(-32601, "Method not found")).kind, "unsupported");
  assert.equal(classifyRpcError(nodeError(-32004, "Method not supported")).kind, "unsupported");
  assert.equal(classifyRpcError(nodeError(-32602, "unknown tracer muxTracer")).kind, "unsupported");
  assert.equal(
    classifyRpcError(nodeError(-32602, "invalid argument 0: hex string has odd length")).kind,
    "other",
  );
  assert.deepEqual(classifyRpcError(nodeError(-32003, "Insufficient funds for gas * price + value")), {
    kind: "invalid",
    message: "Insufficient funds for gas * price + value",
  });
  assert.equal(classifyRpcError(nodeError(-38014, "insufficient funds")).kind, "invalid");
  assert.equal(
    classifyRpcError(nodeError(-32000, "nonce too low: next nonce 5, tx nonce 4")).kind,
    "invalid",
  );
  assert.equal(classifyRpcError(nodeError(-32000, "header not found")).kind, "other");
  assert.deepEqual(classifyRpcError(nodeError(3, "execution reverted", "0x08c379a0")), {
    kind: "revert",
    data: "0x08c379a0",
  });
  assert.equal(classifyRpcError(new Error("fetch failed")).kind, "other");
});
