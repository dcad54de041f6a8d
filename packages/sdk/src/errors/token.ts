import type { Address } from "viem";
import { BaseError } from "./base.ts";

/** The account holds fewer tokens than the operation needs. */
export class InsufficientBalanceError extends BaseError {
  override name = "InsufficientBalanceError";
  constructor(
    readonly token: Address,
    readonly account: Address,
    readonly balance: bigint,
    readonly needed: bigint,
  ) {
    super(`${account} holds ${balance} of token ${token}, needs ${needed}`);
  }
}

/** The spender's allowance is too small and the caller asked not to approve automatically. */
export class InsufficientAllowanceError extends BaseError {
  override name = "InsufficientAllowanceError";
  constructor(
    readonly token: Address,
    readonly owner: Address,
    readonly spender: Address,
    readonly allowance: bigint,
    readonly needed: bigint,
  ) {
    super(`allowance of ${spender} on token ${token} from ${owner} is ${allowance}, needs ${needed}`, {
      details: "approve the spender first, or call with `approve: true`",
    });
  }
}
