import type { PublicKey, SecretKey, Signature } from "@chainsafe/blst";
import { type Address, encodeAbiParameters, type Hex, keccak256, stringToHex } from "viem";
import { type G1Point, g1ToStruct } from "./encoding.ts";
import { sign, verify } from "./sign.ts";

/** `keccak256("PALISADE_BLS_POP")`: domain tag of proof-of-possession messages (ADR 0003). */
export const POP_TAG: Hex = keccak256(stringToHex("PALISADE_BLS_POP"));
/** `keccak256("PALISADE_ATTESTATION")`: domain tag of batch attestations (ADR 0003). */
export const ATTESTATION_TAG: Hex = keccak256(stringToHex("PALISADE_ATTESTATION"));

const g1PointAbi = {
  type: "tuple",
  components: [
    { name: "xA", type: "bytes32" },
    { name: "xB", type: "bytes32" },
    { name: "yA", type: "bytes32" },
    { name: "yB", type: "bytes32" },
  ],
} as const;

const popAbi = [
  { type: "bytes32" },
  { type: "uint256" },
  { type: "address" },
  { type: "address" },
  g1PointAbi,
] as const;

const attestationAbi = [
  { type: "bytes32" },
  { type: "uint256" },
  { type: "address" },
  { type: "bytes32" },
  { type: "uint32" },
] as const;

export interface PopMessageParameters {
  chainId: bigint | number;
  /** The registry contract that checks the proof. */
  registry: Address;
  /** The operator the key is bound to. */
  operator: Address;
  /** The operator's G1 public key, as the struct (or anything `g1ToStruct` accepts). */
  pubkey: G1Point | Parameters<typeof g1ToStruct>[0];
}

/**
 * The 32-byte digest an operator signs to prove possession of its key:
 * `keccak256(abi.encode(POP_TAG, chainId, registry, operator, pubkeyG1))`. Binding the operator and
 * the deployment stops rogue-key registrations and replays on another chain or registry.
 */
export function popMessage(parameters: PopMessageParameters): Hex {
  const { chainId, registry, operator, pubkey } = parameters;
  const point = isG1Struct(pubkey) ? pubkey : g1ToStruct(pubkey);
  return keccak256(encodeAbiParameters(popAbi, [POP_TAG, BigInt(chainId), registry, operator, point]));
}

export interface AttestationDigestParameters {
  chainId: bigint | number;
  serviceManager: Address;
  /** Merkle root of the batch's verdict leaves. */
  batchRoot: Hex;
  /** The block whose stakes weigh the attestation (uint32 on-chain). */
  referenceBlock: number;
}

/**
 * The 32-byte digest operators sign for a batch:
 * `keccak256(abi.encode(ATTESTATION_TAG, chainId, serviceManager, batchRoot, uint32 referenceBlock))`.
 *
 * @example
 * const digest = attestationDigest({ chainId: 31337, serviceManager, batchRoot: tree.root, referenceBlock: 1200 });
 * const signature = sign(secretKey, digest);
 */
export function attestationDigest(parameters: AttestationDigestParameters): Hex {
  const { chainId, serviceManager, batchRoot, referenceBlock } = parameters;
  return keccak256(
    encodeAbiParameters(attestationAbi, [
      ATTESTATION_TAG,
      BigInt(chainId),
      serviceManager,
      batchRoot,
      referenceBlock,
    ]),
  );
}

/**
 * The operator's proof of possession: its signature over `popMessage` for its own public key.
 *
 * @example
 * const pop = proofOfPossession(secretKey, { chainId, registry, operator });
 * await writeContract(client, { …, args: [g1ToStruct(publicKeyOf(secretKey)), g2ToStruct(pop)] });
 */
export function proofOfPossession(
  secretKey: SecretKey,
  parameters: Omit<PopMessageParameters, "pubkey">,
): Signature {
  return sign(secretKey, popMessage({ ...parameters, pubkey: secretKey.toPublicKey() }));
}

function isG1Struct(value: PopMessageParameters["pubkey"]): value is G1Point {
  return typeof (value as G1Point).xA === "string";
}

/** Checks an operator's proof of possession for `publicKey` (what the registry does on-chain). */
export function verifyProofOfPossession(
  publicKey: PublicKey,
  signature: Signature,
  parameters: Omit<PopMessageParameters, "pubkey">,
): boolean {
  return verify(popMessage({ ...parameters, pubkey: publicKey }), publicKey, signature);
}
