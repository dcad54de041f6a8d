import { revenueDistributorAbi } from "@palisade/abis";
import type { Address } from "viem";
import { getBlockNumber } from "viem/actions";
import type { GovernanceDeployment } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";

export interface GetInvestorRevenueParameters {
  governance: Pick<GovernanceDeployment, "revenueDistributor">;
  investor: Address;
}

export interface GetInvestorRevenueReturnType {
  /** Epochs the distributor has settled (`distribute()` calls so far). */
  epochCount: number;
  /** The settled epochs that owe `investor` something it has not claimed, oldest first. */
  claimable: { epoch: number; amount: bigint }[];
  /** Σ claimable. */
  total: bigint;
}

/**
 * The investor share of settled epochs a governance-token holder can still claim from the
 * RevenueDistributor: each epoch's investors' pot × its gPAL balance at the epoch's snapshot ÷ the
 * supply then (decision 0007). Read at one block.
 *
 * @example
 * const { claimable, total } = await getInvestorRevenue(publicClient, {
 *   governance: deployment.governance, investor,
 * });
 */
export async function getInvestorRevenue(
  client: ReadClient,
  parameters: GetInvestorRevenueParameters,
): Promise<GetInvestorRevenueReturnType> {
  const address = parameters.governance.revenueDistributor;
  const blockNumber = await getBlockNumber(client, { cacheTime: 0 });
  const count = Number(
    await read<bigint>(client, {
      address,
      abi: revenueDistributorAbi,
      functionName: "epochCount",
      blockNumber,
    }),
  );
  const amounts = await Promise.all(
    Array.from({ length: count }, (_, epoch) =>
      read<bigint>(client, {
        address,
        abi: revenueDistributorAbi,
        functionName: "investorClaimable",
        args: [BigInt(epoch), parameters.investor],
        blockNumber,
      }),
    ),
  );
  const claimable = amounts.map((amount, epoch) => ({ epoch, amount })).filter((entry) => entry.amount > 0n);
  return {
    epochCount: count,
    claimable,
    total: claimable.reduce((sum, entry) => sum + entry.amount, 0n),
  };
}
