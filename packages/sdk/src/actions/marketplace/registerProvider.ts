import { marketplaceAbi } from "@palisade/abis";
import type { Hash } from "viem";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { ensureAllowance } from "../../internal/allowance.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface RegisterProviderParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace" | "utilityToken">;
  /** Utility tokens to stake (at least the marketplace's `minStake`). */
  stake: bigint;
  /** Where the provider describes itself (name, contact, terms), e.g. an https or ipfs URI. */
  metadataURI: string;
  /** Base URL consumers call, e.g. `https://api.vendor.example`. */
  endpoint: string;
  /** Approve the marketplace for `stake` when the allowance is short (default true). */
  approve?: boolean;
}

export interface RegisterProviderReturnType extends TransactionResult {
  providerId: number;
  approvalHash: Hash | undefined;
}

/**
 * Registers the client's account as a provider, staking utility tokens; the provider id comes from
 * the `ProviderRegistered` event.
 *
 * @example
 * const { providerId } = await registerProvider(walletClient, {
 *   contracts: marketplaceOf(deployment),
 *   stake: parseEther("1000"),
 *   metadataURI: "https://vendor.example/palisade.json",
 *   endpoint: "https://api.vendor.example",
 * });
 */
export async function registerProvider(
  client: WriteClient,
  parameters: RegisterProviderParameters,
): Promise<RegisterProviderReturnType> {
  const { contracts, stake, metadataURI, endpoint } = parameters;
  const approvalHash = await ensureAllowance(client, {
    token: contracts.utilityToken,
    spender: contracts.marketplace,
    amount: stake,
    approve: parameters.approve,
  });
  const { hash, receipt } = await execute(client, {
    address: contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "registerProvider",
    args: [stake, metadataURI, endpoint],
  });
  const { providerId } = eventArgs<{ providerId: number }>(receipt, {
    abi: marketplaceAbi,
    eventName: "ProviderRegistered",
    address: contracts.marketplace,
  });
  return { hash, receipt, providerId, approvalHash };
}
