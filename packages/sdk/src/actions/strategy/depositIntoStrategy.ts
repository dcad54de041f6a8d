import { mockLstAbi, strategyAbi, strategyManagerAbi } from "@palisade/abis";
import type { Address, Hash } from "viem";
import { readContract } from "viem/actions";
import type { CoreContracts } from "../../deployment.ts";
import { InsufficientAllowanceError, InsufficientBalanceError } from "../../errors/token.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface DepositIntoStrategyParameters {
  contracts: Pick<CoreContracts, "strategyManager">;
  strategy: Address;
  /** Amount of the strategy's underlying token. */
  amount: bigint;
  /** Approve the StrategyManager for `amount` when the allowance is short (default true). */
  approve?: boolean;
}

export interface DepositIntoStrategyReturnType extends TransactionResult {
  /** Strategy shares minted. */
  shares: bigint;
  /** The approval transaction, when one was needed. */
  approvalHash: Hash | undefined;
}

/**
 * Deposits tokens into a strategy from the client's account, approving the StrategyManager first
 * if needed. The shares join the account's position (delegated to its operator, if any).
 *
 * @example
 * const { shares } = await depositIntoStrategy(walletClient, {
 *   contracts: deployment.contracts,
 *   strategy: deployment.strategies.stETH.strategy,
 *   amount: parseEther("10"),
 * });
 */
export async function depositIntoStrategy(
  client: WriteClient,
  parameters: DepositIntoStrategyParameters,
): Promise<DepositIntoStrategyReturnType> {
  const { contracts, strategy, amount } = parameters;
  const owner = client.account.address;
  const token = await readContract(client, {
    address: strategy,
    abi: strategyAbi,
    functionName: "underlyingToken",
  });
  const [balance, allowance] = await Promise.all([
    readContract(client, { address: token, abi: mockLstAbi, functionName: "balanceOf", args: [owner] }),
    readContract(client, {
      address: token,
      abi: mockLstAbi,
      functionName: "allowance",
      args: [owner, contracts.strategyManager],
    }),
  ]);
  if (balance < amount) throw new InsufficientBalanceError(token, owner, balance, amount);

  let approvalHash: Hash | undefined;
  if (allowance < amount) {
    if (parameters.approve === false) {
      throw new InsufficientAllowanceError(token, owner, contracts.strategyManager, allowance, amount);
    }
    const approval = await execute<boolean>(client, {
      address: token,
      abi: mockLstAbi,
      functionName: "approve",
      args: [contracts.strategyManager, amount],
    });
    approvalHash = approval.hash;
  }

  const { hash, receipt } = await execute(client, {
    address: contracts.strategyManager,
    abi: strategyManagerAbi,
    functionName: "depositIntoStrategy",
    args: [strategy, amount],
  });
  const { shares } = eventArgs<{ shares: bigint }>(receipt, {
    abi: strategyManagerAbi,
    eventName: "Deposit",
    address: contracts.strategyManager,
  });
  return { hash, receipt, shares, approvalHash };
}
