import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { Chain, PublicClient } from "viem";
import { getBlock } from "viem/actions";
import type { AppConfig } from "../src/lib/appConfig.ts";
import { chainOf, createChainClient } from "./chain/client.ts";
import { createEventCache, type EventCache, type EventLog, type EventQuery } from "./chain/events.ts";
import { errorMessage } from "./errors.ts";

export interface Head {
  number: bigint;
  /** Unix seconds: the chain's "now". */
  timestamp: number;
}

export interface AppContextValue {
  config: AppConfig;
  chain: Chain;
  client: PublicClient;
  events: EventCache;
}

const AppContext = createContext<AppContextValue | undefined>(undefined);
const HeadContext = createContext<{ head: Head | undefined; error: string | undefined }>({
  head: undefined,
  error: undefined,
});

/** How often the page asks for the latest block; every view refreshes when it changes. */
export const POLL_MS = 1_000;

export function AppProvider({ config, children }: { config: AppConfig; children: ReactNode }) {
  const value = useMemo(() => {
    const chain = chainOf(config.chainId);
    const client = createChainClient(chain);
    return { config, chain, client, events: createEventCache(client) };
  }, [config]);
  const [head, setHead] = useState<{ head: Head | undefined; error: string | undefined }>({
    head: undefined,
    error: undefined,
  });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const block = await getBlock(value.client, { blockTag: "latest" });
        if (stopped) return;
        setHead((previous) =>
          previous.head?.number === block.number && previous.error === undefined
            ? previous
            : { head: { number: block.number, timestamp: Number(block.timestamp) }, error: undefined },
        );
      } catch (error) {
        if (!stopped) setHead((previous) => ({ head: previous.head, error: errorMessage(error) }));
      }
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [value.client]);
  return (
    <AppContext.Provider value={value}>
      <HeadContext.Provider value={head}>{children}</HeadContext.Provider>
    </AppContext.Provider>
  );
}

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error("useApp outside AppProvider");
  return value;
}

/** The latest block (undefined until the first answer) and the last polling error. */
export const useHead = () => useContext(HeadContext);

export interface QueryState<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
}

/**
 * Runs `load` now, whenever `deps` change, and at every new block; keeps the last answer while the
 * next one loads (no flicker), and at most one load runs at a time.
 */
export function useChainQuery<T>(
  load: (context: AppContextValue, head: Head) => Promise<T>,
  deps: readonly unknown[],
): QueryState<T> {
  const app = useApp();
  const { head } = useHead();
  const [state, setState] = useState<QueryState<T>>({ data: undefined, error: undefined, loading: true });
  const depsKey = JSON.stringify(deps, (_, value) => (typeof value === "bigint" ? value.toString() : value));
  const latest = useRef({ load, head, depsKey, app });
  latest.current = { load, head, depsKey, app };
  const control = useRef({ running: false, again: false, mounted: true, shownFor: depsKey });

  const run = useRef(async () => {
    const c = control.current;
    if (c.running) {
      c.again = true;
      return;
    }
    const { load: current, head: at, depsKey: startedFor, app: context } = latest.current;
    if (!at) return;
    c.running = true;
    try {
      const data = await current(context, at);
      if (c.mounted && startedFor === latest.current.depsKey) {
        c.shownFor = startedFor;
        setState({ data, error: undefined, loading: false });
      }
    } catch (error) {
      if (c.mounted && startedFor === latest.current.depsKey)
        setState((previous) => ({ ...previous, error: errorMessage(error), loading: false }));
    } finally {
      c.running = false;
    }
    if (c.again && c.mounted) {
      c.again = false;
      void run.current();
    }
  });

  useEffect(() => {
    control.current.mounted = true;
    return () => {
      control.current.mounted = false;
    };
  }, []);
  useEffect(() => {
    if (control.current.shownFor !== depsKey) {
      control.current.shownFor = depsKey;
      setState({ data: undefined, error: undefined, loading: true });
    }
    if (head) void run.current();
  }, [head, depsKey]);
  return state;
}

/**
 * The logs of one event query, following the chain (fetched incrementally, shared between views).
 * `query` undefined: nothing to ask yet (e.g. no account).
 */
export function useEvents(query: EventQuery | undefined): {
  logs: EventLog[];
  error: string | undefined;
  synced: boolean;
} {
  const { events } = useApp();
  const { head } = useHead();
  const [, setVersion] = useState(0);
  const key = query
    ? JSON.stringify(
        [query.address, query.eventName, query.args ?? null, query.fromBlock.toString()],
        (_, v) => (typeof v === "bigint" ? v.toString() : v),
      )
    : "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `query`'s content.
  useEffect(() => {
    if (!query || !head) return;
    let cancelled = false;
    void events.sync(query, head.number).then(() => {
      if (!cancelled) setVersion((version) => version + 1);
    });
    return () => {
      cancelled = true;
    };
  }, [events, key, head]);
  return query ? events.get(query) : { logs: [], error: undefined, synced: true };
}
