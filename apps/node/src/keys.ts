import { decryptKeystore, loadKeystore, type SecretKey } from "@palisade/crypto";
import type { Secret } from "./secret.ts";

/** Decrypts the operator's BLS key from its EIP-2335 keystore (refused if others can read the file). */
export async function loadBlsKey(keystorePath: string, password: Secret<string>): Promise<SecretKey> {
  const keystore = await loadKeystore(keystorePath);
  return decryptKeystore(keystore, password.reveal());
}
