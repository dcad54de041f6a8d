/**
 * Everything the node needs from the Palisade AVS contracts (ServiceManager, OperatorRegistry), in
 * one place. Those contracts land on a separate branch; until their ABI and deployment entries
 * exist, the functions that would need them throw NotAvailableError instead of guessing.
 *
 * Works now: the registration payload's cryptography (G1 key struct, proof of possession for a given
 * registry address), because ADR 0003 fixes it. Waits for the contracts:
 * - `avsAddressesOf`: the deployment file has no AVS section yet;
 * - `encodeRegistrationData`: the registrar hook's `data` layout is the ServiceManager's to define;
 * - `isRegisteredWithAvs`: reading the registry needs its ABI.
 */
import {
  type G1Point,
  type G2Point,
  g1ToStruct,
  g2ToStruct,
  proofOfPossession,
  type SecretKey,
} from "@palisade/crypto";
import type { Deployment } from "@palisade/sdk";
import type { Address, Hex } from "viem";
import { NotAvailableError } from "../errors.ts";

/** The AVS contracts the node talks to. */
export interface AvsAddresses {
  /** Checks certificates; its address is in every attestation digest. */
  serviceManager: Address;
  /** Holds operators' BLS keys; its address is in the proof-of-possession message. */
  registry: Address;
}

/** What the registrar hook receives (before encoding): the key, its proof of possession, the node URL. */
export interface RegistrationPayload {
  pubkey: G1Point;
  proofOfPossession: G2Point;
  nodeUrl: string;
}

export interface BuildRegistrationPayloadParameters {
  secretKey: SecretKey;
  chainId: number;
  registry: Address;
  operator: Address;
  nodeUrl: string;
}

/** The key struct and a proof of possession bound to (chainId, registry, operator) — ADR 0003. */
export function buildRegistrationPayload(
  parameters: BuildRegistrationPayloadParameters,
): RegistrationPayload {
  const { secretKey, chainId, registry, operator, nodeUrl } = parameters;
  return {
    pubkey: g1ToStruct(secretKey.toPublicKey()),
    proofOfPossession: g2ToStruct(proofOfPossession(secretKey, { chainId, registry, operator })),
    nodeUrl,
  };
}

/** The AVS addresses of a deployment. Waits for the deployment file's AVS section. */
export function avsAddressesOf(_deployment: Deployment): AvsAddresses {
  throw new NotAvailableError(
    "reading the AVS addresses (ServiceManager, OperatorRegistry) from the deployment file",
  );
}

/**
 * The `data` argument of `AllocationManager.registerForOperatorSets` that the ServiceManager's
 * registrar hook `registerOperator(operator, avs, ids, data)` decodes. Waits for the ServiceManager.
 */
export function encodeRegistrationData(_payload: RegistrationPayload): Hex {
  throw new NotAvailableError("encoding the registrar-hook data (ServiceManager.registerOperator)");
}

/** Whether `operator` has a BLS key registered with the AVS. Waits for the OperatorRegistry ABI. */
export async function isRegisteredWithAvs(_operator: Address): Promise<boolean> {
  throw new NotAvailableError("reading the operator's registration from the OperatorRegistry");
}
