import type { Abi, Address, Log, PublicClient } from "viem";
import { getContractEvents } from "viem/actions";

/** A decoded event log as the views use it. */
export type EventLog = Log<bigint, number, false> & { args: Record<string, unknown>; eventName: string };

export interface EventQuery {
  address: Address;
  abi: Abi;
  eventName: string;
  /** Indexed-argument filter, as viem's getContractEvents takes it. */
  args?: Record<string, unknown>;
  fromBlock: bigint;
}

/** Blocks per eth_getLogs call: real nodes cap ranges (10k is common); anvil does not care. */
const MAX_RANGE = 10_000n;

interface Entry {
  logs: EventLog[];
  /** The last block fetched (inclusive); fromBlock − 1 before the first fetch. */
  through: bigint;
  inflight: Promise<void> | undefined;
  error: string | undefined;
}

const keyOf = (query: EventQuery) =>
  JSON.stringify(
    [query.address, query.eventName, query.args ?? null, query.fromBlock.toString()],
    (_, value) => (typeof value === "bigint" ? value.toString() : value),
  );

/**
 * Event logs fetched incrementally: each `sync(head)` asks only for the blocks after the last one it
 * saw, so a page that follows the chain costs one eth_getLogs per query per block, whatever the
 * history. Shared by every view that asks the same query.
 */
export function createEventCache(client: PublicClient) {
  const entries = new Map<string, Entry>();

  async function fetchRange(query: EventQuery, entry: Entry, head: bigint): Promise<void> {
    while (entry.through < head) {
      const from = entry.through + 1n;
      const to = from + MAX_RANGE - 1n < head ? from + MAX_RANGE - 1n : head;
      const logs = (await getContractEvents(client, {
        address: query.address,
        abi: query.abi,
        eventName: query.eventName,
        ...(query.args ? { args: query.args } : {}),
        fromBlock: from,
        toBlock: to,
        strict: true,
      } as never)) as unknown as EventLog[];
      entry.logs = entry.logs.concat(logs);
      entry.through = to;
    }
  }

  return {
    /** The logs known for `query` (empty before the first sync). */
    get(query: EventQuery): { logs: EventLog[]; error: string | undefined; synced: boolean } {
      const entry = entries.get(keyOf(query));
      return {
        logs: entry?.logs ?? [],
        error: entry?.error,
        synced: entry !== undefined && entry.through >= query.fromBlock,
      };
    },
    /** Fetches what is new up to `head` (one request in flight per query). */
    sync(query: EventQuery, head: bigint): Promise<void> {
      const key = keyOf(query);
      let entry = entries.get(key);
      if (!entry) {
        entry = { logs: [], through: query.fromBlock - 1n, inflight: undefined, error: undefined };
        entries.set(key, entry);
      }
      // The chain went back (a devnet reset, a reorg deeper than the head): start over.
      if (head < entry.through && !entry.inflight) {
        entry.logs = [];
        entry.through = query.fromBlock - 1n;
      }
      const current = entry;
      if (current.inflight) return current.inflight;
      if (current.through >= head) return Promise.resolve();
      current.inflight = fetchRange(query, current, head)
        .then(
          () => {
            current.error = undefined;
          },
          (error: unknown) => {
            current.error = (error as { shortMessage?: string }).shortMessage ?? String(error);
          },
        )
        .finally(() => {
          current.inflight = undefined;
        });
      return current.inflight;
    },
  };
}

export type EventCache = ReturnType<typeof createEventCache>;
