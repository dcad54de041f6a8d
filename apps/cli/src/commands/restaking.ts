import { mockLstAbi } from "@palisade/abis";
import { avsOf, type Deployment, type OperatorSet, type ReadClient, strategyOf } from "@palisade/sdk";
import { type Address, isAddressEqual } from "viem";
import { readContract } from "viem/actions";
import { parseTokenAmount } from "../amounts.ts";
import { UsageError } from "../errors.ts";

/** Palisade's operator set: (the ServiceManager, the AVS section's set id). AvsNotDeployedError without one. */
export function palisadeSet(deployment: Deployment): OperatorSet {
  const avs = avsOf(deployment);
  return { avs: avs.serviceManager, id: avs.operatorSetId };
}

/** The deployment's symbol of a strategy, or its address. */
export function strategySymbol(deployment: Deployment, strategy: Address): string {
  const entry = Object.entries(deployment.strategies).find(([, value]) =>
    isAddressEqual(value.strategy, strategy),
  );
  return entry?.[0] ?? strategy;
}

export interface StakeToken {
  symbol: string;
  token: Address;
  strategy: Address;
  decimals: number;
}

/** A strategy of the deployment by its token's symbol (UnknownStrategyError otherwise), with the token's decimals. */
export async function stakeToken(
  client: ReadClient,
  deployment: Deployment,
  symbol: string,
): Promise<StakeToken> {
  const { token, strategy } = strategyOf(deployment, symbol);
  const decimals = await readContract(client, { address: token, abi: mockLstAbi, functionName: "decimals" });
  return { symbol, token, strategy, decimals };
}

/** `--amount` in the token's base units; a UsageError names the flag when it does not fit the decimals. */
export function tokenAmount(text: string, token: StakeToken, path: string): bigint {
  const parsed = parseTokenAmount(text, token.decimals, token.symbol);
  if ("problem" in parsed) throw new UsageError(`--amount: ${parsed.problem}`, path);
  return parsed.value;
}

/** Blocks from `current` until `target` (0 once reached). */
export function blocksUntil(target: number | bigint, current: bigint): number {
  const left = BigInt(target) - current;
  return left > 0n ? Number(left) : 0;
}
