import { type Address, numberToHex, type PublicClient } from "viem";
import { firstBlockWithCode } from "./codeAge.ts";
import { type CallFrame, extraRpc, orNull } from "./rpc.ts";

/** How a contract came to be, as far as the node can tell (null parts: it cannot). */
export interface CreationFindings {
  /** First block whose state holds the code. */
  codeFirstBlock: number | null;
  /** The account whose CREATE/CREATE2 made it (lower-case). */
  deployer: string | null;
  /** The EOA that sent the creating transaction (lower-case). */
  sender: string | null;
}

interface Creator {
  deployer: string;
  sender: string;
}

/**
 * Finds the creation of the contract at `address` as of `block`:
 * 1. `ots_getContractCreator` (Otterscan API: Erigon, anvil) names the creating transaction; it counts
 *    only if that transaction is mined at or before `block` (a later one is a re-creation the pinned
 *    state has not seen) and its block is confirmed by firstBlockWithCode.
 * 2. Otherwise firstBlockWithCode searches for the first block with code, and the creation is looked
 *    for in that block's traces: `trace_block` (Parity API), else `debug_traceBlockByNumber` with
 *    geth's callTracer.
 * Every step that the node refuses yields null for what it would have found.
 */
export async function findCreation(
  client: PublicClient,
  address: Address,
  block: number,
): Promise<CreationFindings> {
  const request = extraRpc(client);
  const target = address.toLowerCase();
  let hint: { block: number; creator: Creator } | undefined;
  const otterscan = await orNull(request({ method: "ots_getContractCreator", params: [address] }));
  if (otterscan) {
    const transaction = await orNull(client.getTransaction({ hash: otterscan.hash }));
    if (transaction?.blockNumber != null && Number(transaction.blockNumber) <= block)
      hint = {
        block: Number(transaction.blockNumber),
        creator: { deployer: otterscan.creator.toLowerCase(), sender: transaction.from.toLowerCase() },
      };
  }
  const codeFirstBlock = await firstBlockWithCode(client, address, block, hint?.block);
  if (codeFirstBlock === null) return { codeFirstBlock, deployer: null, sender: null };
  const creator =
    hint && hint.block === codeFirstBlock
      ? hint.creator
      : await creatorInBlock(client, target, codeFirstBlock);
  return { codeFirstBlock, deployer: creator?.deployer ?? null, sender: creator?.sender ?? null };
}

/** The successful CREATE/CREATE2 of `target` among the traces of `block`, or null. */
async function creatorInBlock(client: PublicClient, target: string, block: number): Promise<Creator | null> {
  const request = extraRpc(client);
  const blockHex = numberToHex(block);
  const traces = await orNull(request({ method: "trace_block", params: [blockHex] }));
  if (traces) {
    // The last successful creation wins: the state after the block holds what it created.
    const create = traces.findLast(
      (trace) =>
        trace.type === "create" &&
        trace.result?.address?.toLowerCase() === target &&
        !traces.some(
          (other) =>
            other.error &&
            other.transactionHash === trace.transactionHash &&
            isPrefix(other.traceAddress, trace.traceAddress),
        ),
    );
    if (!create) return null;
    const root = traces.find(
      (trace) => trace.transactionHash === create.transactionHash && trace.traceAddress.length === 0,
    );
    return {
      deployer: create.action.from.toLowerCase(),
      sender: (root ?? create).action.from.toLowerCase(),
    };
  }
  const frames = await orNull(
    request({ method: "debug_traceBlockByNumber", params: [blockHex, { tracer: "callTracer" }] }),
  );
  if (!frames) return null;
  let found: Creator | null = null;
  for (const { result: root } of frames) {
    const create = findCreate(root, target);
    if (create) found = { deployer: create.from.toLowerCase(), sender: root.from.toLowerCase() };
  }
  return found;
}

/** Is `prefix` a prefix of (or equal to) `path`? A failed trace reverts every trace below it. */
function isPrefix(prefix: readonly number[], path: readonly number[]): boolean {
  return prefix.length <= path.length && prefix.every((step, index) => path[index] === step);
}

/** Depth-first: the last successful CREATE/CREATE2 frame that made `target` (callTracer frames). */
function findCreate(frame: CallFrame, target: string): CallFrame | null {
  if (frame.error) return null; // a failed frame reverts everything below it
  let found: CallFrame | null = null;
  if ((frame.type === "CREATE" || frame.type === "CREATE2") && frame.to?.toLowerCase() === target)
    found = frame;
  for (const child of frame.calls ?? []) found = findCreate(child, target) ?? found;
  return found;
}
