import { type Address, hexToBigInt, hexToNumber, type PublicClient } from "viem";
import { type CallFrame, extraRpc, orNull } from "./rpc.ts";

/**
 * The first funder of an account without contract code, as of `block`, with Otterscan's API (Erigon,
 * anvil) — 3 calls: the first transaction that touched the account (`ots_searchTransactionsAfter`
 * from block 0, which also finds internal transfers), its call tree (`debug_traceTransaction` with
 * geth's callTracer), and the
 * balance before its block. The funder is the sender of the first value transfer to the account in
 * that transaction, and counts only when the transaction succeeded, was mined at or before `block`,
 * and the balance was zero before it (so no genesis allocation, withdrawal or block reward paid
 * first). Null otherwise, and when the node lacks the API. A value transfer earlier in the same block
 * by a non-transaction credit (a withdrawal) is not seen: the heuristic is a hint, never a verdict.
 */
export async function findFirstFunder(
  client: PublicClient,
  address: Address,
  block: number,
): Promise<string | null> {
  const request = extraRpc(client);
  const page = await orNull(request({ method: "ots_searchTransactionsAfter", params: [address, 0, 1] }));
  if (!page || page.txs.length === 0) return null;
  // A page holds whole blocks, newest first: take the earliest (block, index).
  let first = 0;
  for (let index = 1; index < page.txs.length; index++) {
    const a = page.txs[index];
    const b = page.txs[first];
    if (a && b && position(a) < position(b)) first = index;
  }
  const transaction = page.txs[first];
  const receipt = page.receipts.find((entry) => entry.transactionHash === transaction?.hash);
  if (!transaction || !receipt || hexToNumber(receipt.status) !== 1) return null;
  const firstBlock = hexToNumber(transaction.blockNumber);
  if (firstBlock > block || firstBlock === 0) return null;

  const [trace, before] = await Promise.all([
    orNull(
      request({ method: "debug_traceTransaction", params: [transaction.hash, { tracer: "callTracer" }] }),
    ),
    orNull(client.getBalance({ address, blockNumber: BigInt(firstBlock - 1) })),
  ]);
  if (!trace || before !== 0n) return null;
  return firstPayment(trace, address.toLowerCase())?.from.toLowerCase() ?? null;
}

/** Frames that move value to `to` (a DELEGATECALL's value is the caller's, not a transfer). */
const PAYING = new Set(["CALL", "CALLCODE", "CREATE", "CREATE2", "SELFDESTRUCT"]);

/** Pre-order (execution order) search for the first successful frame paying `target`. */
function firstPayment(frame: CallFrame, target: string): CallFrame | null {
  if (frame.error) return null; // reverted, with everything below it
  if (
    PAYING.has(frame.type) &&
    frame.to?.toLowerCase() === target &&
    frame.value &&
    hexToBigInt(frame.value) > 0n
  )
    return frame;
  for (const child of frame.calls ?? []) {
    const found = firstPayment(child, target);
    if (found) return found;
  }
  return null;
}

/** Orders transactions by (block, index) as one number (indices stay far below 2^20). */
function position(transaction: { blockNumber: `0x${string}`; transactionIndex: `0x${string}` }): number {
  return hexToNumber(transaction.blockNumber) * 2 ** 20 + hexToNumber(transaction.transactionIndex);
}
