import { governanceTokenAbi } from "@palisade/abis";
import type { Address } from "viem";
import type { GovernanceDeployment } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";

export interface GetGovernanceAccountParameters {
  governance: Pick<GovernanceDeployment, "governanceToken">;
  account: Address;
}

export interface GetGovernanceAccountReturnType {
  /** gPAL held. */
  balance: bigint;
  /** Votes its lots weigh now (1× to 2× the balance, by holding time): what a snapshot taken now counts. */
  weight: bigint;
  /** Its stake allocated to Palisade's set now, in value units: what a sync would bring its backing to. */
  backedStake: bigint;
  /** The backed stake recognised at its last sync, and what it owes for a fall it could not cover. */
  backing: bigint;
  debt: bigint;
  /** Its holding lots, oldest first (unix seconds). */
  lots: { amount: bigint; acquiredAt: number }[];
}

/**
 * An account's gPAL: balance, voting weight now, its backed stake against what it last synced.
 * `backedStake > backing` means `syncGovernanceToken` would mint the difference (debt first).
 *
 * @example
 * const { balance, weight, backedStake } = await getGovernanceAccount(publicClient, { governance, account });
 */
export async function getGovernanceAccount(
  client: ReadClient,
  parameters: GetGovernanceAccountParameters,
): Promise<GetGovernanceAccountReturnType> {
  const token = { address: parameters.governance.governanceToken, abi: governanceTokenAbi } as const;
  const args = [parameters.account] as const;
  const [balance, weight, backedStake, record, lots] = await Promise.all([
    read<bigint>(client, { ...token, functionName: "balanceOf", args }),
    read<bigint>(client, { ...token, functionName: "currentWeight", args }),
    read<bigint>(client, { ...token, functionName: "backedStake", args }),
    read<{ backing: bigint; debt: bigint }>(client, { ...token, functionName: "stakerRecord", args }),
    read<readonly { amount: bigint; acquiredAt: number }[]>(client, {
      ...token,
      functionName: "lotsOf",
      args,
    }),
  ]);
  return {
    balance,
    weight,
    backedStake,
    backing: record.backing,
    debt: record.debt,
    lots: lots.map((lot) => ({ amount: lot.amount, acquiredAt: Number(lot.acquiredAt) })),
  };
}
