import { providerSlashingAbi } from "@palisade/abis";
import { type Address, keccak256, toBytes } from "viem";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface RequestProviderSlashParameters {
  contracts: Pick<MarketplaceDeployment, "providerSlashing">;
  providerId: number;
  /** Utility tokens to take from the provider's stake (then its unstaking amount). */
  amount: bigint;
  /** The evidence document (hashed on-chain) and where it is published. */
  evidence: string;
  evidenceURI: string;
  /** Harmed consumers and what each gets, paid first; their sum ≤ amount. */
  compensations?: readonly { account: Address; amount: bigint }[];
}

export interface RequestProviderSlashReturnType extends TransactionResult {
  requestId: bigint;
  /** Unix seconds: the veto committee may veto before it, anyone executes from it on. */
  vetoDeadline: number;
}

/**
 * Files a provider slashing request (requester role: governance, or the configured account). The veto
 * committee may veto it before the deadline; then `executeProviderSlash` carries it out.
 *
 * @example
 * const { requestId } = await requestProviderSlash(requesterWallet, {
 *   contracts, providerId: 2, amount: parseEther("100"), evidence: JSON.stringify(report), evidenceURI: "ipfs://…",
 *   compensations: [{ account: consumer, amount: parseEther("10") }],
 * });
 */
export async function requestProviderSlash(
  client: WriteClient,
  parameters: RequestProviderSlashParameters,
): Promise<RequestProviderSlashReturnType> {
  const { contracts } = parameters;
  const { hash, receipt } = await execute(client, {
    address: contracts.providerSlashing,
    abi: providerSlashingAbi,
    functionName: "requestSlash",
    args: [
      parameters.providerId,
      parameters.amount,
      keccak256(toBytes(parameters.evidence)),
      parameters.evidenceURI,
      parameters.compensations ?? [],
    ],
  });
  const { id, vetoDeadline } = eventArgs<{ id: bigint; vetoDeadline: number }>(receipt, {
    abi: providerSlashingAbi,
    eventName: "SlashRequested",
    address: contracts.providerSlashing,
  });
  return { hash, receipt, requestId: id, vetoDeadline };
}
