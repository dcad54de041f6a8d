/**
 * EIP-2335 keystores (scrypt or pbkdf2 + AES-128-CTR + SHA-256 checksum) through
 * @chainsafe/bls-keystore. Passwords and secret keys never reach an error message, a log or a
 * `cause`: errors name the public key and the file only.
 */
import { chmod, readFile, stat, writeFile } from "node:fs/promises";
import {
  create,
  decrypt,
  defaultPbkdfModule,
  defaultScryptModule,
  type IKeystore,
  validateKeystore,
} from "@chainsafe/bls-keystore";
import type { SecretKey } from "@chainsafe/blst";
import { secretKeyFromBytes } from "./bls/keys.ts";
import { KeystoreFileError, KeystoreFormatError, KeystorePasswordError } from "./errors/keystore.ts";

export type Keystore = IKeystore;

/** Key derivation. Defaults follow EIP-2335 (2^18 iterations / n = 2^18); lower them only in tests. */
export type KeystoreKdf = { function: "scrypt"; n?: number } | { function: "pbkdf2"; c?: number };

export interface CreateKeystoreParameters {
  secretKey: SecretKey;
  password: string;
  /** Default scrypt with EIP-2335's n = 262144, r = 8, p = 1. */
  kdf?: KeystoreKdf;
  /** EIP-2334 derivation path, "" when the key was not derived from a mnemonic. */
  path?: string;
  description?: string;
}

/**
 * Encrypts a secret key into an EIP-2335 keystore object (write it with `saveKeystore`).
 *
 * @example
 * const keystore = await createKeystore({ secretKey, password });
 * await saveKeystore("operator.keystore.json", keystore);
 */
export async function createKeystore(parameters: CreateKeystoreParameters): Promise<Keystore> {
  const { secretKey, password, kdf = { function: "scrypt" }, path = "", description } = parameters;
  let kdfModule: ReturnType<typeof defaultScryptModule> | ReturnType<typeof defaultPbkdfModule>;
  if (kdf.function === "scrypt") {
    const module = defaultScryptModule();
    kdfModule = { ...module, params: { ...module.params, n: kdf.n ?? module.params.n } };
  } else {
    const module = defaultPbkdfModule();
    kdfModule = { ...module, params: { ...module.params, c: kdf.c ?? module.params.c } };
  }
  const secret = secretKey.toBytes();
  try {
    const keystore = await create(
      password,
      secret,
      secretKey.toPublicKey().toBytes(true),
      path,
      description ?? null,
      kdfModule,
    );
    // The library returns a null-prototype object with `description: undefined`; hand out exactly
    // what a file round trip gives back.
    return JSON.parse(JSON.stringify(keystore)) as Keystore;
  } finally {
    secret.fill(0);
  }
}

/**
 * Decrypts a keystore. A wrong password throws `KeystorePasswordError`; a keystore whose secret
 * does not belong to its public key throws `KeystoreFormatError`.
 */
export async function decryptKeystore(keystore: Keystore, password: string): Promise<SecretKey> {
  parseKeystore(keystore);
  let secret: Uint8Array;
  try {
    // One KDF run (verifyPassword first would double a one-second scrypt). The library checks the
    // checksum before decrypting and says "Invalid password" when it does not match.
    secret = await decrypt(keystore, password);
  } catch (error) {
    if (error instanceof Error && error.message === "Invalid password")
      throw new KeystorePasswordError(keystore.pubkey);
    throw new KeystoreFormatError("could not be decrypted", { cause: error });
  }
  try {
    const secretKey = secretKeyFromBytes(secret);
    if (
      secretKey.toPublicKey().toHex(true).replace(/^0x/, "") !==
      keystore.pubkey.replace(/^0x/, "").toLowerCase()
    )
      throw new KeystoreFormatError(`the decrypted key does not match public key 0x${keystore.pubkey}`);
    return secretKey;
  } finally {
    secret.fill(0);
  }
}

/** Validates an unknown value (parsed JSON) against the EIP-2335 schema. */
export function parseKeystore(value: unknown): Keystore {
  try {
    validateKeystore(value);
  } catch (error) {
    throw new KeystoreFormatError("does not match the EIP-2335 schema", { cause: error });
  }
  return value as Keystore;
}

/** Owner read/write only: a keystore is only as strong as its password once someone can copy it. */
const KEYSTORE_FILE_MODE = 0o600;
const GROUP_OR_OTHER = 0o077;

/** Writes the keystore JSON with mode 0600 (also when the file already existed with wider rights). */
export async function saveKeystore(path: string, keystore: Keystore): Promise<void> {
  try {
    await writeFile(path, `${JSON.stringify(keystore, null, 2)}\n`, { mode: KEYSTORE_FILE_MODE });
    // `mode` applies only when the file is created.
    await chmod(path, KEYSTORE_FILE_MODE);
  } catch (error) {
    throw new KeystoreFileError(path, "could not be written", { cause: error });
  }
}

export interface LoadKeystoreOptions {
  /** Accept a file readable or writable by group or others (default false: such a file is refused). */
  allowInsecurePermissions?: boolean;
}

/** Reads and validates a keystore JSON file; refuses one that others than its owner can access. */
export async function loadKeystore(path: string, options: LoadKeystoreOptions = {}): Promise<Keystore> {
  let text: string;
  try {
    const info = await stat(path);
    if (!options.allowInsecurePermissions && (info.mode & GROUP_OR_OTHER) !== 0)
      throw new KeystoreFileError(
        path,
        `permissions ${(info.mode & 0o777).toString(8)} let others access it; run chmod 600`,
      );
    text = await readFile(path, "utf8");
  } catch (error) {
    if (error instanceof KeystoreFileError) throw error;
    throw new KeystoreFileError(path, "could not be read", { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // No `cause`: newer V8 messages quote part of the file.
    throw new KeystoreFileError(path, "is not JSON");
  }
  return parseKeystore(json);
}
