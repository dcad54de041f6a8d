import { strategyAbi, strategyManagerAbi } from "@palisade/abis";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { CoreContracts } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import { signPermit } from "../../internal/permit.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface DepositIntoStrategyWithPermitParameters {
  contracts: Pick<CoreContracts, "strategyManager">;
  strategy: Address;
  /** Amount of the strategy's underlying token (which must implement EIP-2612 and EIP-5267). */
  amount: bigint;
  /** Unix seconds after which the permit is void. Default: the latest block's timestamp + 1 hour. */
  deadline?: bigint;
}

export interface DepositIntoStrategyWithPermitReturnType extends TransactionResult {
  /** Strategy shares minted. */
  shares: bigint;
  /** The permit's deadline (unix seconds). */
  deadline: bigint;
}

/**
 * Deposits tokens into a strategy in one transaction, approving the StrategyManager with an
 * EIP-2612 permit the client's account signs off-chain (domain from the token's `eip712Domain()`,
 * nonce from `nonces()`).
 *
 * The manager ignores a failing permit (so a front-run permit cannot block the deposit): an invalid
 * or expired permit without an existing allowance surfaces as the token's
 * `ERC20InsufficientAllowance`.
 *
 * @example
 * const { shares } = await depositIntoStrategyWithPermit(walletClient, {
 *   contracts: deployment.contracts,
 *   strategy: deployment.strategies.stETH.strategy,
 *   amount: parseEther("10"),
 * });
 */
export async function depositIntoStrategyWithPermit(
  client: WriteClient,
  parameters: DepositIntoStrategyWithPermitParameters,
): Promise<DepositIntoStrategyWithPermitReturnType> {
  const { contracts, strategy, amount } = parameters;
  const token = await readContract(client, {
    address: strategy,
    abi: strategyAbi,
    functionName: "underlyingToken",
  });
  const { deadline, v, r, s } = await signPermit(client, {
    token,
    spender: contracts.strategyManager,
    value: amount,
    deadline: parameters.deadline,
  });
  const { hash, receipt } = await execute(client, {
    address: contracts.strategyManager,
    abi: strategyManagerAbi,
    functionName: "depositIntoStrategyWithPermit",
    args: [strategy, amount, deadline, v, r, s],
  });
  const { shares } = eventArgs<{ shares: bigint }>(receipt, {
    abi: strategyManagerAbi,
    eventName: "Deposit",
    address: contracts.strategyManager,
  });
  return { hash, receipt, shares, deadline };
}
