import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface SetServiceActiveParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace">;
  /** The service. */
  serviceId: number;
  /** False delists it: it can no longer be bought (existing purchases stay valid). */
  active: boolean;
}

export type SetServiceActiveReturnType = TransactionResult;

/**
 * Lists or delists a service (its provider's owner, or governance for delisting).
 *
 * @example
 * await setServiceActive(walletClient, { contracts, serviceId: 3, active: false });
 */
export async function setServiceActive(
  client: WriteClient,
  parameters: SetServiceActiveParameters,
): Promise<SetServiceActiveReturnType> {
  const { hash, receipt } = await execute(client, {
    address: parameters.contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "setServiceActive",
    args: [parameters.serviceId, parameters.active],
  });
  return { hash, receipt };
}
