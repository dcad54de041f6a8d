import { rewardsCoordinatorAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";
import type { OperatorSet } from "../../types.ts";

export interface GetStreamParameters {
  contracts: Pick<CoreContracts, "rewardsCoordinator">;
  operatorSet: OperatorSet;
  strategy: Address;
  token: Address;
}

export interface GetStreamReturnType {
  /** Tokens per second × 1e18; 0 for a stream never funded. */
  ratePerSecond: bigint;
  /** Unix seconds the stream runs out; moves out while the stream is idle (no weight). */
  finish: bigint;
  /** Unix seconds of the last accrual. */
  lastUpdate: bigint;
  /** The (set, strategy)'s cached weight: allocated stake at the members' last checkpoints. */
  totalWeight: bigint;
}

/**
 * A rewards stream's state.
 *
 * @example
 * const { ratePerSecond, finish } = await getStream(publicClient, {
 *   contracts: deployment.contracts, operatorSet: { avs, id: 0 }, strategy, token,
 * });
 */
export async function getStream(
  client: ReadClient,
  parameters: GetStreamParameters,
): Promise<GetStreamReturnType> {
  const [ratePerSecond, finish, lastUpdate, totalWeight] = await read<
    readonly [bigint, bigint, bigint, bigint]
  >(client, {
    address: parameters.contracts.rewardsCoordinator,
    abi: rewardsCoordinatorAbi,
    functionName: "getStream",
    args: [parameters.operatorSet, parameters.strategy, parameters.token],
  });
  return { ratePerSecond, finish, lastUpdate, totalWeight };
}
