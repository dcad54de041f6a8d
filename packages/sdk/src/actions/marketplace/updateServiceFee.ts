import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface UpdateServiceFeeParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  /** The service (its provider's owner only). */
  serviceId: number;
  /** New fee per call in utility-token wei; purchases already made keep their price. */
  pricePerCall: bigint;
}

export type UpdateServiceFeeReturnType = TransactionResult;

/**
 * Changes a service's fee for later purchases.
 *
 * @example
 * await updateServiceFee(walletClient, { contracts, serviceId: 3, pricePerCall: parseEther("0.02") });
 */
export async function updateServiceFee(
  client: WriteClient,
  parameters: UpdateServiceFeeParameters,
): Promise<UpdateServiceFeeReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "updateServiceFee",
    args: [parameters.serviceId, parameters.pricePerCall],
  });
  return { hash, receipt };
}
