import type { EngineRegistry } from "@palisade/engines";
import type { SlashingProtectionStore } from "@palisade/store";
import type { PublicClient } from "viem";

/** EigenLayer AVS node spec service status. */
export type ServiceStatus = "Up" | "Down" | "Initializing";

export interface ServiceView {
  id: string;
  name: string;
  description: string;
  status: ServiceStatus;
  /** Why it is not Up (absent when Up). */
  reason?: string;
}

export type HealthState = "healthy" | "partially healthy" | "unhealthy";

export interface HealthReport {
  state: HealthState;
  /** 200, 206 or 503 (EigenLayer AVS node spec). */
  httpStatus: 200 | 206 | 503;
  /** 100, 50 or 0: the eigen_performance_score gauge. */
  score: number;
  reasons: string[];
  services: ServiceView[];
}

export interface HealthDependencies {
  client: PublicClient;
  store: SlashingProtectionStore;
  engines: EngineRegistry;
  aggregatorUrl: string | undefined;
  /** Per probe. Default 2 s. */
  timeoutMs?: number;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const reasonOf = (error: unknown) =>
  (error as { shortMessage?: string }).shortMessage ??
  (error instanceof Error ? error.message : String(error));

/**
 * Probes what the node depends on. The RPC and the store are critical (without them the node cannot
 * sign safely: unhealthy, 503); the aggregator is not (the node can still answer: partially, 206).
 */
export async function checkHealth(dependencies: HealthDependencies): Promise<HealthReport> {
  const timeoutMs = dependencies.timeoutMs ?? 2_000;
  const probe = async (
    run: () => Promise<unknown>,
    what: string,
  ): Promise<ServiceView["status"] | string> => {
    try {
      await withTimeout(run(), timeoutMs, what);
      return "Up";
    } catch (error) {
      return reasonOf(error);
    }
  };
  const aggregatorUrl = dependencies.aggregatorUrl;
  const [rpc, store, aggregator] = await Promise.all([
    probe(() => dependencies.client.getBlockNumber({ cacheTime: 0 }), "the RPC"),
    probe(() => dependencies.store.countSignatures(), "the store"),
    aggregatorUrl === undefined
      ? Promise.resolve(undefined)
      : // Any HTTP answer means reachable: the aggregator's routes are its own business.
        probe(
          () =>
            fetch(aggregatorUrl, { signal: AbortSignal.timeout(timeoutMs) }).then((r) => r.body?.cancel()),
          "the aggregator",
        ),
  ]);
  const view = (id: string, name: string, description: string, result: string): ServiceView =>
    result === "Up"
      ? { id, name, description, status: "Up" }
      : { id, name, description, status: "Down", reason: result };

  const services: ServiceView[] = [
    view("rpc", "Ethereum RPC", "Chain reads at pinned blocks for the engines", rpc),
    view("store", "Slashing protection store", "Durable record of every signed response (SQLite)", store),
  ];
  if (aggregator !== undefined)
    services.push(
      view("aggregator", "Aggregator", "Collects signatures into quorum certificates", aggregator),
    );
  const engineStatus = rpc === "Up" && store === "Up" ? "Up" : "Down";
  for (const engine of dependencies.engines.list())
    services.push({
      id: `engine:${engine.id}`,
      name: engine.id,
      description: engine.description,
      status: engineStatus,
    });

  const reasons = services.filter((s) => s.reason !== undefined).map((s) => `${s.id}: ${s.reason}`);
  if (rpc !== "Up" || store !== "Up")
    return { state: "unhealthy", httpStatus: 503, score: 0, reasons, services };
  if (aggregator !== undefined && aggregator !== "Up")
    return { state: "partially healthy", httpStatus: 206, score: 50, reasons, services };
  return { state: "healthy", httpStatus: 200, score: 100, reasons, services };
}
