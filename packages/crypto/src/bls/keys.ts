import { randomBytes } from "node:crypto";
import { type PublicKey, SecretKey } from "@chainsafe/blst";
import { InvalidSecretKeyError } from "../errors/bls.ts";

/** EIP-2333 requires at least 32 bytes of input key material. */
const MIN_IKM_LENGTH = 32;

/**
 * Derives a secret key from input key material with the EIP-2333 / IETF BLS KeyGen
 * (`HKDF_mod_r`, salt "BLS-SIG-KEYGEN-SALT-"). The same IKM always gives the same key; this is
 * EIP-2333's master key (checked against the EIP's test vector).
 *
 * @example
 * const secretKey = secretKeyFromIkm(seed32Bytes);
 */
export function secretKeyFromIkm(ikm: Uint8Array): SecretKey {
  if (ikm.length < MIN_IKM_LENGTH)
    throw new InvalidSecretKeyError(
      `key material must be at least ${MIN_IKM_LENGTH} bytes, got ${ikm.length}`,
    );
  return SecretKey.fromKeygen(ikm);
}

/** A fresh secret key from 32 bytes of the operating system's CSPRNG. */
export function randomSecretKey(): SecretKey {
  const ikm = randomBytes(MIN_IKM_LENGTH);
  try {
    return SecretKey.fromKeygen(ikm);
  } finally {
    ikm.fill(0);
  }
}

/**
 * Restores a secret key from its 32-byte big-endian scalar (as stored in a keystore). Rejects zero
 * and scalars ≥ r without echoing the bytes.
 */
export function secretKeyFromBytes(bytes: Uint8Array): SecretKey {
  try {
    return SecretKey.fromBytes(bytes);
  } catch {
    // blst's message is generic, but never let a caller log the input through `cause`.
    throw new InvalidSecretKeyError(`not a valid 32-byte BLS12-381 scalar (length ${bytes.length})`);
  }
}

/** The G1 public key of a secret key. */
export function publicKeyOf(secretKey: SecretKey): PublicKey {
  return secretKey.toPublicKey();
}
