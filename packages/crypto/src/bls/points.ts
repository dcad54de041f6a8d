import { PublicKey, Signature } from "@chainsafe/blst";
import { InvalidPointEncodingError } from "../errors/bls.ts";
import { pointError } from "./blstError.ts";

/** zcash/blst serialisation sizes: x only with flags (compressed) or x ‖ y (uncompressed). */
const G1_COMPRESSED = 48;
const G1_UNCOMPRESSED = 96;
const G2_COMPRESSED = 96;
const G2_UNCOMPRESSED = 192;

/**
 * Decodes a public key from blst/zcash bytes (48 compressed or 96 uncompressed) and checks that it
 * is on the curve, in the subgroup and not infinity. Decoding costs far more than verifying with
 * an already-decoded key: decode each operator's key once and keep the `PublicKey`.
 */
export function publicKeyFromBytes(bytes: Uint8Array): PublicKey {
  if (bytes.length !== G1_COMPRESSED && bytes.length !== G1_UNCOMPRESSED)
    throw new InvalidPointEncodingError(
      "G1",
      `expected ${G1_COMPRESSED} or ${G1_UNCOMPRESSED} bytes, got ${bytes.length}`,
    );
  try {
    return PublicKey.fromBytes(bytes, true);
  } catch (error) {
    throw pointError("G1", error);
  }
}

/**
 * Decodes a signature from blst/zcash bytes (96 compressed or 192 uncompressed) and checks that it
 * is on the curve, in the subgroup and not infinity.
 */
export function signatureFromBytes(bytes: Uint8Array): Signature {
  if (bytes.length !== G2_COMPRESSED && bytes.length !== G2_UNCOMPRESSED)
    throw new InvalidPointEncodingError(
      "G2",
      `expected ${G2_COMPRESSED} or ${G2_UNCOMPRESSED} bytes, got ${bytes.length}`,
    );
  try {
    return Signature.fromBytes(bytes, true, true);
  } catch (error) {
    throw pointError("G2", error);
  }
}
