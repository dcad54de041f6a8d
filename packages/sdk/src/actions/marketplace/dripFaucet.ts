import { devnetFaucetAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { MarketplaceNotDeployedError } from "../../errors/deploymentFile.ts";
import { execute } from "../../internal/execute.ts";
import { read } from "../../internal/read.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface DripFaucetParameters {
  contracts: Pick<MarketplaceDeployment, "faucet">;
}

export interface DripFaucetReturnType extends TransactionResult {
  /** Utility tokens received. */
  amount: bigint;
}

/**
 * Devnet only: takes the faucet's drip of utility tokens (allowlisted seeded accounts, once per
 * cooldown; `CoolingDown` carries the next time). Real chains have no faucet.
 *
 * @example
 * const { amount } = await dripFaucet(walletClient, { contracts: marketplaceOf(deployment) });
 */
export async function dripFaucet(
  client: WriteClient,
  parameters: DripFaucetParameters,
): Promise<DripFaucetReturnType> {
  const faucet = parameters.contracts.faucet;
  if (!faucet) throw new MarketplaceNotDeployedError();
  const amount = await read<bigint>(client, {
    address: faucet,
    abi: devnetFaucetAbi,
    functionName: "dripAmount",
  });
  const { hash, receipt } = await execute(client, {
    address: faucet,
    abi: devnetFaucetAbi,
    functionName: "drip",
    args: [],
  });
  return { hash, receipt, amount };
}
