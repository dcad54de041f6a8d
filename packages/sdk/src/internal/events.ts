import { type Abi, type Address, isAddressEqual, parseEventLogs, type TransactionReceipt } from "viem";
import { BaseError } from "../errors/base.ts";

/** A mined transaction lacks the event its action reads its results from. */
export class MissingEventError extends BaseError {
  override name = "MissingEventError";
  constructor(
    readonly eventName: string,
    readonly hash: string,
  ) {
    super(`transaction ${hash} emitted no ${eventName} event`);
  }
}

/**
 * The arguments of the first `eventName` emitted by `address` in the receipt. Actions read their
 * results here rather than from the simulation, whose return values can depend on the block (a
 * withdrawal root includes its start block, and the simulation runs one block early).
 */
export function eventArgs<TArgs>(
  receipt: TransactionReceipt,
  parameters: { abi: Abi | readonly unknown[]; eventName: string; address: Address },
): TArgs {
  const logs = parseEventLogs({
    abi: parameters.abi as Abi,
    eventName: parameters.eventName,
    logs: receipt.logs,
  }).filter((log) => isAddressEqual(log.address, parameters.address));
  const first = logs[0];
  if (!first) throw new MissingEventError(parameters.eventName, receipt.transactionHash);
  return first.args as TArgs;
}
