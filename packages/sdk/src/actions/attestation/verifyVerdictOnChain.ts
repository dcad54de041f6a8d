import { serviceManagerAbi } from "@palisade/abis";
import type { Address, Hex } from "viem";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";

/** `IServiceManager.Verdict`: what a batch leaf commits to (ADR 0003). */
export interface AttestationVerdict {
  requestHash: Hex;
  responseHash: Hex;
  engineVersion: Hex;
  referenceBlock: number;
}

export interface VerifyVerdictOnChainParameters {
  serviceManager: Address;
  batchRoot: Hex;
  verdict: AttestationVerdict;
  /** The verdict's Merkle proof in the batch (empty for a batch of one). */
  proof: readonly Hex[];
  /** Read at this block (default latest). */
  blockNumber?: bigint;
}

/** True when the batch was certified on-chain and the verdict is one of its leaves. */
export type VerifyVerdictOnChainReturnType = boolean;

/**
 * Asks the ServiceManager whether a verdict is covered by a submitted quorum certificate
 * (`verifyVerdict(batchRoot, verdict, proof)`). A verdict of an unknown batch, or with a wrong proof, is
 * `false`, not an error.
 *
 * @example
 * const done = await waitForCertificate(aggregatorUrl, task.id);
 * const ok = await verifyVerdictOnChain(publicClient, {
 *   serviceManager: deployment.avs.serviceManager,
 *   batchRoot: done.batch.batchRoot,
 *   verdict: {
 *     requestHash: done.id,
 *     responseHash: done.verdict.responseHash,
 *     engineVersion: done.engineVersion,
 *     referenceBlock: done.referenceBlock,
 *   },
 *   proof: done.batch.proof,
 * });
 */
export async function verifyVerdictOnChain(
  client: ReadClient,
  parameters: VerifyVerdictOnChainParameters,
): Promise<VerifyVerdictOnChainReturnType> {
  return read<boolean>(client, {
    address: parameters.serviceManager,
    abi: serviceManagerAbi,
    functionName: "verifyVerdict",
    args: [parameters.batchRoot, parameters.verdict, parameters.proof],
    ...(parameters.blockNumber === undefined ? {} : { blockNumber: parameters.blockNumber }),
  });
}
