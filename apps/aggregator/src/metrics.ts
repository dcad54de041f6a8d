import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { RejectionReason } from "./errors.ts";

export interface AggregatorMetrics {
  registry: Registry;
  /** Tasks by what happened to them: opened, final, failed, submitted. */
  tasks: Counter<"event">;
  openTasks: Gauge;
  /** TaskRequested events by outcome: opened (or already open), invalid (bad request or engine), no_operators. */
  onChainTasks: Counter<"result">;
  signaturesAccepted: Counter<"kind">;
  signaturesRejected: Counter<"kind" | "reason">;
  /** Duplicates are idempotent: counted, not rejected. */
  signaturesDuplicate: Counter<"kind">;
  timeToQuorum: Histogram;
  batches: Counter<"status">;
  batchGasUsed: Histogram;
  batchSize: Histogram;
}

/** A fresh registry per aggregator (tests run several in one process). */
export function createMetrics(): AggregatorMetrics {
  const registry = new Registry();
  const prefix = "palisade_aggregator_";
  return {
    registry,
    tasks: new Counter({
      name: `${prefix}tasks_total`,
      help: "Tasks by event",
      labelNames: ["event"],
      registers: [registry],
    }),
    onChainTasks: new Counter({
      name: `${prefix}onchain_tasks_total`,
      help: "TaskRequested events seen, by result (opened, invalid, no_operators)",
      labelNames: ["result"],
      registers: [registry],
    }),
    openTasks: new Gauge({
      name: `${prefix}open_tasks`,
      help: "Tasks collecting signatures",
      registers: [registry],
    }),
    signaturesAccepted: new Counter({
      name: `${prefix}signatures_accepted_total`,
      help: "Valid signatures stored and counted",
      labelNames: ["kind"],
      registers: [registry],
    }),
    signaturesRejected: new Counter({
      name: `${prefix}signatures_rejected_total`,
      help: "Signatures refused, by reason",
      labelNames: ["kind", "reason"],
      registers: [registry],
    }),
    signaturesDuplicate: new Counter({
      name: `${prefix}signatures_duplicate_total`,
      help: "Signatures received again (idempotent)",
      labelNames: ["kind"],
      registers: [registry],
    }),
    timeToQuorum: new Histogram({
      name: `${prefix}time_to_quorum_seconds`,
      help: "From task open to quorum",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers: [registry],
    }),
    batches: new Counter({
      name: `${prefix}batches_total`,
      help: "Batches by outcome",
      labelNames: ["status"],
      registers: [registry],
    }),
    batchGasUsed: new Histogram({
      name: `${prefix}batch_gas_used`,
      help: "Gas used by submitBatch",
      buckets: [100_000, 150_000, 200_000, 300_000, 500_000, 1_000_000, 2_000_000],
      registers: [registry],
    }),
    batchSize: new Histogram({
      name: `${prefix}batch_verdicts`,
      help: "Verdicts per submitted batch",
      buckets: [1, 2, 5, 10, 50, 100, 1000, 10_000],
      registers: [registry],
    }),
  };
}

export type { RejectionReason };
