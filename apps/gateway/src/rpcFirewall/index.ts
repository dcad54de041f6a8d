// The JSON-RPC firewall's public API, by name (README.md: behaviour and error codes).
export {
  createRpcFirewall,
  type RpcFirewall,
  type RpcFirewallOptions,
  wsUrlOf,
} from "./createRpcFirewall.ts";
export {
  BatchTooLargeError,
  BodyTooLargeError,
  InvalidJsonRpcError,
  InvalidTransactionError,
  MalformedJsonError,
  RpcFirewallConfigError,
  RpcFirewallError,
  ScreeningFailedError,
  type ScreeningFailure,
  TransactionRejectedError,
  UpstreamInvalidAnswerError,
  UpstreamUnreachableError,
} from "./errors.ts";
export { type JsonRpcErrorObject, type JsonRpcId, type JsonRpcResponse, rpcErrorCodes } from "./jsonRpc.ts";
export { toJsonRpcError } from "./jsonRpcError.ts";
export type { RpcFirewallDecision, ScreeningOutcome } from "./screen.ts";
export {
  decodeRawTransaction,
  objectTransactionMethods,
  rawTransactionMethods,
  type TransactionToScreen,
} from "./transaction.ts";
