import { strategyManagerAbi } from "@palisade/abis";
import { type Address, encodeFunctionData } from "viem";
import { readContract } from "viem/actions";
import { type DeployWallet, sendAndWait } from "../send.ts";

export interface AddStrategyParameters {
  strategyManager: Address;
  token: Address;
  /** Deposit cap in the token's base units (maxUint256: no cap). */
  cap: bigint;
  /** Names the transaction in errors (default: the token address). */
  label?: string | undefined;
}

export type AddStrategyReturnType = Address;

/**
 * Adds a strategy for `token` with a deposit cap (the wallet must own the StrategyManager) and
 * returns the strategy's address.
 *
 * @example
 * const strategy = await addStrategy(wallet, { strategyManager, token, cap: parseEther("10000") });
 */
export async function addStrategy(
  wallet: DeployWallet,
  parameters: AddStrategyParameters,
): Promise<AddStrategyReturnType> {
  const { strategyManager, token, cap } = parameters;
  const data = encodeFunctionData({
    abi: strategyManagerAbi,
    functionName: "addStrategy",
    args: [token, cap],
  });
  const receipt = await sendAndWait(
    wallet,
    { to: strategyManager, data },
    `addStrategy(${parameters.label ?? token})`,
  );
  return readContract(wallet, {
    address: strategyManager,
    abi: strategyManagerAbi,
    functionName: "strategyFor",
    args: [token],
    blockNumber: receipt.blockNumber,
  });
}
