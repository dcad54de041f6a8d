/**
 * Everything the node needs from the Palisade AVS contracts (ServiceManager, OperatorRegistry), in
 * one place: their addresses from the deployment file's `avs` section, and the registry reads. The
 * registration payload and its encoding (ADR 0003) live in @palisade/crypto, shared with the
 * testkit and the devnet.
 */
import { operatorRegistryAbi } from "@palisade/abis";
import { avsOf, type Deployment, type ReadClient } from "@palisade/sdk";
import type { Address } from "viem";
import { readContract } from "viem/actions";

export {
  type BuildRegistrationPayloadParameters,
  buildRegistrationPayload,
  encodeRegistrationData,
  type RegistrationPayload,
  registrationParamsAbi,
} from "@palisade/crypto";

/** The AVS contracts the node talks to. */
export interface AvsAddresses {
  /** Checks certificates; its address is in every attestation digest. */
  serviceManager: Address;
  /** Holds operators' BLS keys; its address is in the proof-of-possession message. */
  registry: Address;
}

/** The AVS addresses of a deployment (AvsNotDeployedError when its file has no `avs` section). */
export function avsAddressesOf(deployment: Deployment): AvsAddresses {
  const avs = avsOf(deployment);
  return { serviceManager: avs.serviceManager, registry: avs.operatorRegistry };
}

/** Whether `operator` has a BLS key registered in the AVS's OperatorRegistry. */
export async function isRegisteredWithAvs(
  client: ReadClient,
  parameters: { registry: Address; operator: Address },
): Promise<boolean> {
  return readContract(client, {
    address: parameters.registry,
    abi: operatorRegistryAbi,
    functionName: "isRegistered",
    args: [parameters.operator],
  });
}
