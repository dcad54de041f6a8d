import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";

export interface GetPendingFeesParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  providerId: number;
}

export interface GetPendingFeesReturnType {
  /** Fees claimed and not yet withdrawn. */
  pending: bigint;
  /** The part already released (withdrawable now with `withdrawFees`). */
  releasable: bigint;
  /** Seconds a tranche claimed now would wait (falls as the provider's score rises). */
  releaseDelay: number;
}

/**
 * A provider's queued fees, what is released, and its current release delay.
 *
 * @example
 * const { releasable } = await getPendingFees(publicClient, { contracts, providerId: 1 });
 */
export async function getPendingFees(
  client: ReadClient,
  parameters: GetPendingFeesParameters,
): Promise<GetPendingFeesReturnType> {
  const call = {
    address: parameters.contracts.marketplace,
    abi: marketplaceAbi,
    args: [parameters.providerId],
  };
  const [[pending, releasable], releaseDelay] = await Promise.all([
    read<readonly [bigint, bigint]>(client, { ...call, functionName: "pendingFees" }),
    read<number>(client, { ...call, functionName: "releaseDelayOf" }),
  ]);
  return { pending, releasable, releaseDelay };
}
