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

/** The native sponge `keccak` wraps in a Transform stream (keccak 3.0.4: `KeccakWrapper`). */
interface KeccakSponge {
  initialize(rate: number, capacity: number): void;
  absorb(data: Buffer): void;
  squeeze(length: number): Buffer;
}

/**
 * The package's public API builds a Node stream per hash, which is half of its ≈ 3.5 µs; the hot
 * path reuses the native sponge underneath (≈ 1.8 µs) exactly as `digest()` drives it for keccak256
 * (rate 1088, capacity 512, no suffix). It is an internal of keccak 3.0.4, so it is only used after it
 * hashed known vectors correctly; otherwise every hash goes through the public API.
 */
function nativeSponge(): KeccakSponge | undefined {
  try {
    const Sponge = (createKeccakHash("keccak256") as unknown as { _state?: { constructor?: unknown } })._state
      ?.constructor as (new () => KeccakSponge) | undefined;
    if (typeof Sponge !== "function") return undefined;
    const sponge = new Sponge();
    for (const length of [0, 32, 135, 136, 137, 192]) {
      const data = Buffer.alloc(length, 0xa5);
      sponge.initialize(1088, 512);
      sponge.absorb(data);
      if (!sponge.squeeze(32).equals(createKeccakHash("keccak256").update(data).digest())) return undefined;
    }
    return sponge;
  } catch {
    return undefined;
  }
}

const sponge = nativeSponge();

/** keccak-256 of `data` (≈ 1.8 µs native, against ≈ 10 µs in JavaScript). */
export function keccak256Bytes(data: Buffer): Buffer {
  if (sponge === undefined) return createKeccakHash("keccak256").update(data).digest();
  // Synchronous from initialize to squeeze: no other hash can interleave on the shared sponge.
  sponge.initialize(1088, 512);
  sponge.absorb(data);
  return sponge.squeeze(32);
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

/**
 * Whether the native add-ons loaded (false: the packages run their JavaScript fallbacks), and whether
 * hashing reuses the native sponge directly (the fastest path).
 */
export function nativeCrypto(): { keccak: boolean; keccakSponge: boolean; secp256k1: boolean } {
  return {
    keccak: loads("keccak/bindings"),
    keccakSponge: sponge !== undefined,
    secp256k1: loads("secp256k1/bindings"),
  };
}
