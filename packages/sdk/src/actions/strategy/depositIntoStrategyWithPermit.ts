import { mockLstAbi, strategyAbi, strategyManagerAbi } from "@palisade/abis";
import { type Address, parseSignature } from "viem";
import { getBlock, readContract, signTypedData } from "viem/actions";
import type { CoreContracts } from "../../deployment.ts";
import { InsufficientBalanceError } from "../../errors/token.ts";
import { readEip712Domain } from "../../internal/eip712.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

/** Default validity of the permit: one hour past the latest block. */
const DEFAULT_PERMIT_SECONDS = 3_600n;

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
  const owner = client.account.address;
  const token = await readContract(client, {
    address: strategy,
    abi: strategyAbi,
    functionName: "underlyingToken",
  });
  const [balance, nonce, domain, deadline] = await Promise.all([
    readContract(client, { address: token, abi: mockLstAbi, functionName: "balanceOf", args: [owner] }),
    readContract(client, { address: token, abi: mockLstAbi, functionName: "nonces", args: [owner] }),
    readEip712Domain(client, { address: token, abi: mockLstAbi }),
    parameters.deadline ??
      getBlock(client, { blockTag: "latest" }).then((block) => block.timestamp + DEFAULT_PERMIT_SECONDS),
  ]);
  if (balance < amount) throw new InsufficientBalanceError(token, owner, balance, amount);

  const signature = await signTypedData(client, {
    account: client.account,
    domain,
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message: { owner, spender: contracts.strategyManager, value: amount, nonce, deadline },
  });
  const { r, s, v, yParity } = parseSignature(signature);
  const { hash, receipt } = await execute(client, {
    address: contracts.strategyManager,
    abi: strategyManagerAbi,
    functionName: "depositIntoStrategyWithPermit",
    // 27/28: the v the token's ecrecover expects (a 65-byte signature always carries it).
    args: [strategy, amount, deadline, Number(v ?? BigInt(yParity + 27)), r, s],
  });
  const { shares } = eventArgs<{ shares: bigint }>(receipt, {
    abi: strategyManagerAbi,
    eventName: "Deposit",
    address: contracts.strategyManager,
  });
  return { hash, receipt, shares, deadline };
}
