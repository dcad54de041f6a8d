import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Why a task or batch was refused (the `reason` label of palisade_node_tasks_refused_total). */
export type RefusalReason = "conflict" | "mismatch" | "invalid" | "unavailable" | "error";

export interface NodeMetrics {
  readonly registry: Registry;
  /** EigenLayer AVS node spec: 0–100, how well the node is doing (here: its health). */
  readonly performanceScore: Gauge;
  readonly tasksSigned: Counter<"engine" | "kind">;
  readonly tasksRefused: Counter<"reason">;
  readonly signingLatency: Histogram<"kind">;
  /** TaskRequested events seen, by result: signed, refused (slashing protection, engine), invalid. */
  readonly onChainTasks: Counter<"result">;
  /** Answers to on-chain tasks pushed to the aggregator, by result: accepted, rejected, failed. */
  readonly onChainPushes: Counter<"result">;
}

/** A fresh registry per node (so several nodes in one test process do not share counters). */
export function createMetrics(): NodeMetrics {
  const registry = new Registry();
  return {
    registry,
    performanceScore: new Gauge({
      name: "eigen_performance_score",
      help: "Node performance score 0-100 (EigenLayer AVS node spec): 100 healthy, 50 partially, 0 unhealthy",
      registers: [registry],
    }),
    tasksSigned: new Counter({
      name: "palisade_node_tasks_signed_total",
      help: "Signatures released, by engine and kind (task or batch)",
      labelNames: ["engine", "kind"] as const,
      registers: [registry],
    }),
    tasksRefused: new Counter({
      name: "palisade_node_tasks_refused_total",
      help: "Tasks and batches refused, by reason (conflict = slashing protection)",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    signingLatency: new Histogram({
      name: "palisade_node_signing_latency_seconds",
      help: "From receiving a task or batch to releasing its signature (engine run, store write, BLS sign)",
      labelNames: ["kind"] as const,
      // Engine runs are RPC round trips: milliseconds locally, up to seconds against a remote node.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    onChainTasks: new Counter({
      name: "palisade_node_onchain_tasks_total",
      help: "TaskRequested events seen on-chain, by result (signed, refused, invalid)",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    onChainPushes: new Counter({
      name: "palisade_node_onchain_pushes_total",
      help: "Signed answers to on-chain tasks pushed to the aggregator, by result (accepted, rejected, failed)",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
  };
}
