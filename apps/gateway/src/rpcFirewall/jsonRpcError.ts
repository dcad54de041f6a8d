import {
  BatchTooLargeError,
  BodyTooLargeError,
  InvalidJsonRpcError,
  InvalidTransactionError,
  MalformedJsonError,
  ScreeningFailedError,
  TransactionRejectedError,
  UpstreamInvalidAnswerError,
  UpstreamUnreachableError,
} from "./errors.ts";
import { type JsonRpcErrorObject, rpcErrorCodes } from "./jsonRpc.ts";

/**
 * The one place the firewall turns an error into a JSON-RPC error object (README.md lists the codes).
 * `internal` marks what the caller should log as a fault of the firewall itself; such errors answer
 * -32603 "internal error" and reveal nothing.
 */
export function toJsonRpcError(error: unknown): { error: JsonRpcErrorObject; internal: boolean } {
  const answer = (code: number, message: string, data?: unknown) => ({
    error: data === undefined ? { code, message } : { code, message, data },
    internal: false,
  });
  if (error instanceof TransactionRejectedError) {
    const { report, reasons, txHash } = error;
    return answer(rpcErrorCodes.transactionRejected, error.shortMessage, {
      verdict: report.verdict,
      flags: report.flags,
      reasons,
      txHash,
      report,
    });
  }
  if (error instanceof InvalidTransactionError)
    return answer(rpcErrorCodes.invalidParams, error.shortMessage, detailsOf(error));
  if (error instanceof ScreeningFailedError)
    return answer(rpcErrorCodes.internalError, error.shortMessage, {
      reason: error.reason,
      ...detailsOf(error),
    });
  if (error instanceof UpstreamUnreachableError)
    return answer(rpcErrorCodes.internalError, error.shortMessage, { reason: "upstream_unreachable" });
  if (error instanceof UpstreamInvalidAnswerError)
    return answer(rpcErrorCodes.internalError, error.shortMessage, { reason: "upstream_invalid_answer" });
  if (error instanceof MalformedJsonError) return answer(rpcErrorCodes.parseError, error.shortMessage);
  if (
    error instanceof InvalidJsonRpcError ||
    error instanceof BodyTooLargeError ||
    error instanceof BatchTooLargeError
  )
    return answer(rpcErrorCodes.invalidRequest, error.shortMessage);
  return { error: { code: rpcErrorCodes.internalError, message: "internal error" }, internal: true };
}

function detailsOf(error: { details: string | undefined }): { details: string } | undefined {
  return error.details === undefined ? undefined : { details: error.details };
}
