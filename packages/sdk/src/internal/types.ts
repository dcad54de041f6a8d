import type { Account, Chain, Client, Hash, TransactionReceipt, Transport } from "viem";

/** A client that can sign: viem's wallet client, or any client with an account. */
export type WriteClient = Client<Transport, Chain | undefined, Account>;

/** Any client that can read (public, wallet or test client). */
export type ReadClient = Client<Transport, Chain | undefined, Account | undefined>;

/** What every write action returns besides its own results. */
export interface TransactionResult {
  hash: Hash;
  receipt: TransactionReceipt;
}
