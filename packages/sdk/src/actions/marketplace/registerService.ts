import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";
import { categoryIndex, type ServiceCategory } from "../../marketplaceTypes.ts";

export interface RegisterServiceParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  providerId: number;
  /** A kill-chain stage or a check type (see `serviceCategories`). */
  category: ServiceCategory;
  /** Fee per call in utility-token wei. */
  pricePerCall: bigint;
  /** Path under the provider's endpoint, e.g. `/v1/address`. */
  endpointPath: string;
  /** Where the request/response schema is described, e.g. an OpenAPI URL with a fragment. */
  schemaRef: string;
}

export interface RegisterServiceReturnType extends TransactionResult {
  serviceId: number;
}

/**
 * Lists a new service of a provider (the client's account must own the provider).
 *
 * @example
 * const { serviceId } = await registerService(walletClient, {
 *   contracts, providerId: 1, category: "address-risk", pricePerCall: parseEther("0.01"),
 *   endpointPath: "/v1/address", schemaRef: "https://api.vendor.example/v1/openapi.json#/address",
 * });
 */
export async function registerService(
  client: WriteClient,
  parameters: RegisterServiceParameters,
): Promise<RegisterServiceReturnType> {
  const { contracts } = parameters;
  const { hash, receipt } = await execute(client, {
    address: contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "registerService",
    args: [
      parameters.providerId,
      categoryIndex(parameters.category),
      parameters.pricePerCall,
      parameters.endpointPath,
      parameters.schemaRef,
    ],
  });
  const { serviceId } = eventArgs<{ serviceId: number }>(receipt, {
    abi: marketplaceAbi,
    eventName: "ServiceRegistered",
    address: contracts.marketplace,
  });
  return { hash, receipt, serviceId };
}
