import { governanceTokenAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { GovernanceDeployment } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface SyncGovernanceTokenParameters {
  governance: Pick<GovernanceDeployment, "governanceToken">;
  /** Whose gPAL to bring in line with its backed stake (default: the client's account; anyone may sync anyone). */
  staker?: Address;
}

export interface SyncGovernanceTokenReturnType extends TransactionResult {
  staker: Address;
  /** The staker's backed stake now, in value units (what its gPAL now stands for, debt aside). */
  backed: bigint;
  minted: bigint;
  burned: bigint;
  /** gPAL the staker still owes for a fall it could not cover (repaid out of later rises). */
  debt: bigint;
}

/**
 * Mints the rise of a staker's stake allocated to Palisade's operator set as gPAL, or burns its fall
 * (`GovernanceToken.sync`; decision 0006). One token per value unit of allocated stake.
 *
 * @example
 * const { minted } = await syncGovernanceToken(stakerWallet, { governance: governanceOf(deployment) });
 */
export async function syncGovernanceToken(
  client: WriteClient,
  parameters: SyncGovernanceTokenParameters,
): Promise<SyncGovernanceTokenReturnType> {
  const staker = parameters.staker ?? client.account.address;
  const address = parameters.governance.governanceToken;
  const { hash, receipt } = await execute(client, {
    address,
    abi: governanceTokenAbi,
    functionName: "sync",
    args: [staker],
  });
  const synced = eventArgs<{ backed: bigint; minted: bigint; burned: bigint; debt: bigint }>(receipt, {
    abi: governanceTokenAbi,
    eventName: "Synced",
    address,
  });
  return { hash, receipt, staker, ...synced };
}
