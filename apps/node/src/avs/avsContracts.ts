/**
 * Everything the node needs from the Palisade AVS contracts (ServiceManager, OperatorRegistry), in
 * one place. Those contracts land on a separate branch; until their ABI and deployment entries
 * exist, the functions that would need them throw NotAvailableError instead of guessing.
 *
 * Works now: the registration payload (G1 key struct, proof of possession for a given registry
 * address, ADR 0003) and its encoding, `abi.encode(IOperatorRegistry.RegistrationParams)` as the
 * ServiceManager's registrar hook decodes it. Waits for the generated ABIs and the deployment file:
 * - `avsAddressesOf`: the deployment file has no AVS section yet;
 * - `isRegisteredWithAvs`: packages/abis does not generate the OperatorRegistry ABI yet.
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
import { type Address, encodeAbiParameters, type Hex } from "viem";
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

const g1Components = [
  { name: "xA", type: "bytes32" },
  { name: "xB", type: "bytes32" },
  { name: "yA", type: "bytes32" },
  { name: "yB", type: "bytes32" },
] as const;
const g2Components = [
  { name: "xc0A", type: "bytes32" },
  { name: "xc0B", type: "bytes32" },
  { name: "xc1A", type: "bytes32" },
  { name: "xc1B", type: "bytes32" },
  { name: "yc0A", type: "bytes32" },
  { name: "yc0B", type: "bytes32" },
  { name: "yc1A", type: "bytes32" },
  { name: "yc1B", type: "bytes32" },
] as const;

/** `IOperatorRegistry.RegistrationParams` (contracts/src/interfaces/IOperatorRegistry.sol). */
export const registrationParamsAbi = [
  {
    type: "tuple",
    components: [
      { name: "pubkey", type: "tuple", components: g1Components },
      { name: "proofOfPossession", type: "tuple", components: g2Components },
      { name: "nodeUrl", type: "string" },
    ],
  },
] as const;

/**
 * The `data` argument of `AllocationManager.registerForOperatorSets`: the ServiceManager's registrar
 * hook passes it to `OperatorRegistry.registerOperator`, which does
 * `abi.decode(data, (RegistrationParams))`.
 */
export function encodeRegistrationData(payload: RegistrationPayload): Hex {
  return encodeAbiParameters(registrationParamsAbi, [payload]);
}

/** Whether `operator` has a BLS key registered with the AVS. Waits for the OperatorRegistry ABI. */
export async function isRegisteredWithAvs(_operator: Address): Promise<boolean> {
  throw new NotAvailableError("reading the operator's registration from the OperatorRegistry");
}
