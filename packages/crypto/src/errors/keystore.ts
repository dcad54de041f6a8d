import { BaseError, type BaseErrorParameters } from "./base.ts";

/** The password does not decrypt the keystore (its checksum does not match). */
export class KeystorePasswordError extends BaseError {
  override name = "KeystorePasswordError";
  constructor(readonly pubkey: string) {
    super(`wrong password for the keystore of public key 0x${pubkey}`);
  }
}

/** The JSON is not an EIP-2335 keystore, or its secret does not match its public key. */
export class KeystoreFormatError extends BaseError {
  override name = "KeystoreFormatError";
  constructor(problem: string, parameters: BaseErrorParameters = {}) {
    super(`invalid EIP-2335 keystore: ${problem}`, parameters);
  }
}

/** Reading or writing a keystore file failed, or the file is readable by others than its owner. */
export class KeystoreFileError extends BaseError {
  override name = "KeystoreFileError";
  constructor(
    readonly path: string,
    problem: string,
    parameters: BaseErrorParameters = {},
  ) {
    super(`keystore file ${path}: ${problem}`, parameters);
  }
}
