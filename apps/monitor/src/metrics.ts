import { Counter, Gauge, Histogram, Registry } from "prom-client";

export interface MonitorMetrics {
  registry: Registry;
  alerts: Counter<"type" | "severity" | "source">;
  /** Seconds from a block's (or a pending transaction's) arrival to each of its alerts. */
  detectionSeconds: Histogram<"source">;
  blocks: Counter;
  blockSeconds: Histogram;
  head: Gauge;
  processed: Gauge;
  tracedTransactions: Counter<"source">;
  /** Pending transactions by outcome: analysed, mined (already in a block), reverted, unknown, dropped, failed. */
  pending: Counter<"result">;
  deliveries: Counter<"sink" | "result">;
  detectorErrors: Counter<"detector">;
  /** Alerts sent to the operators, by result: reproduced, not_reproduced (both certified), failed. */
  attestations: Counter<"result">;
  /** Seconds from an alert to its certificate on-chain (submitBatch mined). */
  attestationSeconds: Histogram;
}

/** A fresh registry per monitor (tests run several in one process). */
export function createMetrics(): MonitorMetrics {
  const registry = new Registry();
  const prefix = "palisade_monitor_";
  const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
  return {
    registry,
    alerts: new Counter({
      name: `${prefix}alerts_total`,
      help: "Alerts emitted, by type, severity and source (block, mempool)",
      labelNames: ["type", "severity", "source"],
      registers: [registry],
    }),
    detectionSeconds: new Histogram({
      name: `${prefix}detection_seconds`,
      help: "From the arrival of a block or pending transaction to its alert",
      labelNames: ["source"],
      buckets: latencyBuckets,
      registers: [registry],
    }),
    blocks: new Counter({ name: `${prefix}blocks_total`, help: "Blocks analysed", registers: [registry] }),
    blockSeconds: new Histogram({
      name: `${prefix}block_seconds`,
      help: "Time to observe and analyse one block",
      buckets: latencyBuckets,
      registers: [registry],
    }),
    head: new Gauge({ name: `${prefix}head_block`, help: "Highest block seen", registers: [registry] }),
    processed: new Gauge({
      name: `${prefix}processed_block`,
      help: "Last block analysed",
      registers: [registry],
    }),
    tracedTransactions: new Counter({
      name: `${prefix}traced_transactions_total`,
      help: "Transactions traced (block: debug_traceTransaction, mempool: debug_traceCall)",
      labelNames: ["source"],
      registers: [registry],
    }),
    pending: new Counter({
      name: `${prefix}pending_transactions_total`,
      help: "Pending transactions by result (analysed, mined, reverted, unknown, dropped, failed)",
      labelNames: ["result"],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: `${prefix}deliveries_total`,
      help: "Alert deliveries by sink (log, webhook, gateway) and result (delivered, failed)",
      labelNames: ["sink", "result"],
      registers: [registry],
    }),
    detectorErrors: new Counter({
      name: `${prefix}detector_errors_total`,
      help: "Detector runs that failed (an RPC read), by detector",
      labelNames: ["detector"],
      registers: [registry],
    }),
    attestations: new Counter({
      name: `${prefix}attestations_total`,
      help: "Alerts sent to the operators (--aggregator-url), by result: reproduced, not_reproduced, failed",
      labelNames: ["result"],
      registers: [registry],
    }),
    attestationSeconds: new Histogram({
      name: `${prefix}attestation_seconds`,
      help: "From an alert to its quorum certificate on-chain",
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64],
      registers: [registry],
    }),
  };
}
