/**
 * Ethereum V3 JSON keystores (the Web3 Secret Storage Definition: what geth, Foundry's `cast wallet`
 * and most wallets export): scrypt or PBKDF2-HMAC-SHA256 derives a 32-byte key from the password;
 * keccak256(key[16..32] ‖ ciphertext) must equal `mac`; AES-128-CTR with key[0..16] decrypts the
 * private key. viem does not decrypt these, so node:crypto does it here.
 */
import { createDecipheriv, pbkdf2, scrypt, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { bytesToHex, getAddress, type Hex, hexToBytes, isAddress, keccak256 } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { z } from "zod";
import { KeystoreV3Error, KeystoreV3PasswordError } from "../errors.ts";

const scryptAsync = promisify(scrypt) as (
  password: Uint8Array,
  salt: Uint8Array,
  keyLength: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;
const pbkdf2Async = promisify(pbkdf2);

const hex = z
  .string()
  .regex(/^(0x)?([0-9a-fA-F]{2})+$/, { message: "not hex" })
  .transform((value) => hexToBytes(value.startsWith("0x") ? (value as Hex) : `0x${value}`));

/** Upper bounds that keep a hostile file from asking for gigabytes or hours. */
const MAX_SCRYPT_N = 2 ** 20;
const MAX_PBKDF2_ROUNDS = 10_000_000;

const scryptParams = z
  .object({
    dklen: z.literal(32),
    n: z
      .number()
      .int()
      .min(2)
      .max(MAX_SCRYPT_N)
      .refine((n) => (n & (n - 1)) === 0, { message: "n must be a power of 2" }),
    r: z.number().int().min(1).max(64),
    p: z.number().int().min(1).max(64),
    salt: hex,
  })
  // RFC 7914 requires N < 2^(128·r/8); OpenSSL (node:crypto) enforces it. geth, ethers, web3.js and
  // Foundry write r = 8; only the old wiki example (r = 1, n = 2^18) breaks it.
  .refine(({ n, r }) => 16 * r >= 31 || n < 2 ** (16 * r), {
    message: "n must be below 2^(16·r) (RFC 7914); re-encrypt the key with r = 8",
  });

const pbkdf2Params = z.object({
  dklen: z.literal(32),
  c: z.number().int().min(1).max(MAX_PBKDF2_ROUNDS),
  prf: z.literal("hmac-sha256"),
  salt: hex,
});

const cryptoSection = z
  .discriminatedUnion("kdf", [
    z.object({ kdf: z.literal("scrypt"), kdfparams: scryptParams }),
    z.object({ kdf: z.literal("pbkdf2"), kdfparams: pbkdf2Params }),
  ])
  .and(
    z.object({
      cipher: z.literal("aes-128-ctr"),
      cipherparams: z.object({
        iv: hex.refine((iv) => iv.length === 16, { message: "iv must be 16 bytes" }),
      }),
      ciphertext: hex.refine((text) => text.length <= 32, {
        message: "ciphertext longer than a private key",
      }),
      mac: hex.refine((mac) => mac.length === 32, { message: "mac must be 32 bytes" }),
    }),
  );

const keystoreSchema = z
  .object({
    version: z.literal(3),
    address: z.string().optional(),
    crypto: cryptoSection.optional(),
    // Some old writers capitalised it.
    Crypto: cryptoSection.optional(),
  })
  .refine((value) => value.crypto !== undefined || value.Crypto !== undefined, {
    message: "no crypto section",
  });

export interface DecryptedKeystore {
  privateKey: Hex;
  address: `0x${string}`;
}

/** Decrypts a parsed V3 keystore (`source` names it in errors). */
export async function decryptKeystoreV3(
  json: unknown,
  password: string,
  source: string,
): Promise<DecryptedKeystore> {
  const parsed = keystoreSchema.safeParse(json);
  if (!parsed.success) {
    throw new KeystoreV3Error(source, "is not a V3 keystore (scrypt or pbkdf2, aes-128-ctr)", {
      details: z.prettifyError(parsed.error),
    });
  }
  const section = parsed.data.crypto ?? parsed.data.Crypto;
  if (section === undefined) throw new KeystoreV3Error(source, "has no crypto section");
  const secret = new TextEncoder().encode(password);
  let derived: Uint8Array;
  if (section.kdf === "scrypt") {
    const { n, r, p, salt } = section.kdfparams;
    // node refuses scrypt above `maxmem`; it needs 128·n·r bytes (+ 128·r·p), so allow twice that.
    derived = await scryptAsync(secret, salt, 32, { N: n, r, p, maxmem: 256 * n * r + 256 * r * p });
  } else {
    const { c, salt } = section.kdfparams;
    derived = await pbkdf2Async(secret, salt, c, 32, "sha256");
  }
  const mac = hexToBytes(keccak256(new Uint8Array([...derived.subarray(16, 32), ...section.ciphertext])));
  if (!timingSafeEqual(mac, section.mac)) throw new KeystoreV3PasswordError(source);
  const decipher = createDecipheriv("aes-128-ctr", derived.subarray(0, 16), section.cipherparams.iv);
  const plain = Buffer.concat([decipher.update(section.ciphertext), decipher.final()]);
  // Old writers dropped leading zero bytes of the key (go-ethereum's 30- and 31-byte test vectors).
  const key = new Uint8Array(32);
  key.set(plain, 32 - plain.length);
  const privateKey = bytesToHex(key);
  plain.fill(0);
  let address: `0x${string}`;
  try {
    address = privateKeyToAddress(privateKey);
  } catch (error) {
    throw new KeystoreV3Error(source, "decrypts to an invalid private key", { cause: error });
  }
  const stated = parsed.data.address;
  if (stated !== undefined) {
    const withPrefix = stated.startsWith("0x") ? stated : `0x${stated}`;
    if (!isAddress(withPrefix, { strict: false }) || getAddress(withPrefix) !== address)
      throw new KeystoreV3Error(source, `decrypts to ${address}, but the file says ${stated}`);
  }
  return { privateKey, address };
}

/** Reads and decrypts a V3 keystore file. */
export async function loadKeystoreV3(path: string, password: string): Promise<DecryptedKeystore> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new KeystoreV3Error(path, missing ? "not found" : "unreadable", { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeystoreV3Error(path, "is not JSON");
  }
  return decryptKeystoreV3(json, password, path);
}
