import type { SecretKey } from "@chainsafe/blst";
import { type Address, encodeAbiParameters, type Hex } from "viem";
import { type G1Point, type G2Point, g1ToStruct, g2ToStruct } from "./encoding.ts";
import { proofOfPossession } from "./messages.ts";

/** What the AVS registrar hook receives (before encoding): the key, its proof of possession, the node URL. */
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
 * The `data` argument of `AllocationManager.registerForOperatorSets` for Palisade's set: the
 * ServiceManager's registrar hook passes it to `OperatorRegistry.registerOperator`, which does
 * `abi.decode(data, (RegistrationParams))`.
 */
export function encodeRegistrationData(payload: RegistrationPayload): Hex {
  return encodeAbiParameters(registrationParamsAbi, [payload]);
}
