import type { Account, Chain, Hash, Hex, TransactionReceipt, Transport, WalletClient } from "viem";
import { waitForTransactionReceipt } from "viem/actions";

/** The transaction was mined but reverted. */
export class DeployTransactionError extends Error {
  constructor(
    readonly hash: Hash,
    what: string,
  ) {
    super(`${what}: transaction ${hash} reverted`);
    this.name = "DeployTransactionError";
  }
}

/** Sends raw calldata (or creation code when `to` is undefined) and waits for a successful receipt. */
export async function sendAndWait(
  wallet: WalletClient<Transport, Chain, Account>,
  transaction: { to?: Hex; data: Hex },
  what: string,
): Promise<TransactionReceipt> {
  const hash = await wallet.sendTransaction({ ...transaction, to: transaction.to ?? null });
  const receipt = await waitForTransactionReceipt(wallet, { hash });
  if (receipt.status !== "success") throw new DeployTransactionError(hash, what);
  return receipt;
}
