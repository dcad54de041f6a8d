import { marketplaceAbi } from "@palisade/abis";
import {
  type AbiEvent,
  type Address,
  ContractFunctionRevertedError,
  type PublicClient,
  BaseError as ViemBaseError,
  zeroAddress,
} from "viem";
import { getBlockNumber, getLogs, readContract } from "viem/actions";
import { InvalidGuardConfigError } from "../errors.ts";
import type { Purchase, PurchaseSource } from "./purchaseSource.ts";

export interface CreateChainPurchaseSourceParameters {
  /** A viem public client on the Marketplace's chain. */
  client: PublicClient;
  /** The Marketplace contract. */
  marketplace: Address;
  /** Prefill only this provider's purchases from `PurchaseConfirmed` (default: every purchase). */
  providerId?: number;
  /** How often the event poll runs (default 1,000 ms): the lag before a refund or revocation is seen. */
  pollIntervalMs?: number;
  /** How long "no such purchase" is remembered (default 1,000 ms: it may be mined a block later). */
  notFoundTtlMs?: number;
  /** Purchases (and session keys) kept, least recently used dropped first (default 100,000). */
  maxCached?: number;
  /** Blocks per `eth_getLogs` request when catching up (default 1,000). */
  maxBlockRange?: bigint;
  /** Receives poll failures (the poll retries at the next interval without moving its cursor). */
  onError?: (error: unknown) => void;
}

/** A PurchaseSource over the chain: reads on a miss, keeps purchases and session keys fresh from events. */
export interface ChainPurchaseSource extends PurchaseSource {
  /** The last block whose events were applied. */
  readonly cursor: bigint;
  /** Applies the events up to the head as of this call (serialised with the poll loop). */
  sync(): Promise<void>;
  /** Stops the event poll and waits for a poll in progress. */
  close(): Promise<void>;
}

type WatchedEvent = "PurchaseConfirmed" | "Refunded" | "SessionKeySet" | "UsageClaimed";
const watched = new Set<string>(["PurchaseConfirmed", "Refunded", "SessionKeySet", "UsageClaimed"]);
const events = marketplaceAbi.filter(
  (item): item is Extract<(typeof marketplaceAbi)[number], { type: "event" }> =>
    item.type === "event" && watched.has(item.name),
) as unknown as readonly AbiEvent[];

interface Pending<T> {
  promise: Promise<T>;
  /** An event touched this entry while it was being read: do not cache the answer. */
  stale: boolean;
}

/** A Map used as an LRU: a hit moves the key to the end, inserting beyond `max` drops the oldest. */
function lruGet<K, V>(map: Map<K, V>, key: K): V | undefined {
  const value = map.get(key);
  if (value !== undefined) {
    map.delete(key);
    map.set(key, value);
  }
  return value;
}
function lruSet<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}

const pairKey = (consumer: string, key: string) => `${consumer.toLowerCase()}:${key.toLowerCase()}`;

/**
 * The guard's view of the Marketplace: a purchase is read with `getPurchase` the first time it is
 * asked for (concurrent misses share one read) and cached; from then on the Marketplace's events,
 * read with `eth_getLogs` from the head at creation on with a cursor, keep it current —
 * `PurchaseConfirmed` prefills a new purchase (its first call needs no RPC), `Refunded` marks it
 * refunded, `UsageClaimed` raises `served` — so a refunded purchase is refused within one poll of the
 * refund. Session keys likewise (`SessionKeySet` carries the new end). A read still in flight when an
 * event touches its purchase or key is not cached (its answer may predate the event). An unknown
 * purchase (`PurchaseNotFound`) is remembered only for `notFoundTtlMs`: it may be mined a block later.
 * Caches are bounded (least recently used dropped first).
 *
 * Freshness: a refund or revocation is seen within one poll interval. A revoked session key stays
 * valid `sessionRevocationDelay` on-chain, so with `maxTokenLifetimeSeconds` ≤ that delay the guard
 * never accepts a token it cannot claim. Reads are at the latest block; a reorg that drops a purchase
 * after calls were served is not undone.
 *
 * @example
 * const purchases = await createChainPurchaseSource({ client: publicClient, marketplace });
 * const guard = createAccessGuard({ providerId, marketplace, chainId, purchases, metering, maxTokenLifetimeSeconds: 300 });
 * // on shutdown
 * await purchases.close();
 */
