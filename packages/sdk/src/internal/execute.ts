import type { Abi, Address } from "viem";
import {
  estimateContractGas,
  simulateContract,
  waitForTransactionReceipt,
  writeContract,
} from "viem/actions";
import { TransactionRevertedError } from "../errors/contractRevert.ts";
import { toContractError } from "../errors/decodeRevert.ts";
import { withGasHeadroom } from "./gas.ts";
import type { TransactionResult, WriteClient } from "./types.ts";

export interface ExecuteParameters {
  address: Address;
  abi: Abi | readonly unknown[];
  functionName: string;
  args: readonly unknown[];
}

/**
 * Simulates the call (so a revert is decoded before anything is sent, and the return value is
 * known), sends it from the client's account with gas headroom (see GAS_HEADROOM_PERCENT) and
 * waits for the receipt. Reverts are mapped to
 * ContractRevertError. The types of `result` come from the calling action, which knows the ABI.
 */
export async function execute<TResult>(
  client: WriteClient,
  call: ExecuteParameters,
): Promise<TransactionResult & { result: TResult }> {
  const target = { functionName: call.functionName, address: call.address };
  try {
    const contractCall = {
      account: client.account,
      address: call.address,
      abi: call.abi as Abi,
      functionName: call.functionName,
      args: call.args,
    };
    const { request, result } = await simulateContract(client, contractCall);
    const gas = withGasHeadroom(await estimateContractGas(client, contractCall));
    const hash = await writeContract(client, { ...request, gas } as never);
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== "success") throw new TransactionRevertedError(hash, call.functionName);
    return { hash, receipt, result: result as TResult };
  } catch (error) {
    throw toContractError(error, target);
  }
}
