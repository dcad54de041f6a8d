import { createHash } from "node:crypto";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  createKeystore,
  type KeystoreKdf,
  pubkeyHash,
  type SecretKey,
  saveKeystore,
  secretKeyFromIkm,
} from "@palisade/crypto";
import type { Hex } from "viem";

/**
 * The BLS key of AVS operator `index` (accounts().avsOperators[index]): EIP-2333 KeyGen from the
 * fixed IKM sha256("palisade-test-operator-bls-<index>"). PUBLIC test keys: anyone can rebuild them,
 * as the tests, the aggregator's tests and the devnet do.
 */
export function operatorBlsKey(index: number): SecretKey {
  return secretKeyFromIkm(createHash("sha256").update(`palisade-test-operator-bls-${index}`).digest());
}

/** The on-chain id of operator `index`'s key: keccak256 of its EIP-2537 G1 encoding. */
export const operatorPubkeyHash = (index: number): Hex => pubkeyHash(operatorBlsKey(index).toPublicKey());

/** The password of the keystores written by writeOperatorKeystores: a public test value. */
export const testKeystorePassword = "palisade-test-password";

/**
 * A cheap key derivation (pbkdf2, 16 iterations instead of EIP-2335's 262 144) so a test or the
 * devnet decrypts four keystores in milliseconds. It protects nothing: test keys only.
 */
export const testKeystoreKdf: KeystoreKdf = { function: "pbkdf2", c: 16 };

export interface OperatorKeystoreFiles {
  /** `operator-<i>.keystore.json` (mode 0600), one per operator. */
  keystores: string[];
  /** `password.txt` (mode 0600) beside them, holding `password`. */
  passwordFile: string;
}

/**
 * Writes EIP-2335 keystores of operatorBlsKey(0 … count-1) into `dir` with a test password and the
 * cheap KDF, plus the password in a file beside them (what the node's --bls-password-file reads).
 */
export async function writeOperatorKeystores(
  dir: string,
  count = 4,
  options: { password?: string; kdf?: KeystoreKdf } = {},
): Promise<OperatorKeystoreFiles> {
  const password = options.password ?? testKeystorePassword;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keystores: string[] = [];
  for (let i = 0; i < count; i++) {
    const keystore = await createKeystore({
      secretKey: operatorBlsKey(i),
      password,
      kdf: options.kdf ?? testKeystoreKdf,
      description: `Palisade test operator ${i} (PUBLIC test key)`,
    });
    const path = join(dir, `operator-${i}.keystore.json`);
    await saveKeystore(path, keystore);
    keystores.push(path);
  }
  const passwordFile = join(dir, "password.txt");
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  await chmod(passwordFile, 0o600);
  return { keystores, passwordFile };
}