export async function createChainPurchaseSource(
  parameters: CreateChainPurchaseSourceParameters,
): Promise<ChainPurchaseSource> {
  const { client, marketplace, providerId, onError } = parameters;
  const pollIntervalMs = parameters.pollIntervalMs ?? 1_000;
  const notFoundTtlMs = parameters.notFoundTtlMs ?? 1_000;
  const maxCached = parameters.maxCached ?? 100_000;
  const maxBlockRange = parameters.maxBlockRange ?? 1_000n;
  if (typeof marketplace !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(marketplace))
    throw new InvalidGuardConfigError("marketplace", "a 0x-prefixed 20-byte address");
  if (!Number.isSafeInteger(pollIntervalMs) || pollIntervalMs <= 0)
    throw new InvalidGuardConfigError("pollIntervalMs", "a positive integer");
  if (!Number.isSafeInteger(notFoundTtlMs) || notFoundTtlMs < 0)
    throw new InvalidGuardConfigError("notFoundTtlMs", "a non-negative integer");
  if (!Number.isSafeInteger(maxCached) || maxCached <= 0)
    throw new InvalidGuardConfigError("maxCached", "a positive integer");
  if (typeof maxBlockRange !== "bigint" || maxBlockRange <= 0n)
    throw new InvalidGuardConfigError("maxBlockRange", "a positive bigint");

  const purchases = new Map<bigint, Purchase>();
  const notFoundUntil = new Map<bigint, number>();
  const readingPurchases = new Map<bigint, Pending<Purchase | undefined>>();
  const sessionKeys = new Map<string, number>();
  const readingKeys = new Map<string, Pending<number>>();
  // Every answer cached from now on is read at this block or later, so applying events from the
  // next block on misses nothing.
  let cursor = await getBlockNumber(client, { cacheTime: 0 });
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;

  async function readPurchase(purchaseId: bigint): Promise<Purchase | undefined> {
    try {
      const p = await readContract(client, {
        address: marketplace,
        abi: marketplaceAbi,
        functionName: "getPurchase",
        args: [purchaseId],
      });
      if (p.consumer === zeroAddress) return undefined;
      return {
        consumer: p.consumer,
        providerId: p.providerId,
        serviceId: p.serviceId,
        calls: p.calls,
        pricePerCall: p.pricePerCall,
        expiry: p.expiry,
        served: p.served,
        refunded: p.refunded,
      };
    } catch (error) {
      if (isPurchaseNotFound(error)) return undefined;
      throw error;
    }
  }

  function apply(name: WatchedEvent, args: Record<string, unknown>): void {
    if (name === "SessionKeySet") {
      const pair = pairKey(args.consumer as string, args.key as string);
      lruSet(sessionKeys, pair, Number(args.validUntil), maxCached);
      const reading = readingKeys.get(pair);
      if (reading) reading.stale = true;
      return;
    }
    const purchaseId = args.purchaseId as bigint;
    const reading = readingPurchases.get(purchaseId);
    if (reading) reading.stale = true;
    const cached = purchases.get(purchaseId);
    if (name === "PurchaseConfirmed") {
      notFoundUntil.delete(purchaseId);
      // A confirmation never overrides what is known (a fresher read may already hold claims).
      if (cached === undefined && (providerId === undefined || Number(args.providerId) === providerId))
        lruSet(
          purchases,
          purchaseId,
          {
            consumer: args.consumer as Address,
            providerId: Number(args.providerId),
            serviceId: Number(args.serviceId),
            calls: Number(args.calls),
            pricePerCall: args.pricePerCall as bigint,
            expiry: Number(args.expiry),
            served: 0,
            refunded: false,
          },
          maxCached,
        );
    } else if (name === "Refunded") {
      if (cached) cached.refunded = true;
    } else if (cached) {
      cached.served = Math.max(cached.served, Number(args.served));
    }
  }

  async function pollOnce(): Promise<void> {
    const head = await getBlockNumber(client, { cacheTime: 0 });
    while (!closed && cursor < head) {
      const toBlock = cursor + maxBlockRange < head ? cursor + maxBlockRange : head;
      const logs = await getLogs(client, {
        address: marketplace,
        events,
        fromBlock: cursor + 1n,
        toBlock,
        strict: true,
      });
      for (const log of logs) {
        const { eventName, args } = log as unknown as {
          eventName: WatchedEvent;
          args: Record<string, unknown>;
        };
        apply(eventName, args);
      }
      // The cursor moves only after its logs are applied.
      cursor = toBlock;
    }
  }

  /** One poll at a time; a caller arriving during a poll gets a new poll that starts after it. */
  function sync(): Promise<void> {
    const run = (polling ?? Promise.resolve()).catch(() => undefined).then(pollOnce);
    const tracked = run.finally(() => {
      if (polling === tracked) polling = undefined;
    });
    polling = tracked;
    return run;
  }

  function schedule(): void {
    if (closed) return;
    timer = setTimeout(() => {
      sync()
        .catch((error: unknown) => onError?.(error))
        .finally(schedule);
    }, pollIntervalMs);
    // The poll alone does not keep a process alive (a server's sockets do).
    timer.unref();
  }
  schedule();

  /** Single-flight read whose answer is cached unless an event touched it meanwhile. */
  function readOnce<K, V>(
    reading: Map<K, Pending<V>>,
    key: K,
    read: () => Promise<V>,
    store: (value: V) => void,
  ): Promise<V> {
    const current = reading.get(key);
    if (current) return current.promise;
    const entry: Pending<V> = {
      stale: false,
      promise: read()
        .then((value) => {
          if (!entry.stale && !closed) store(value);
          return value;
        })
        .finally(() => reading.delete(key)),
    };
    reading.set(key, entry);
    return entry.promise;
  }

  return {
    get cursor() {
      return cursor;
    },
    sync,
    async close() {
      closed = true;
      clearTimeout(timer);
      await polling?.catch(() => undefined);
    },
    async getPurchase(purchaseId) {
      const cached = lruGet(purchases, purchaseId);
      if (cached) return { ...cached };
      const until = notFoundUntil.get(purchaseId);
      if (until !== undefined) {
        if (until > Date.now()) return undefined;
        notFoundUntil.delete(purchaseId);
      }
      const purchase = await readOnce(
        readingPurchases,
        purchaseId,
        () => readPurchase(purchaseId),
        (value) => {
          if (value) lruSet(purchases, purchaseId, value, maxCached);
          else if (notFoundTtlMs > 0)
            lruSet(notFoundUntil, purchaseId, Date.now() + notFoundTtlMs, maxCached);
        },
      );
      return purchase ? { ...purchase } : undefined;
    },
    async sessionKeyValidUntil(consumer, key) {
      const pair = pairKey(consumer, key);
      const cached = lruGet(sessionKeys, pair);
      if (cached !== undefined) return cached;
      // Kept until a SessionKeySet event replaces it (which carries the new end, 0 included).
      return readOnce(
        readingKeys,
        pair,
        async () =>
          Number(
            await readContract(client, {
              address: marketplace,
              abi: marketplaceAbi,
              functionName: "sessionKeyValidUntil",
              args: [consumer, key],
            }),
          ),
        (validUntil) => lruSet(sessionKeys, pair, validUntil, maxCached),
      );
    },
  };
}

function isPurchaseNotFound(error: unknown): boolean {
  if (!(error instanceof ViemBaseError)) return false;
  const revert = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
  return revert instanceof ContractFunctionRevertedError && revert.data?.errorName === "PurchaseNotFound";
}
