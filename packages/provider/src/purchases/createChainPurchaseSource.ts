import { marketplaceAbi } from "@palisade/abis";
import {
  type Abi,
  type Address,
  ContractFunctionRevertedError,
  type PublicClient,
  BaseError as ViemBaseError,
} from "viem";
import { getBlockNumber, getContractEvents, readContract } from "viem/actions";
import { InvalidGuardConfigError } from "../errors.ts";
import type { Purchase, PurchaseSource } from "./purchaseSource.ts";

export interface CreateChainPurchaseSourceParameters {
  client: PublicClient;
  /** The Marketplace contract. */
  marketplace: Address;
  /** How often new events are read (default 1,000 ms: anvil's devnet block time). */
  pollIntervalMs?: number;
  /** How long "no such purchase" is remembered (default 1,000 ms: it may be mined a block later). */
  notFoundTtlMs?: number;
  /** Receives event-poll failures (the poll retries on its next tick). */
  onError?: (error: unknown) => void;
}

/** A PurchaseSource over the chain: reads on a miss, keeps purchases and session keys fresh from events. */
export interface ChainPurchaseSource extends PurchaseSource {
  /** The last block whose events were applied. */
  readonly cursor: bigint;
  /** Applies events up to the head now (the poll does it on its own every interval). */
  sync(): Promise<void>;
  /** Stops the event poll. */
  close(): void;
}

const pairKey = (consumer: string, key: string) => `${consumer.toLowerCase()}:${key.toLowerCase()}`;

/**
 * The guard's view of the Marketplace: a purchase is read with `getPurchase` the first time it is
 * asked for and cached; from then on the Marketplace's events keep it current — `Refunded` marks it
 * refunded, `UsageClaimed` raises `served` — so a refunded purchase is refused within one poll of
 * the refund. Session keys likewise (`SessionKeySet` carries the new end). An unknown purchase
 * (`PurchaseNotFound`) is remembered only for `notFoundTtlMs`. Events are read with `eth_getLogs`
 * from the head at creation on, with a cursor, so nothing between two polls is missed.
 *
 * @example
 * const purchases = createChainPurchaseSource({ client: publicClient, marketplace });
 * const guard = createAccessGuard({ providerId, marketplace, chainId, purchases, metering, maxTokenLifetimeSeconds: 300 });
 * // on shutdown
 * purchases.close();
 */
export async function createChainPurchaseSource(
  parameters: CreateChainPurchaseSourceParameters,
): Promise<ChainPurchaseSource> {
  const { client, marketplace } = parameters;
  const pollIntervalMs = parameters.pollIntervalMs ?? 1_000;
  const notFoundTtlMs = parameters.notFoundTtlMs ?? 1_000;
  if (!Number.isSafeInteger(pollIntervalMs) || pollIntervalMs <= 0)
    throw new InvalidGuardConfigError("pollIntervalMs", "a positive integer");
  if (!Number.isSafeInteger(notFoundTtlMs) || notFoundTtlMs < 0)
    throw new InvalidGuardConfigError("notFoundTtlMs", "a non-negative integer");

  const purchases = new Map<bigint, Purchase>();
  const notFoundUntil = new Map<bigint, number>();
  const sessionKeys = new Map<string, number>();
  let cursor = await getBlockNumber(client, { cacheTime: 0 });
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let syncing: Promise<void> | undefined;

  function apply(name: string, args: Record<string, unknown>): void {
    if (name === "Refunded") {
      const purchase = purchases.get(args.purchaseId as bigint);
      if (purchase) purchase.refunded = true;
    } else if (name === "UsageClaimed") {
      const purchase = purchases.get(args.purchaseId as bigint);
      if (purchase) purchase.served = Math.max(purchase.served, Number(args.served));
    } else if (name === "PurchaseConfirmed") {
      notFoundUntil.delete(args.purchaseId as bigint);
    } else if (name === "SessionKeySet") {
      sessionKeys.set(pairKey(args.consumer as string, args.key as string), Number(args.validUntil));
    }
  }

  async function syncOnce(): Promise<void> {
    const head = await getBlockNumber(client, { cacheTime: 0 });
    if (head <= cursor) return;
    const logs = await getContractEvents(client, {
      address: marketplace,
      abi: marketplaceAbi as Abi,
      fromBlock: cursor + 1n,
      toBlock: head,
    });
    for (const log of logs) {
      const { eventName, args } = log as unknown as { eventName: string; args: Record<string, unknown> };
      apply(eventName, args);
    }
    cursor = head;
  }

  function sync(): Promise<void> {
    // One poll at a time: the cursor moves only after its logs are applied.
    syncing ??= syncOnce().finally(() => {
      syncing = undefined;
    });
    return syncing;
  }

  function schedule(): void {
    if (closed) return;
    timer = setTimeout(() => {
      sync()
        .catch((error: unknown) => parameters.onError?.(error))
        .finally(schedule);
    }, pollIntervalMs);
    timer.unref();
  }
  schedule();

  return {
    get cursor() {
      return cursor;
    },
    sync,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
    async getPurchase(purchaseId) {
      const cached = purchases.get(purchaseId);
      if (cached) return { ...cached };
      const until = notFoundUntil.get(purchaseId);
      if (until !== undefined && until > Date.now()) return undefined;
      try {
        const purchase = (await readContract(client, {
          address: marketplace,
          abi: marketplaceAbi,
          functionName: "getPurchase",
          args: [purchaseId],
        })) as Purchase;
        const copy = { ...purchase };
        // A purchase read while an event poll was applying later events keeps the chain's newer view.
        const raced = purchases.get(purchaseId);
        purchases.set(purchaseId, raced ?? copy);
        return { ...(raced ?? copy) };
      } catch (error) {
        if (isPurchaseNotFound(error)) {
          notFoundUntil.set(purchaseId, Date.now() + notFoundTtlMs);
          return undefined;
        }
        throw error;
      }
    },
    async sessionKeyValidUntil(consumer, key) {
      const cached = sessionKeys.get(pairKey(consumer, key));
      if (cached !== undefined) return cached;
      const validUntil = Number(
        await readContract(client, {
          address: marketplace,
          abi: marketplaceAbi,
          functionName: "sessionKeyValidUntil",
          args: [consumer, key],
        }),
      );
      sessionKeys.set(pairKey(consumer, key), validUntil);
      return validUntil;
    },
  };
}

function isPurchaseNotFound(error: unknown): boolean {
  if (!(error instanceof ViemBaseError)) return false;
  const revert = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
  return revert instanceof ContractFunctionRevertedError && revert.data?.errorName === "PurchaseNotFound";
}
