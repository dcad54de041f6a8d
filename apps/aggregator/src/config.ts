import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Address, getAddress, type Hex, isAddress } from "viem";
import { z } from "zod";
import { ConfigError } from "./errors.ts";

export const usage = `Usage: palisade-aggregator [options]

Options (flag > environment > default):
  --deployment <file>        deployment.json (required)                          PALISADE_DEPLOYMENT
  --rpc-url <url>            JSON-RPC endpoint (default: the deployment's)       PALISADE_RPC_URL
  --service-manager <addr>   ServiceManager (default: the deployment's avs section) PALISADE_SERVICE_MANAGER
  --data-dir <dir>           pending signatures + task journal (default .palisade/aggregator)  PALISADE_DATA_DIR
  --port <port>              HTTP port on 127.0.0.1 (default 9000)               PALISADE_AGGREGATOR_PORT
  --node-url <url>           ask this node (repeatable; default: the URLs operators registered)
  --task-deadline-ms <ms>    a task fails without quorum after this (default 30000)
  --node-timeout-ms <ms>     per request to a node (default 5000)
  --batch-size <n>           verdicts per batch (default 100)
  --batch-interval-ms <ms>   longest wait before a partial batch is cut (default 2000)
  --straggler-grace-ms <ms>  after quorum, wait this long for nodes still answering (default 1000)
  --confirmations <n>        reference block = latest − n (default 2, at least 1)
  --task-poll-ms <ms>        poll ServiceManager TaskRequested events this often (default 2000, 0 off)
  --labels-dir <dir>         extra label lists for the security engines, added   PALISADE_LABELS_DIR
                             to the bundled ones (address *.csv lists and a
                             domains.csv). Load exactly the lists the operator
                             nodes load: the lists' digest is part of every
                             security request's hash, so with other lists the
                             aggregator opens tasks no node signs
  --urgent-priority-fee-gwei <n>  priority fee of a batch holding an urgent task (an
                             attested alert racing its attack; default 100): on a
                             chain ordered by fee it runs before cheaper
                             transactions of its block
  --watch-file <file>        the attack monitor's watch file: opens              PALISADE_WATCH_FILE
                             monitor-alert@1 tasks (alerts the nodes re-run). The
                             nodes and the monitor load the same file and
                             deployment: its digest (logged at start) is in every
                             alert request's hash
  --log-level <level>        fatal|error|warn|info|debug|trace (default info)    PALISADE_LOG_LEVEL
  --help                     this text

The submitter's ECDSA key (it pays for submitBatch) is read only from PALISADE_SUBMITTER_KEY and is
never logged.`;

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { message: "not a 20-byte hex address" })
  .transform((value): Address => getAddress(value));
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  deployment: z.string().min(1, { message: "required (--deployment or PALISADE_DEPLOYMENT)" }),
  rpcUrl: z.url({ protocol: /^(https?|wss?)$/ }).optional(),
  serviceManager: address.optional(),
  dataDir: z.string().min(1),
  port: int(0, 65_535),
  nodeUrls: z.array(z.url({ protocol: /^https?$/ })).optional(),
  taskDeadlineMs: int(100),
  nodeTimeoutMs: int(10),
  batchSize: int(1, 10_000),
  batchIntervalMs: int(0),
  stragglerGraceMs: int(0),
  // The certificate's reference block must be in the past when submitBatch executes.
  confirmations: int(1, 1000),
  taskPollMs: int(0),
  urgentPriorityFeeGwei: z.coerce.number().nonnegative().max(1_000_000),
  labelsDir: z.string().min(1).optional(),
  watchFile: z.string().min(1).optional(),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
  submitterKey: z
    .string({ message: "PALISADE_SUBMITTER_KEY is required (the key that pays for submitBatch)" })
    .regex(/^0x[0-9a-fA-F]{64}$/, {
      message: "PALISADE_SUBMITTER_KEY must be a 0x-prefixed 32-byte hex key",
    }),
});

export type AggregatorConfig = Omit<z.output<typeof schema>, "submitterKey" | "nodeUrls"> & {
  nodeUrls: string[] | undefined;
  /** Kept out of the config object's JSON and inspection so it cannot be logged by accident. */
  submitterKey: { reveal(): Hex };
};

/** Parses flags and environment; throws ConfigError (with `help` when --help was asked). */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): AggregatorConfig {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        deployment: { type: "string" },
        "rpc-url": { type: "string" },
        "service-manager": { type: "string" },
        "data-dir": { type: "string" },
        port: { type: "string" },
        "node-url": { type: "string", multiple: true },
        "task-deadline-ms": { type: "string" },
        "node-timeout-ms": { type: "string" },
        "batch-size": { type: "string" },
        "batch-interval-ms": { type: "string" },
        "straggler-grace-ms": { type: "string" },
        confirmations: { type: "string" },
        "task-poll-ms": { type: "string" },
        "labels-dir": { type: "string" },
        "urgent-priority-fee-gwei": { type: "string" },
        "watch-file": { type: "string" },
        "log-level": { type: "string" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new ConfigError(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  }
  if (values.help) throw new ConfigError(usage, true);
  const parsed = schema.safeParse({
    deployment: values.deployment ?? env.PALISADE_DEPLOYMENT,
    rpcUrl: values["rpc-url"] ?? env.PALISADE_RPC_URL,
    serviceManager: values["service-manager"] ?? env.PALISADE_SERVICE_MANAGER,
    dataDir: values["data-dir"] ?? env.PALISADE_DATA_DIR ?? ".palisade/aggregator",
    port: values.port ?? env.PALISADE_AGGREGATOR_PORT ?? 9000,
    nodeUrls: values["node-url"],
    taskDeadlineMs: values["task-deadline-ms"] ?? 30_000,
    nodeTimeoutMs: values["node-timeout-ms"] ?? 5_000,
    batchSize: values["batch-size"] ?? 100,
    batchIntervalMs: values["batch-interval-ms"] ?? 2_000,
    stragglerGraceMs: values["straggler-grace-ms"] ?? 1_000,
    confirmations: values.confirmations ?? 2,
    taskPollMs: values["task-poll-ms"] ?? 2_000,
    urgentPriorityFeeGwei: values["urgent-priority-fee-gwei"] ?? 100,
    labelsDir: values["labels-dir"] ?? env.PALISADE_LABELS_DIR,
    watchFile: values["watch-file"] ?? env.PALISADE_WATCH_FILE,
    logLevel: values["log-level"] ?? env.PALISADE_LOG_LEVEL ?? "info",
    submitterKey: env.PALISADE_SUBMITTER_KEY,
  });
  if (!parsed.success) {
    // Never echo the key's value: the issue paths and messages only.
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const { submitterKey, nodeUrls, ...rest } = parsed.data;
  const secret = Object.freeze({
    reveal: () => submitterKey as Hex,
    toJSON: () => "[redacted]",
    [Symbol.for("nodejs.util.inspect.custom")]: () => "[redacted]",
  });
  return {
    ...rest,
    deployment: resolve(rest.deployment),
    dataDir: resolve(rest.dataDir),
    labelsDir: rest.labelsDir === undefined ? undefined : resolve(rest.labelsDir),
    watchFile: rest.watchFile === undefined ? undefined : resolve(rest.watchFile),
    nodeUrls,
    submitterKey: secret,
  };
}
