import { existsSync } from "node:fs";
import { withGasHeadroom } from "@palisade/sdk";
import {
  type Account,
  type Address,
  type Chain,
  type Client,
  erc20Abi,
  formatEther,
  getContractAddress,
  maxUint256,
  parseUnits,
  type Transport,
} from "viem";
import {
  estimateFeesPerGas,
  estimateGas,
  getBalance,
  getCode,
  getGasPrice,
  getTransactionCount,
  readContract,
} from "viem/actions";
import type { StrategySpec } from "./actions/deployCore.ts";
import { coreContractNames, coreCreationCode } from "./actions/deployCoreContracts.ts";
import type { AvsSettings } from "./avsSettings.ts";
import type { StrategyArgument } from "./config.ts";
import type { CoreDelays } from "./delays.ts";
import {
  DeploymentFileExistsError,
  DuplicateSymbolError,
  InsufficientDeployerBalanceError,
  InvalidCapError,
  NotAnErc20Error,
  TokenWithoutCodeError,
} from "./errors.ts";

export interface PlannedStrategy extends StrategySpec {
  decimals: number;
  /** The cap as typed, or undefined for no cap. */
  capTokens: string | undefined;
}

export interface CheckDeploymentParameters {
  strategies: readonly StrategyArgument[];
  owner: Address;
  pauser: Address;
  delays: CoreDelays;
  out: string;
  /** The AVS settings (addresses resolved) when `--avs` is given. */
  avs?: AvsSettings | undefined;
}

export interface DeploymentPlan extends Omit<CheckDeploymentParameters, "strategies"> {
  chainId: number;
  deployer: Address;
  nonce: number;
  balance: bigint;
  /** What the whole deployment costs at most at the current fees (gas headroom included). */
  estimatedCost: bigint;
  strategies: readonly PlannedStrategy[];
}

/**
 * Gas limits for the transactions that cannot be estimated before the core exists. Measured on
 * anvil: addStrategy (deploys a Strategy) uses ~ 580 k and is sent with a ~ 750 k limit after the
 * SDK's headroom; transferOwnership ~ 48 k (limit ~ 62 k). Rounded up: the balance must cover limits.
 */
export const gasBounds = {
  addStrategy: 850_000n,
  transferOwnership: 80_000n,
  /**
   * `--avs`: the OperatorRegistry (~ 2.93 M) and the ServiceManager (~ 3.44 M with three strategies;
   * its constructor calls into the core, so it cannot be estimated before the core exists), four
   * setters (~ 50 k each) and two ownership transfers: ~ 6.7 M measured, × 1.3 headroom, rounded up.
   */
  avs: 8_800_000n,
  /** `--avs`: each strategy of operator set 0 adds one stored entry to the ServiceManager's creation. */
  avsPerStrategy: 100_000n,
} as const;

/**
 * Everything checked before the first transaction: the output file is free; each token has code,
 * answers `symbol()` and `decimals()`, has a unique symbol and a cap that fits its decimals; the
 * deployer can pay for the whole deployment at the current fees. Sends nothing.
 *
 * @example
 * const plan = await checkDeployment(wallet, { strategies, owner, pauser, delays: mainnetDelays, out });
 */
export async function checkDeployment(
  client: Client<Transport, Chain, Account>,
  parameters: CheckDeploymentParameters,
): Promise<DeploymentPlan> {
  const deployer = client.account.address;
  if (existsSync(parameters.out)) throw new DeploymentFileExistsError(parameters.out);

  const strategies: PlannedStrategy[] = [];
  for (const { token, cap } of parameters.strategies) {
    const code = await getCode(client, { address: token });
    if (!code || code === "0x") throw new TokenWithoutCodeError(token);
    let symbol: string;
    let decimals: number;
    try {
      [symbol, decimals] = await Promise.all([
        readContract(client, { address: token, abi: erc20Abi, functionName: "symbol" }),
        readContract(client, { address: token, abi: erc20Abi, functionName: "decimals" }),
      ]);
    } catch (error) {
      throw new NotAnErc20Error(token, error);
    }
    const same = strategies.find((entry) => entry.symbol === symbol);
    if (same) throw new DuplicateSymbolError(symbol, [same.token, token]);
    if (cap !== undefined && (cap.split(".")[1]?.length ?? 0) > decimals) {
      throw new InvalidCapError(token, cap, decimals);
    }
    strategies.push({
      symbol,
      token,
      decimals,
      capTokens: cap,
      cap: cap === undefined ? maxUint256 : parseUnits(cap, decimals),
    });
  }

  const [nonce, balance, gas, feePerGas] = await Promise.all([
    getTransactionCount(client, { address: deployer, blockTag: "pending" }),
    getBalance(client, { address: deployer }),
    estimateCoreGas(client, parameters.delays, parameters.pauser),
    feePerGasBound(client),
  ]);
  const transfers = parameters.owner.toLowerCase() === deployer.toLowerCase() ? 0n : 4n;
  const totalGas =
    withGasHeadroom(gas) +
    BigInt(strategies.length) * gasBounds.addStrategy +
    transfers * gasBounds.transferOwnership +
    (parameters.avs ? gasBounds.avs + BigInt(strategies.length) * gasBounds.avsPerStrategy : 0n);
  const estimatedCost = totalGas * feePerGas;
  if (balance < estimatedCost) {
    throw new InsufficientDeployerBalanceError(deployer, balance, estimatedCost, {
      balance: `${formatEther(balance)} (native)`,
      required: `${formatEther(estimatedCost)} (native)`,
    });
  }
  return { ...parameters, chainId: client.chain.id, deployer, nonce, balance, estimatedCost, strategies };
}

/** estimateGas of the four creations (constructors only store their arguments, so placeholders do). */
async function estimateCoreGas(
  client: Client<Transport, Chain, Account>,
  delays: CoreDelays,
  pauser: Address,
): Promise<bigint> {
  const owner = client.account.address;
  const placeholder = getContractAddress({ from: owner, nonce: 0n });
  const creationCode = coreCreationCode(
    {
      strategyManager: placeholder,
      delegationManager: placeholder,
      allocationManager: placeholder,
      rewardsCoordinator: placeholder,
    },
    { ...delays, owner, pauser },
  );
  const estimates = await Promise.all(
    coreContractNames.map((name) =>
      estimateGas(client, { account: client.account, data: creationCode[name] }),
    ),
  );
  return estimates.reduce((sum, gas) => sum + gas, 0n);
}

/** The most a unit of gas should cost now: EIP-1559 maxFeePerGas, or the legacy gas price. */
async function feePerGasBound(client: Client<Transport, Chain, Account>): Promise<bigint> {
  try {
    const fees = await estimateFeesPerGas(client, { type: "eip1559" });
    return fees.maxFeePerGas;
  } catch {
    // Chains without EIP-1559 (no base fee in their blocks) price with eth_gasPrice.
    return getGasPrice(client);
  }
}
