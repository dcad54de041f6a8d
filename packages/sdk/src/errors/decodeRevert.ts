import {
  type Address,
  ContractFunctionRevertedError,
  decodeErrorResult,
  type Hex,
  RawContractError,
  BaseError as ViemBaseError,
} from "viem";
import { BaseError } from "./base.ts";
import { ContractRevertError } from "./contractRevert.ts";
import { contractsDeclaring, coreErrorsAbi, errorSignature } from "./coreErrors.ts";

function revertData(error: ViemBaseError): Hex | undefined {
  const found = error.walk(
    (inner) =>
      (inner instanceof ContractFunctionRevertedError && inner.raw !== undefined) ||
      (inner instanceof RawContractError && typeof inner.data === "string"),
  );
  if (found instanceof ContractFunctionRevertedError) return found.raw;
  if (found instanceof RawContractError && typeof found.data === "string") return found.data;
  return undefined;
}

function isRevert(error: ViemBaseError): boolean {
  return (
    error.walk(
      (inner) => inner instanceof ContractFunctionRevertedError || inner instanceof RawContractError,
    ) !== null
  );
}

/**
 * Maps what a contract call threw to the SDK's errors: a revert becomes a ContractRevertError with
 * the custom error decoded from the core ABIs; SDK errors pass through; anything else (network,
 * RPC) is returned unchanged, to propagate as is.
 */
export function toContractError(error: unknown, call: { functionName: string; address: Address }): unknown {
  if (error instanceof BaseError || !(error instanceof ViemBaseError) || !isRevert(error)) return error;
  const data = revertData(error);
  let errorName: string | undefined;
  let args: readonly unknown[] = [];
  let declaredBy: readonly string[] = [];
  if (data !== undefined && data !== "0x") {
    try {
      const decoded = decodeErrorResult({ abi: coreErrorsAbi, data });
      errorName = decoded.errorName;
      args = decoded.args ?? [];
      declaredBy =
        decoded.abiItem.type === "error" ? contractsDeclaring(errorSignature(decoded.abiItem)) : [];
    } catch {
      // Not a core error (e.g. a third-party token's): reported with its raw data.
    }
  }
  return new ContractRevertError({ errorName, args, data, declaredBy, ...call, cause: error });
}
