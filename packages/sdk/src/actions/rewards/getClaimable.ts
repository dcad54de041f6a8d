import { rewardsCoordinatorAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { CoreContracts } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";

export interface GetClaimableParameters {
  contracts: Pick<CoreContracts, "rewardsCoordinator">;
  /** A staker or an operator (its earnings in both roles are counted). */
  earner: Address;
  token: Address;
  /** Strategies whose accruals up to this block are counted. */
  strategies: readonly Address[];
}

/** Tokens `earner` could claim now. */
export type GetClaimableReturnType = bigint;

/**
 * What `earner` could claim in `token` at the current block (a claim mined later pays at least this).
 *
 * @example
 * const amount = await getClaimable(publicClient, {
 *   contracts: deployment.contracts, earner, token, strategies: [strategy],
 * });
 */
export async function getClaimable(
  client: ReadClient,
  parameters: GetClaimableParameters,
): Promise<GetClaimableReturnType> {
  return read<bigint>(client, {
    address: parameters.contracts.rewardsCoordinator,
    abi: rewardsCoordinatorAbi,
    functionName: "claimable",
    args: [parameters.earner, parameters.token, parameters.strategies],
  });
}
