import { withGasHeadroom } from "@palisade/sdk";
import type { Account, Chain, Hex, TransactionReceipt, Transport, WalletClient } from "viem";
import { estimateGas, waitForTransactionReceipt } from "viem/actions";
import { DeployTransactionError } from "./errors.ts";

/** A wallet client with its chain and signing account fixed, as every deploy action takes. */
export type DeployWallet = WalletClient<Transport, Chain, Account>;

/**
 * Sends raw calldata (or creation code when `to` is undefined) with the SDK's gas headroom and
 * waits for a successful receipt.
 */
export async function sendAndWait(
  wallet: DeployWallet,
  transaction: { to?: Hex; data: Hex },
  what: string,
): Promise<TransactionReceipt> {
  const request = { ...transaction, to: transaction.to ?? null };
  const gas = withGasHeadroom(await estimateGas(wallet, { ...request, account: wallet.account }));
  const hash = await wallet.sendTransaction({ ...request, gas });
  const receipt = await waitForTransactionReceipt(wallet, { hash });
  if (receipt.status !== "success") throw new DeployTransactionError(hash, what);
  return receipt;
}
