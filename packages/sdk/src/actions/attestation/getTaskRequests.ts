import { serviceManagerAbi } from "@palisade/abis";
import { type Address, type Hex, hexToString } from "viem";
import { getContractEvents } from "viem/actions";
import { InvalidTaskRequestError } from "../../errors/attestation.ts";
import type { ReadClient } from "../../internal/types.ts";

export interface GetTaskRequestsParameters {
  serviceManager: Address;
  /** Inclusive. */
  fromBlock: bigint;
  /** Inclusive. */
  toBlock: bigint;
}

/** One `TaskRequested` event, in chain order. */
export interface TaskRequest {
  taskNumber: bigint;
  requester: Address;
  engine: string;
  /** The request bytes as emitted: the UTF-8 JSON of the engine request without `referenceBlock`. */
  request: Hex;
  referenceBlock: number;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hex;
}

export type GetTaskRequestsReturnType = TaskRequest[];

/**
 * The tasks requested on-chain (`ServiceManager.requestTask`) in a block range, oldest first.
 *
 * @example
 * const requests = await getTaskRequests(client, { serviceManager, fromBlock: 100n, toBlock: 200n });
 * decodeTaskRequest(requests[0]); // { address: "0x…", referenceBlock: … }
 */
export async function getTaskRequests(
  client: ReadClient,
  parameters: GetTaskRequestsParameters,
): Promise<GetTaskRequestsReturnType> {
  const logs = await getContractEvents(client, {
    address: parameters.serviceManager,
    abi: serviceManagerAbi,
    eventName: "TaskRequested",
    fromBlock: parameters.fromBlock,
    toBlock: parameters.toBlock,
    strict: true,
  });
  return logs
    .map((log) => ({
      taskNumber: log.args.taskNumber,
      requester: log.args.requester,
      engine: log.args.engine,
      request: log.args.request,
      referenceBlock: log.args.referenceBlock,
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
      transactionHash: log.transactionHash,
    }))
    .sort((a, b) =>
      a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
    );
}

/**
 * The engine request of an on-chain task: its bytes parsed as UTF-8 JSON (an object), with the
 * event's `referenceBlock` (which wins over any in the bytes). Throws InvalidTaskRequestError.
 */
export function decodeTaskRequest(
  task: Pick<TaskRequest, "request" | "referenceBlock">,
): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(hexToString(task.request));
  } catch (error) {
    throw new InvalidTaskRequestError("not UTF-8 JSON", { cause: error });
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new InvalidTaskRequestError("not a JSON object");
  return { ...(parsed as Record<string, unknown>), referenceBlock: task.referenceBlock };
}
