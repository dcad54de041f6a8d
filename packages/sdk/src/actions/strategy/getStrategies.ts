import { mockLstAbi, strategyAbi, strategyManagerAbi } from "@palisade/abis";
import type { Address } from "viem";
import { getBlockNumber } from "viem/actions";
import type { CoreContracts } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";

export interface GetStrategiesParameters {
  contracts: Pick<CoreContracts, "strategyManager">;
}

export interface StrategyView {
  strategy: Address;
  /** The underlying token and its ERC-20 symbol. */
  token: Address;
  symbol: string;
  /** Strategy shares outstanding. */
  totalShares: bigint;
  /** Underlying tokens the strategy holds (what the shares are claims on). */
  balance: bigint;
}

/** Every strategy of the StrategyManager, in creation order. */
export type GetStrategiesReturnType = readonly StrategyView[];

/**
 * Lists the strategies with their underlying token, its symbol, total shares and token balance.
 *
 * @example
 * const strategies = await getStrategies(publicClient, { contracts: deployment.contracts });
 * strategies.map((entry) => entry.symbol); // ["stETH", "rETH", "cbETH"]
 */
export async function getStrategies(
  client: ReadClient,
  parameters: GetStrategiesParameters,
): Promise<GetStrategiesReturnType> {
  // Every value from one block, so shares and balances agree even while deposits are being mined.
  const blockNumber = await getBlockNumber(client, { cacheTime: 0 });
  const strategies = await read<readonly Address[]>(client, {
    address: parameters.contracts.strategyManager,
    abi: strategyManagerAbi,
    functionName: "getStrategies",
    blockNumber,
  });
  return Promise.all(
    strategies.map(async (strategy): Promise<StrategyView> => {
      const [token, totalShares] = await Promise.all([
        read<Address>(client, {
          address: strategy,
          abi: strategyAbi,
          functionName: "underlyingToken",
          blockNumber,
        }),
        read<bigint>(client, {
          address: strategy,
          abi: strategyAbi,
          functionName: "totalShares",
          blockNumber,
        }),
      ]);
      const [symbol, balance] = await Promise.all([
        read<string>(client, { address: token, abi: mockLstAbi, functionName: "symbol", blockNumber }),
        read<bigint>(client, {
          address: token,
          abi: mockLstAbi,
          functionName: "balanceOf",
          args: [strategy],
          blockNumber,
        }),
      ]);
      return { strategy, token, symbol, totalShares, balance };
    }),
  );
}
