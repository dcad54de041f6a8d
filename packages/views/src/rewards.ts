import { mockLstAbi, rewardsCoordinatorAbi } from "@palisade/abis";
import type { Deployment, ReadClient } from "@palisade/sdk";
import type { Address } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import type { StrategyView } from "./strategies.ts";

export interface RewardStreamView {
  operatorSetId: number;
  /** The AVS that funds it. */
  avs: Address;
  strategy: Address;
  strategySymbol: string;
  token: Address;
  tokenSymbol: string;
  tokenDecimals: number;
  /** Tokens per second × 1e18, in the token's base units (as the contract stores it). */
  ratePerSecond: bigint;
  /** Unix seconds the stream ends (moves out while the stream has no weight). */
  finish: number;
}

/**
 * Every stream funded since the deployment, found from its `RewardsSubmissionCreated` events (a
 * top-up emits again, so streams are deduplicated by id) and read as it stands now.
 */
export async function readRewardStreams(
  client: ReadClient,
  deployment: Deployment,
  strategies: readonly Pick<StrategyView, "strategy" | "symbol">[],
): Promise<RewardStreamView[]> {
  const address = deployment.contracts.rewardsCoordinator;
  const events = await getContractEvents(client, {
    address,
    abi: rewardsCoordinatorAbi,
    eventName: "RewardsSubmissionCreated",
    fromBlock: BigInt(deployment.deployedAtBlock),
    strict: true,
  });
  const streams = new Map<string, (typeof events)[number]["args"]["submission"]>();
  for (const event of events) streams.set(event.args.streamId, event.args.submission);
  return Promise.all(
    [...streams.values()].map(async (submission) => {
      const [[ratePerSecond, finish], tokenSymbol, tokenDecimals] = await Promise.all([
        readContract(client, {
          address,
          abi: rewardsCoordinatorAbi,
          functionName: "getStream",
          args: [submission.operatorSet, submission.strategy, submission.token],
        }),
        readContract(client, { address: submission.token, abi: mockLstAbi, functionName: "symbol" }),
        readContract(client, { address: submission.token, abi: mockLstAbi, functionName: "decimals" }),
      ]);
      const strategySymbol =
        strategies.find((entry) => entry.strategy === submission.strategy)?.symbol ?? submission.strategy;
      return {
        operatorSetId: submission.operatorSet.id,
        avs: submission.operatorSet.avs,
        strategy: submission.strategy,
        strategySymbol,
        token: submission.token,
        tokenSymbol,
        tokenDecimals,
        ratePerSecond,
        finish: Number(finish),
      };
    }),
  );
}
