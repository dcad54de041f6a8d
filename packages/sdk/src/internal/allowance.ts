import { utilityTokenAbi } from "@palisade/abis";
import type { Address, Hash } from "viem";
import { InsufficientAllowanceError, InsufficientBalanceError } from "../errors/token.ts";
import { execute } from "./execute.ts";
import { read } from "./read.ts";
import type { WriteClient } from "./types.ts";

export interface EnsureAllowanceParameters {
  /** An ERC20 (the ABI's balanceOf/allowance/approve are standard). */
  token: Address;
  spender: Address;
  amount: bigint;
  /** Approve `amount` when the allowance is short (default true); false throws instead. */
  approve?: boolean | undefined;
}

/**
 * Checks that the client's account holds `amount` of `token` and has allowed `spender` to pull it,
 * approving `amount` when short (unless `approve: false`). Returns the approval's hash, if one was sent.
 */
export async function ensureAllowance(
  client: WriteClient,
  parameters: EnsureAllowanceParameters,
): Promise<Hash | undefined> {
  const { token, spender, amount } = parameters;
  const owner = client.account.address;
  const [balance, allowance] = await Promise.all([
    read<bigint>(client, { address: token, abi: utilityTokenAbi, functionName: "balanceOf", args: [owner] }),
    read<bigint>(client, {
      address: token,
      abi: utilityTokenAbi,
      functionName: "allowance",
      args: [owner, spender],
    }),
  ]);
  if (balance < amount) throw new InsufficientBalanceError(token, owner, balance, amount);
  if (allowance >= amount) return undefined;
  if (parameters.approve === false) {
    throw new InsufficientAllowanceError(token, owner, spender, allowance, amount);
  }
  const { hash } = await execute<boolean>(client, {
    address: token,
    abi: utilityTokenAbi,
    functionName: "approve",
    args: [spender, amount],
  });
  return hash;
}
