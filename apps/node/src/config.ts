import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Address, getAddress, type Hex, isAddress } from "viem";
import { z } from "zod";
import { allocationFractionSchema } from "./avs/registerOperator.ts";
import { ConfigError } from "./errors.ts";
import { Secret } from "./secret.ts";

export const usage = `Usage: palisade-node [run|register] [options]

  run (default)              serve the node API and sign tasks
  register                   register the operator (core operator, then the Palisade operator set)

Options (flag > environment > config file > default):
  --config <file>            JSON config file with the keys below in camelCase   PALISADE_NODE_CONFIG
  --deployment <file>        deployment.json (required)                          PALISADE_DEPLOYMENT
  --rpc-url <url>            JSON-RPC endpoint (default: the deployment's)       PALISADE_RPC_URL
  --bls-keystore <file>      EIP-2335 keystore of the BLS key (required)         PALISADE_BLS_KEYSTORE
  --bls-password-file <file> file holding the keystore password                  PALISADE_BLS_PASSWORD_FILE
                             (or the password itself in                          PALISADE_BLS_PASSWORD)
  --service-manager <addr>   ServiceManager address: the attestation domain      PALISADE_SERVICE_MANAGER
  --aggregator-url <url>     aggregator, probed by the health check              PALISADE_AGGREGATOR_URL
  --data-dir <dir>           where node.sqlite lives (default .palisade/node)    PALISADE_DATA_DIR
  --host <host>              HTTP listen address (default 127.0.0.1)             PALISADE_NODE_HOST
  --port <port>              HTTP port (default 9010)                            PALISADE_NODE_PORT
  --node-url <url>           URL published at registration (default http://host:port)  PALISADE_NODE_URL
  --name <name>              node name in GET /eigen/node (default palisade-node) PALISADE_NODE_NAME
  --log-level <level>        fatal|error|warn|info|debug|trace (default info)    PALISADE_LOG_LEVEL
  --task-poll-ms <ms>        poll on-chain TaskRequested events this often and   PALISADE_TASK_POLL_MS
                             push the answers to --aggregator-url (default 2000, 0 off)
  --allocate <fraction>      register: also allocate this share (0 < f <= 1) of  PALISADE_ALLOCATE
                             the stake to Palisade's operator set, per strategy
  --labels-dir <dir>         extra label lists for the security engines, added   PALISADE_LABELS_DIR
                             to the bundled ones: its address lists (*.csv with
                             the address,chain_id,label,source header) and its
                             domains.csv. Every node and the aggregator must load
                             the same lists: the lists' digest is part of each
                             security request's hash, so a node with other lists
                             computes other hashes and cannot sign those tasks
  --watch-file <file>        the attack monitor's watch file: registers the      PALISADE_WATCH_FILE
                             monitor-alert@1 engine (re-runs the monitor's
                             detectors on an alert and signs what it finds).
                             Every node, the aggregator and the monitor load
                             the same file and deployment: its digest (logged
                             at start) is in every alert request's hash
  --help                     this text

The operator's ECDSA key (needed by register) is read only from PALISADE_OPERATOR_KEY, never from a
flag or file, and is never logged.`;

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { message: "not a 20-byte hex address" })
  .transform((value): Address => getAddress(value));
const httpUrl = z.url({ protocol: /^https?$/ });
const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** The JSON config file: everything but secrets (a strict object, so a stray key is an error). */
const fileSchema = z.strictObject({
  deployment: z.string().min(1).optional(),
  rpcUrl: z.url({ protocol: /^(https?|wss?)$/ }).optional(),
  blsKeystore: z.string().min(1).optional(),
  blsPasswordFile: z.string().min(1).optional(),
  serviceManager: address.optional(),
  aggregatorUrl: httpUrl.optional(),
  dataDir: z.string().min(1).optional(),
  host: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65_535).optional(),
  nodeUrl: httpUrl.optional(),
  name: z.string().min(1).max(100).optional(),
  logLevel: logLevel.optional(),
  allocate: allocationFractionSchema.optional(),
  taskPollMs: z.number().int().min(0).optional(),
  labelsDir: z.string().min(1).optional(),
  watchFile: z.string().min(1).optional(),
});

