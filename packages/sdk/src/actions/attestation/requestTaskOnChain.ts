import { serviceManagerAbi } from "@palisade/abis";
import { type Address, type Hex, stringToHex } from "viem";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface RequestTaskOnChainParameters {
  serviceManager: Address;
  /** An engine id the operators run, e.g. `address-basics@1` (1–64 bytes). */
  engine: string;
  /**
   * The engine request WITHOUT `referenceBlock` (the contract pins `block.number − 1`). Sent as the
   * UTF-8 bytes of its JSON (at most 4096 bytes); raw bytes are sent as they are.
   */
  request: Record<string, unknown> | Hex;
}

export interface RequestTaskOnChainReturnType extends TransactionResult {
  /** The task's sequence number in this ServiceManager (from 1). */
  taskNumber: bigint;
  requester: Address;
  engine: string;
  /** The request bytes as emitted (UTF-8 JSON). */
  request: Hex;
  /** The block whose state the operators answer for; the aggregator's task id is the engine's requestHash at it. */
  referenceBlock: number;
}

/**
 * Requests a task on-chain with `ServiceManager.requestTask`: the aggregator and the operator nodes
 * watch `TaskRequested` and certify the answer as for a task posted over HTTP. Reads the task number
 * and the event's data from the receipt. Reverts (`InvalidEngineIdLength`, `InvalidTaskRequestLength`,
 * `Paused`) are raised as ContractRevertError.
 *
 * @example
 * const { taskNumber, referenceBlock } = await requestTaskOnChain(walletClient, {
 *   serviceManager: deployment.avs.serviceManager,
 *   engine: "address-basics@1",
 *   request: { address: "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045" },
 * });
 */
export async function requestTaskOnChain(
  client: WriteClient,
  parameters: RequestTaskOnChainParameters,
): Promise<RequestTaskOnChainReturnType> {
  const request =
    typeof parameters.request === "string"
      ? parameters.request
      : stringToHex(JSON.stringify(parameters.request));
  const { hash, receipt } = await execute(client, {
    address: parameters.serviceManager,
    abi: serviceManagerAbi,
    functionName: "requestTask",
    args: [parameters.engine, request],
  });
  const args = eventArgs<{
    taskNumber: bigint;
    requester: Address;
    engine: string;
    request: Hex;
    referenceBlock: number;
  }>(receipt, { abi: serviceManagerAbi, eventName: "TaskRequested", address: parameters.serviceManager });
  return { hash, receipt, ...args };
}
