import type { Address } from "viem";

export interface SignerCache {
  /** The signer recovered for exactly this encoded token, if cached. */
  get(encoded: string): Address | undefined;
  set(encoded: string, signer: Address): void;
  readonly size: number;
}

/**
 * Recovered signers by the exact encoded token, at most `maxEntries` (the oldest inserted evicted
 * first; 0 caches nothing). A token covering k calls is presented k times: recovering its signer
 * (≈ 70 µs, the dominant cost of a guarded call) once serves them all. An entry is the 152-character
 * token and a 42-character address, ≈ 0.5 KB of heap with the Map's own: 100,000 entries ≈ 50 MB.
 * (The decoded fields are not kept: decoding again costs ≈ 0.7 µs, keeping them ≈ 0.45 KB more each.)
 *
 * Why it is safe: the key is the whole token — every signed field and the signature — so a hit
 * means the very bytes whose signature was recovered, and the same bytes always recover the same
 * address; any other token, however alike, misses and is recovered. The cache holds no authority:
 * replay protection is the metering store's key (purchaseId, call), and session-key validity, the
 * purchase's state and the token's expiry are checked on every call regardless. The guard caches a
 * token only once every check passed for it, so forged or misdirected tokens cannot crowd out the
 * ones in use.
 *
 * @example
 * const cache = createSignerCache(100_000);
 * const signer = cache.get(encoded) ?? recoverAccessTokenSigner({ chainId, marketplace, token });
 */
export function createSignerCache(maxEntries: number): SignerCache {
  // A Map iterates in insertion order: its first key is the oldest entry.
  const entries = new Map<string, Address>();
  return {
    get: (encoded) => entries.get(encoded),
    set(encoded, signer) {
      if (maxEntries === 0 || entries.has(encoded)) return;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(encoded, signer);
    },
    get size() {
      return entries.size;
    },
  };
}
