import type { Abi, Address } from "viem";
import { readContract } from "viem/actions";
import { toContractError } from "../errors/decodeRevert.ts";
import type { ReadClient } from "./types.ts";

/** readContract with reverts mapped to ContractRevertError; `TResult` comes from the calling action. */
export async function read<TResult>(
  client: ReadClient,
  call: {
    address: Address;
    abi: Abi | readonly unknown[];
    functionName: string;
    args?: readonly unknown[];
    /** Read at this block (default latest), e.g. to read several values from one state. */
    blockNumber?: bigint;
  },
): Promise<TResult> {
  try {
    return (await readContract(client, {
      address: call.address,
      abi: call.abi as Abi,
      functionName: call.functionName,
      args: call.args ?? [],
      ...(call.blockNumber === undefined ? {} : { blockNumber: call.blockNumber }),
    })) as TResult;
  } catch (error) {
    throw toContractError(error, { functionName: call.functionName, address: call.address });
  }
}