const schema = z.object({
  command: z.enum(["run", "register"]),
  deployment: z.string().min(1, { message: "required (--deployment or PALISADE_DEPLOYMENT)" }),
  rpcUrl: z.url({ protocol: /^(https?|wss?)$/ }).optional(),
  blsKeystore: z.string().min(1, { message: "required (--bls-keystore or PALISADE_BLS_KEYSTORE)" }),
  blsPasswordFile: z.string().min(1).optional(),
  serviceManager: address.optional(),
  aggregatorUrl: httpUrl.optional(),
  dataDir: z.string().min(1),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65_535),
  nodeUrl: httpUrl.optional(),
  name: z.string().min(1).max(100),
  logLevel,
  allocate: allocationFractionSchema.optional(),
  taskPollMs: z.coerce.number().int().min(0),
  labelsDir: z.string().min(1).optional(),
  watchFile: z.string().min(1).optional(),
  operatorKey: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, { message: "PALISADE_OPERATOR_KEY must be a 0x-prefixed 32-byte hex key" })
    .optional(),
});

export interface NodeConfig {
  command: "run" | "register";
  deploymentPath: string;
  /** Undefined: use the deployment file's. */
  rpcUrl: string | undefined;
  blsKeystorePath: string;
  blsPassword: Secret<string>;
  /** Undefined until the deployment file carries the AVS addresses (see avs/avsContracts.ts). */
  serviceManager: Address | undefined;
  aggregatorUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  nodeUrl: string;
  name: string;
  logLevel: z.output<typeof logLevel>;
  /** run: poll TaskRequested this often (ms) when an aggregator URL is set; 0: off. */
  taskPollMs: number;
  /** Extra label lists for the security engines (added to the bundled ones); undefined: the bundled ones only. */
  labelsDir: string | undefined;
  /** The monitor's watch file: monitor-alert@1 is registered with it; undefined: not. */
  watchFile: string | undefined;
  /** register only: the share of the stake to allocate to Palisade's operator set; undefined: leave allocations alone. */
  allocate: number | undefined;
  operatorKey: Secret<Hex> | undefined;
}

const flags = {
  config: { type: "string" },
  deployment: { type: "string" },
  "rpc-url": { type: "string" },
  "bls-keystore": { type: "string" },
  "bls-password-file": { type: "string" },
  "service-manager": { type: "string" },
  "aggregator-url": { type: "string" },
  "data-dir": { type: "string" },
  host: { type: "string" },
  port: { type: "string" },
  "node-url": { type: "string" },
  name: { type: "string" },
  "log-level": { type: "string" },
  allocate: { type: "string" },
  "task-poll-ms": { type: "string" },
  "labels-dir": { type: "string" },
  "watch-file": { type: "string" },
  help: { type: "boolean" },
} as const;

