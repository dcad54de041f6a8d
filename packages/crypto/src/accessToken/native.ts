/**
 * The native (C) primitives behind the access-token hot path: keccak-256 from `keccak` and ECDSA
 * from `secp256k1` (libsecp256k1). Both packages silently fall back to pure JavaScript when their
 * add-on fails to load; `nativeCrypto` reports which one is running so a bench or a health check can
 * tell (the fallbacks are 10–50× slower, still correct).
 */
import { createRequire } from "node:module";
import createKeccakHash from "keccak";
import secp256k1 from "secp256k1";

export { secp256k1 };

/** keccak-256 of `data` (≈ 3.5 µs for up to 136 bytes, against ≈ 10 µs in JavaScript). */
export function keccak256Bytes(data: Buffer): Buffer {
  return createKeccakHash("keccak256").update(data).digest();
}

const require = createRequire(import.meta.url);

function loads(id: string): boolean {
  try {
    require(id);
    return true;
  } catch {
    return false;
  }
}

/** Whether the native add-ons loaded (false: the packages run their JavaScript fallbacks). */
export function nativeCrypto(): { keccak: boolean; secp256k1: boolean } {
  return { keccak: loads("keccak/bindings"), secp256k1: loads("secp256k1/bindings") };
}
