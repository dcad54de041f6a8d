import { mockLstAbi, strategyAbi } from "@palisade/abis";
import type { Deployment, ReadClient } from "@palisade/sdk";
import type { Address } from "viem";
import { readContract } from "viem/actions";

/** One strategy of the deployment with its token and how much it holds. */
export interface StrategyView {
  /** The deployment's key for it (the token's symbol). */
  symbol: string;
  decimals: number;
  token: Address;
  strategy: Address;
  totalShares: bigint;
  /** Underlying tokens the strategy holds for its shares (`sharesToUnderlyingView(totalShares)`). */
  underlying: bigint;
}

/** Strategy shares → underlying tokens at `blockNumber` (0 shares read nothing). */
export function toUnderlying(
  client: ReadClient,
  strategy: Address,
  shares: bigint,
  blockNumber: bigint,
): Promise<bigint> {
  return shares === 0n
    ? Promise.resolve(0n)
    : readContract(client, {
        address: strategy,
        abi: strategyAbi,
        functionName: "sharesToUnderlyingView",
        args: [shares],
        blockNumber,
      });
}

/** The deployment's strategies, in the file's order, with decimals, total shares and underlying at `blockNumber`. */
export function readStrategies(
  client: ReadClient,
  deployment: Deployment,
  blockNumber: bigint,
): Promise<StrategyView[]> {
  return Promise.all(
    Object.entries(deployment.strategies).map(async ([symbol, { token, strategy }]) => {
      const [decimals, totalShares] = await Promise.all([
        readContract(client, { address: token, abi: mockLstAbi, functionName: "decimals", blockNumber }),
        readContract(client, {
          address: strategy,
          abi: strategyAbi,
          functionName: "totalShares",
          blockNumber,
        }),
      ]);
      const underlying = await toUnderlying(client, strategy, totalShares, blockNumber);
      return { symbol, decimals, token, strategy, totalShares, underlying };
    }),
  );
}
