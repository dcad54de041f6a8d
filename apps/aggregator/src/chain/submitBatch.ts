import { serviceManagerAbi } from "@palisade/abis";
import type { G1Point, G2Point } from "@palisade/crypto";
import { feesWithTip, toContractError, type WriteClient, withGasHeadroom } from "@palisade/sdk";
import type { Address, Hash, Hex, PublicClient } from "viem";
import { estimateContractGas, simulateContract, writeContract } from "viem/actions";

export interface SubmitBatchParameters {
  serviceManager: Address;
  batchRoot: Hex;
  referenceBlock: number;
  verdictCount: number;
  /** Non-signer keys strictly ascending by pubkeyHash, one stake hint each, and the apk hint. */
  nonSigners: { pubkeys: G1Point[]; stakeHints: number[]; apkHint: number };
  sigma: G2Point;
}

/**
 * `ServiceManager.submitBatch`, execute-style: simulate (a revert is decoded before anything is sent),
 * estimate, send with gas headroom. Returns the hash as soon as the transaction is accepted so the
 * caller can record it before waiting for the receipt.
 *
 * @example
 * const hash = await sendSubmitBatch(wallet, { serviceManager, batchRoot, referenceBlock, verdictCount: 1, nonSigners, sigma });
 */
export async function sendSubmitBatch(
  client: WriteClient,
  parameters: SubmitBatchParameters,
  /** A priority fee (wei per gas) to be ordered before cheaper transactions of the same block. */
  fees: { maxPriorityFeePerGas?: bigint | undefined } = {},
): Promise<Hash> {
  const call = {
    account: client.account,
    address: parameters.serviceManager,
    abi: serviceManagerAbi,
    functionName: "submitBatch",
    args: [
      parameters.batchRoot,
      parameters.referenceBlock,
      parameters.verdictCount,
      {
        nonSignerPubkeys: parameters.nonSigners.pubkeys,
        stakeHints: parameters.nonSigners.stakeHints,
        apkHint: parameters.nonSigners.apkHint,
      },
      parameters.sigma,
    ],
  } as const;
  try {
    // Simulated and estimated in the pending block, where it will execute: a certificate whose
    // reference block is the latest one (an alert about a pending transaction, pinned at the state it
    // was simulated on) is valid there, but `latest` would see `referenceBlock == block.number` and
    // revert with FutureReferenceBlock.
    const priced =
      fees.maxPriorityFeePerGas === undefined
        ? call
        : { ...call, ...(await feesWithTip(client, fees.maxPriorityFeePerGas)) };
    const { request } = await simulateContract(client, { ...priced, blockTag: "pending" });
    const gas = withGasHeadroom(await estimateContractGas(client, { ...call, blockTag: "pending" }));
    return await writeContract(client, { ...request, gas });
  } catch (error) {
    throw toContractError(error, { functionName: "submitBatch", address: parameters.serviceManager });
  }
}

/** The block a batch was submitted in, 0 when it never was (`getBatch(root).submittedBlock`). */
export async function submittedBlockOf(
  client: PublicClient,
  serviceManager: Address,
  batchRoot: Hex,
): Promise<number> {
  const batch = await client.readContract({
    address: serviceManager,
    abi: serviceManagerAbi,
    functionName: "getBatch",
    args: [batchRoot],
  });
  return batch.submittedBlock;
}
