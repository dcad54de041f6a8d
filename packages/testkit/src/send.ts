import { withGasHeadroom } from "@palisade/sdk";
import type { Account, Chain, Hash, Hex, TransactionReceipt, Transport, WalletClient } from "viem";
import { estimateGas, waitForTransactionReceipt } from "viem/actions";

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

/**
 * Sends raw calldata (or creation code when `to` is undefined) with the SDK's gas headroom and
 * waits for a successful receipt.
 */
export async function sendAndWait(
  wallet: WalletClient<Transport, Chain, Account>,
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
