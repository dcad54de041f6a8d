import type { Address, Hash, Hex } from "viem";
import { BaseError } from "./base.ts";

export interface ContractRevertErrorParameters {
  /** The custom error's name (`InsufficientShares`), `Error`/`Panic` for built-ins, undefined when unknown. */
  errorName: string | undefined;
  /** Its decoded arguments, in declaration order. */
  args: readonly unknown[];
  /** Raw revert data. */
  data: Hex | undefined;
  /** Core contracts whose ABI declares this error. */
  declaredBy: readonly string[];
  functionName: string;
  address: Address;
  cause: unknown;
}

/** A core contract call reverted; the custom error is decoded from any of the core ABIs. */
export class ContractRevertError extends BaseError {
  override name = "ContractRevertError";
  readonly errorName: string | undefined;
  readonly args: readonly unknown[];
  readonly data: Hex | undefined;
  readonly declaredBy: readonly string[];
  readonly functionName: string;
  readonly address: Address;

  constructor(parameters: ContractRevertErrorParameters) {
    const shown = parameters.errorName
      ? `${parameters.errorName}(${parameters.args.map(formatArg).join(", ")})`
      : `unknown error ${parameters.data ?? "(no data)"}`;
    super(`${parameters.functionName} reverted with ${shown}`, { cause: parameters.cause });
    this.errorName = parameters.errorName;
    this.args = parameters.args;
    this.data = parameters.data;
    this.declaredBy = parameters.declaredBy;
    this.functionName = parameters.functionName;
    this.address = parameters.address;
  }
}

/** The transaction was mined but failed (its simulation had passed, so the state moved in between). */
export class TransactionRevertedError extends BaseError {
  override name = "TransactionRevertedError";
  constructor(
    readonly hash: Hash,
    readonly functionName: string,
  ) {
    super(`transaction ${hash} (${functionName}) was mined but reverted`);
  }
}

function formatArg(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value;
  return JSON.stringify(value, (_key, inner) => (typeof inner === "bigint" ? inner.toString() : inner));
}