function readConfigFile(path: string): z.output<typeof fileSchema> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`config file ${path} is unreadable or not JSON`, false, { cause: error });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success)
    throw new ConfigError(`config file ${path} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function readPassword(path: string): string {
  try {
    // One trailing newline is the editor's, not the password's.
    return readFileSync(path, "utf8").replace(/\r?\n$/, "");
  } catch (error) {
    throw new ConfigError(`BLS password file ${path} is unreadable`, false, { cause: error });
  }
}

/**
 * Builds the node's configuration from the command line, the environment and an optional JSON file.
 * Relative paths resolve from `cwd` (a config file's paths from the file's directory would surprise
 * more people than they help). Throws ConfigError (with `help` set for --help).
 */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): NodeConfig {
  let values: { [K in keyof typeof flags]?: (typeof flags)[K]["type"] extends "boolean" ? boolean : string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: flags,
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\n${usage}`);
  }
  if (values.help) throw new ConfigError(usage, true);
  if (positionals.length > 1)
    throw new ConfigError(`one command at most, got ${positionals.join(" ")}\n\n${usage}`);

  const configPath = values.config ?? env.PALISADE_NODE_CONFIG;
  const file = configPath === undefined ? {} : readConfigFile(resolve(cwd, configPath));
  const pick = (flag: string | undefined, envName: string, fromFile: unknown) =>
    flag ?? env[envName] ?? fromFile;

  const parsed = schema.safeParse({
    command: positionals[0] ?? "run",
    deployment: pick(values.deployment, "PALISADE_DEPLOYMENT", file.deployment) ?? "",
    rpcUrl: pick(values["rpc-url"], "PALISADE_RPC_URL", file.rpcUrl),
    blsKeystore: pick(values["bls-keystore"], "PALISADE_BLS_KEYSTORE", file.blsKeystore) ?? "",
    blsPasswordFile: pick(values["bls-password-file"], "PALISADE_BLS_PASSWORD_FILE", file.blsPasswordFile),
    serviceManager: pick(values["service-manager"], "PALISADE_SERVICE_MANAGER", file.serviceManager),
    aggregatorUrl: pick(values["aggregator-url"], "PALISADE_AGGREGATOR_URL", file.aggregatorUrl),
    dataDir: pick(values["data-dir"], "PALISADE_DATA_DIR", file.dataDir) ?? ".palisade/node",
    host: pick(values.host, "PALISADE_NODE_HOST", file.host) ?? "127.0.0.1",
    port: pick(values.port, "PALISADE_NODE_PORT", file.port) ?? 9010,
    nodeUrl: pick(values["node-url"], "PALISADE_NODE_URL", file.nodeUrl),
    name: pick(values.name, "PALISADE_NODE_NAME", file.name) ?? "palisade-node",
    logLevel: pick(values["log-level"], "PALISADE_LOG_LEVEL", file.logLevel) ?? "info",
    allocate: pick(values.allocate, "PALISADE_ALLOCATE", file.allocate),
    taskPollMs: pick(values["task-poll-ms"], "PALISADE_TASK_POLL_MS", file.taskPollMs) ?? 2_000,
    labelsDir: pick(values["labels-dir"], "PALISADE_LABELS_DIR", file.labelsDir),
    watchFile: pick(values["watch-file"], "PALISADE_WATCH_FILE", file.watchFile),
    operatorKey: env.PALISADE_OPERATOR_KEY,
  });
  if (!parsed.success)
    // prettifyError quotes messages and paths, never the input values, so a bad key is not echoed.
    throw new ConfigError(`invalid configuration:\n${z.prettifyError(parsed.error)}\n\n${usage}`);
  const c = parsed.data;

  let blsPassword: string;
  if (c.blsPasswordFile !== undefined) blsPassword = readPassword(resolve(cwd, c.blsPasswordFile));
  else if (env.PALISADE_BLS_PASSWORD !== undefined) blsPassword = env.PALISADE_BLS_PASSWORD;
  else
    throw new ConfigError(
      `the BLS keystore password is required: --bls-password-file or PALISADE_BLS_PASSWORD\n\n${usage}`,
    );
  if (c.command === "register" && c.operatorKey === undefined)
    throw new ConfigError("register needs the operator's ECDSA key in PALISADE_OPERATOR_KEY");
  if (c.command !== "register" && c.allocate !== undefined)
    throw new ConfigError("--allocate (PALISADE_ALLOCATE) applies to register only");

  return {
    command: c.command,
    deploymentPath: resolve(cwd, c.deployment),
    rpcUrl: c.rpcUrl,
    blsKeystorePath: resolve(cwd, c.blsKeystore),
    blsPassword: new Secret(blsPassword),
    serviceManager: c.serviceManager,
    aggregatorUrl: c.aggregatorUrl,
    dataDir: resolve(cwd, c.dataDir),
    host: c.host,
    port: c.port,
    nodeUrl: c.nodeUrl ?? `http://${c.host}:${c.port}`,
    name: c.name,
    logLevel: c.logLevel,
    allocate: c.allocate,
    taskPollMs: c.taskPollMs,
    labelsDir: c.labelsDir === undefined ? undefined : resolve(cwd, c.labelsDir),
    watchFile: c.watchFile === undefined ? undefined : resolve(cwd, c.watchFile),
    operatorKey: c.operatorKey === undefined ? undefined : new Secret(c.operatorKey as Hex),
  };
}

/** What may be logged of the config: no secrets, and only the origin of URLs (paths and queries can hold API keys). */
export function describeConfig(config: NodeConfig): Record<string, unknown> {
  const origin = (url: string | undefined) => (url === undefined ? undefined : new URL(url).origin);
  return {
    command: config.command,
    deployment: config.deploymentPath,
    rpc: origin(config.rpcUrl),
    blsKeystore: config.blsKeystorePath,
    serviceManager: config.serviceManager,
    aggregator: origin(config.aggregatorUrl),
    dataDir: config.dataDir,
    listen: `${config.host}:${config.port}`,
    nodeUrl: config.nodeUrl,
    name: config.name,
    allocate: config.allocate,
    taskPollMs: config.taskPollMs,
    labelsDir: config.labelsDir,
    watchFile: config.watchFile,
    operatorKeyConfigured: config.operatorKey !== undefined,
  };
}
