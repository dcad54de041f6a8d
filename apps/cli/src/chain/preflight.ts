import { ContractRevertError, toContractError } from "@palisade/sdk";
import type { Abi, Account, Address, Chain, Transport, WalletClient } from "viem";
import { simulateContract } from "viem/actions";

/** Reverts that only say the token transfer at the end would fail: the SDK approves, then sends. */
const TOKEN_SHORTFALL = new Set(["ERC20InsufficientAllowance", "ERC20InsufficientBalance"]);

/**
 * Simulates a call that pulls PAL before the SDK approves it, so a call that would revert anyway
 * (a price above the maximum, a full in-flight cap, a stake below the minimum …) fails before an
 * approval is sent and left behind. The contracts check everything before they pull the tokens, so
 * a simulation without the allowance reverts with the ERC-20 shortfall only when the rest is fine.
 */
export async function preflight(
  wallet: WalletClient<Transport, Chain, Account>,
  call: { address: Address; abi: Abi | readonly unknown[]; functionName: string; args: readonly unknown[] },
): Promise<void> {
  try {
    await simulateContract(wallet, {
      account: wallet.account,
      address: call.address,
      abi: call.abi as Abi,
      functionName: call.functionName,
      args: call.args,
    });
  } catch (error) {
    const mapped = toContractError(error, { functionName: call.functionName, address: call.address });
    if (mapped instanceof ContractRevertError && TOKEN_SHORTFALL.has(mapped.errorName ?? "")) return;
    throw mapped;
  }
}
