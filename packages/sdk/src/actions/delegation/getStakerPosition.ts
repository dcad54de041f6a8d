import { delegationManagerAbi, strategyAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";

export interface GetStakerPositionParameters {
  contracts: Pick<CoreContracts, "delegationManager">;
  staker: Address;
  strategy: Address;
}

export interface GetStakerPositionReturnType {
  /** The operator the staker is delegated to, or the zero address. */
  operator: Address;
  /** Units of the operator's active pool (plain shares when not delegated). */
  units: bigint;
  /** Strategy shares the staker could queue for withdrawal now (after any slashing). */
  withdrawableShares: bigint;
  /** What those shares are worth in the underlying token now. */
  underlying: bigint;
}

/**
 * A staker's position in one strategy.
 *
 * @example
 * const { withdrawableShares } = await getStakerPosition(publicClient, {
 *   contracts: deployment.contracts, staker, strategy: deployment.strategies.stETH.strategy,
 * });
 */
export async function getStakerPosition(
  client: ReadClient,
  parameters: GetStakerPositionParameters,
): Promise<GetStakerPositionReturnType> {
  const { contracts, staker, strategy } = parameters;
  const address = contracts.delegationManager;
  const [[operator, units], withdrawableShares] = await Promise.all([
    read<readonly [Address, bigint]>(client, {
      address,
      abi: delegationManagerAbi,
      functionName: "stakerUnits",
      args: [staker, strategy],
    }),
    read<bigint>(client, {
      address,
      abi: delegationManagerAbi,
      functionName: "withdrawableShares",
      args: [staker, strategy],
    }),
  ]);
  const underlying = await read<bigint>(client, {
    address: strategy,
    abi: strategyAbi,
    functionName: "sharesToUnderlyingView",
    args: [withdrawableShares],
  });
  return { operator, units, withdrawableShares, underlying };
}
