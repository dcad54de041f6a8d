import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Address, isAddress } from "viem";
import { z } from "zod";
import { severities } from "./alert.ts";
import { MonitorConfigError } from "./errors.ts";

/** Where `npm start` writes the devnet's deployment file (relative to the repository root). */
export const DEVNET_DEPLOYMENT = ".palisade/devnet/deployment.json";

export const usage = `Usage: palisade-monitor [options]

Watches new blocks and pending transactions of an RPC, runs the attack detectors — large outflow,
flash-loan exploit, ownership change, proxy upgrade, oracle deviation, approval drain — and emits each
alert (JSON, schema palisade.alert/1) to a JSONL log, webhooks and the gateway.

Options (flag > environment > default):
  --deployment <file>    deployment.json: the RPC, the chain id, Palisade's contracts  PALISADE_DEPLOYMENT
                         (watched for ownership and upgrades). Default
                         ${DEVNET_DEPLOYMENT} when --rpc-url is not given
  --rpc-url <url>        JSON-RPC endpoint with debug_trace* (default: the           PALISADE_RPC_URL
                         deployment's); http(s) or ws(s)
  --ws-url <url>         also subscribe to new heads and pending transactions here   PALISADE_MONITOR_WS_URL
                         (anvil serves WebSocket on its RPC port)
  --watch <address>      watch a contract (repeatable): net outflow ≥ 20 % of a
                         balance, ownership and proxy changes, flash-loan drains
  --watch-file <file>    JSON watch list: contracts with thresholds, oracles,        PALISADE_MONITOR_WATCH_FILE
                         labels, approval-drain settings (see apps/monitor/README.md)
  --webhook <url>        POST every alert here (repeatable)
  --gateway-url <url>    POST every alert to <url>/v1/alerts                         PALISADE_GATEWAY_URL
  --gateway-token-file <file>  the gateway's alerts secret, sent to it (only) as    PALISADE_GATEWAY_TOKEN_FILE
                         Authorization: Bearer <secret> (its --alerts-token-file)
  --log <file>           append every alert to this JSONL file, fsync'd              PALISADE_MONITOR_LOG
                         (and each attestation record, with --aggregator-url)
  --aggregator-url <url> have the operators certify each alert (monitor-alert@1,     PALISADE_AGGREGATOR_URL
                         urgent task); the certificate goes to the log as a
                         palisade.attestation/1 record. Needs --watch-file and the
                         deployment, the same ones the nodes and the aggregator
                         load, and no --watch
  --attest-min-severity <s>  attest alerts of this severity and above:             PALISADE_MONITOR_ATTEST_MIN_SEVERITY
                         info|low|medium|high|critical (default high)
  --respond-key-file <file>  present each certified alert to the ThreatResponse       PALISADE_RESPONDER_KEY (the key itself)
                         (decision 0008) with the 0x-hex key in this file, as soon
                         as its certificate is sent: pauses the opted-in protocol,
                         freezes implicated operators … Needs --aggregator-url
  --threat-response <addr>   the ThreatResponse (default: the deployment's          PALISADE_THREAT_RESPONSE
                         governance.threatResponse)
  --respond-priority-fee-gwei <n>  the response's priority fee (default 50): above
                         the attack's, below the aggregator's urgent fee (100), so
                         a fee-ordered block runs certificate, response, attack
  --from-block <n>       first block to analyse (default: the block after the head)
  --poll-ms <ms>         poll heads and the pending-transaction filter this often
                         (default 250); with --ws-url too: the first report wins
  --no-mempool           analyse mined blocks only
  --port <port>          serve GET /health and /metrics on 127.0.0.1 (default off)  PALISADE_MONITOR_PORT
  --log-level <level>    fatal|error|warn|info|debug|trace|silent (default info)     PALISADE_LOG_LEVEL
  --help                 this text

Example (the devnet, \`npm start\` running):
  npx tsx apps/monitor/src/main.ts --ws-url ws://127.0.0.1:8545 --poll-ms 20 \\
    --watch-file .palisade/devnet/monitor/watch.json --log .palisade/monitor/alerts.jsonl \\
    --webhook http://127.0.0.1:9999/alerts
  tail -f .palisade/monitor/alerts.jsonl`;

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { message: "not a 20-byte hex address" })
  .transform((value) => value.toLowerCase() as Address);
const httpUrl = z.url({ protocol: /^https?$/ });

const schema = z.object({
  deployment: z.string().min(1).optional(),
  rpcUrl: z.url({ protocol: /^(https?|wss?)$/ }).optional(),
  wsUrl: z.url({ protocol: /^wss?$/ }).optional(),
  watch: z.array(address),
  watchFile: z.string().min(1).optional(),
  webhooks: z.array(httpUrl),
  gatewayUrl: httpUrl.optional(),
  gatewayTokenFile: z.string().min(1).optional(),
  aggregatorUrl: httpUrl.optional(),
  attestMinSeverity: z.enum(severities).optional(),
  respondKeyFile: z.string().min(1).optional(),
  respondKey: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, { message: "PALISADE_RESPONDER_KEY must be a 0x-prefixed 32-byte hex key" })
    .optional(),
  threatResponse: address.optional(),
  respondPriorityFeeGwei: z.coerce.number().nonnegative().max(1_000_000).optional(),
  log: z.string().min(1).optional(),
  fromBlock: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,15})$/, { message: "a block number" })
    .transform(Number)
    .optional(),
  pollMs: z
    .string()
    .regex(/^[1-9][0-9]{0,6}$/, { message: "milliseconds ≥ 1" })
    .transform(Number),
  mempool: z.boolean(),
  port: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,4})$/, { message: "a port number" })
    .transform(Number)
    .refine((port) => port <= 65_535, { message: "a port number" })
    .optional(),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
});

export type MonitorConfig = Omit<z.output<typeof schema>, "respondKey" | "respondKeyFile"> & {
  /** The responder's key source: a file (read at start) or the environment; never logged. */
  responderKey?: { file: string } | { reveal(): `0x${string}` };
};

/** Flags over environment over defaults, validated; `--help` throws a MonitorConfigError with `help`. */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): MonitorConfig {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        deployment: { type: "string" },
        "rpc-url": { type: "string" },
        "ws-url": { type: "string" },
        watch: { type: "string", multiple: true },
        "watch-file": { type: "string" },
        webhook: { type: "string", multiple: true },
        "gateway-url": { type: "string" },
        "gateway-token-file": { type: "string" },
        "aggregator-url": { type: "string" },
        "attest-min-severity": { type: "string" },
        "respond-key-file": { type: "string" },
        "threat-response": { type: "string" },
        "respond-priority-fee-gwei": { type: "string" },
        log: { type: "string" },
        "from-block": { type: "string" },
        "poll-ms": { type: "string" },
        "no-mempool": { type: "boolean" },
        port: { type: "string" },
        "log-level": { type: "string" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new MonitorConfigError(`${(error as Error).message}\n\n${usage}`);
  }
  if (values.help) throw new MonitorConfigError(usage, true);
  const pick = (flag: string, variable: string | undefined, fallback?: string) =>
    (values[flag] as string | undefined) ?? (variable === undefined ? undefined : env[variable]) ?? fallback;
  const rpcUrl = pick("rpc-url", "PALISADE_RPC_URL");
  let deployment = pick("deployment", "PALISADE_DEPLOYMENT");
  if (deployment === undefined && rpcUrl === undefined) {
    deployment = DEVNET_DEPLOYMENT;
    if (!existsSync(resolve(cwd, deployment)))
      throw new MonitorConfigError(
        `no RPC to watch: pass --rpc-url or --deployment (${DEVNET_DEPLOYMENT} does not exist — is the devnet running? \`npm start\`)`,
      );
  }
  const parsed = schema.safeParse({
    deployment,
    rpcUrl,
    wsUrl: pick("ws-url", "PALISADE_MONITOR_WS_URL"),
    watch: values.watch ?? [],
    watchFile: pick("watch-file", "PALISADE_MONITOR_WATCH_FILE"),
    webhooks: values.webhook ?? [],
    gatewayUrl: pick("gateway-url", "PALISADE_GATEWAY_URL"),
    gatewayTokenFile: pick("gateway-token-file", "PALISADE_GATEWAY_TOKEN_FILE"),
    aggregatorUrl: pick("aggregator-url", "PALISADE_AGGREGATOR_URL"),
    attestMinSeverity: pick("attest-min-severity", "PALISADE_MONITOR_ATTEST_MIN_SEVERITY", "high"),
    respondKeyFile: pick("respond-key-file", undefined),
    respondKey: env.PALISADE_RESPONDER_KEY === "" ? undefined : env.PALISADE_RESPONDER_KEY,
    threatResponse: pick("threat-response", "PALISADE_THREAT_RESPONSE"),
    respondPriorityFeeGwei: pick("respond-priority-fee-gwei", undefined),
    log: pick("log", "PALISADE_MONITOR_LOG"),
    fromBlock: pick("from-block", undefined),
    pollMs: pick("poll-ms", undefined, "250"),
    mempool: values["no-mempool"] !== true,
    port: pick("port", "PALISADE_MONITOR_PORT"),
    logLevel: pick("log-level", "PALISADE_LOG_LEVEL", "info"),
  });
  if (!parsed.success) {
    // Never echo the responder's key: the issue paths and messages only.
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new MonitorConfigError(`invalid configuration:\n${lines.join("\n")}\n\n${usage}`);
  }
  const {
    deployment: file,
    watchFile,
    log,
    gatewayUrl,
    gatewayTokenFile,
    aggregatorUrl,
    respondKeyFile,
    respondKey,
    ...rest
  } = parsed.data;
  if ((respondKeyFile !== undefined || respondKey !== undefined) && aggregatorUrl === undefined)
    throw new MonitorConfigError(
      `--respond-key-file / PALISADE_RESPONDER_KEY needs --aggregator-url: only certified alerts are presented\n\n${usage}`,
    );
  const responderKey =
    respondKeyFile !== undefined
      ? { file: resolve(cwd, respondKeyFile) }
      : respondKey !== undefined
        ? Object.freeze({
            reveal: () => respondKey as `0x${string}`,
            toJSON: () => "[redacted]",
            [Symbol.for("nodejs.util.inspect.custom")]: () => "[redacted]",
          })
        : undefined;
  if (gatewayTokenFile !== undefined && gatewayUrl === undefined)
    throw new MonitorConfigError(`--gateway-token-file needs --gateway-url\n\n${usage}`);
  // The operators re-run the detectors on the watch file plus the deployment's contracts: the monitor
  // must watch exactly that, or its watch digest is not theirs and every alert task is refused.
  if (aggregatorUrl !== undefined) {
    if (watchFile === undefined)
      throw new MonitorConfigError(
        `--aggregator-url needs --watch-file (the operators' watch file)\n\n${usage}`,
      );
    if (file === undefined)
      throw new MonitorConfigError(
        `--aggregator-url needs the deployment (--deployment): the operators watch its contracts too\n\n${usage}`,
      );
    if (rest.watch.length > 0)
      throw new MonitorConfigError(
        `--watch cannot be combined with --aggregator-url: the operators do not watch it; add the contract to the watch file\n\n${usage}`,
      );
  }
  // Optional values left out are absent keys, not undefined ones (exactOptionalPropertyTypes).
  const defined = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined),
  ) as typeof rest;
  return {
    ...defined,
    ...(file === undefined ? {} : { deployment: resolve(cwd, file) }),
    ...(watchFile === undefined ? {} : { watchFile: resolve(cwd, watchFile) }),
    ...(log === undefined ? {} : { log: resolve(cwd, log) }),
    // `<url>/v1/alerts` is appended: a trailing slash must not double it.
    ...(gatewayUrl === undefined ? {} : { gatewayUrl: gatewayUrl.replace(/\/+$/, "") }),
    ...(gatewayTokenFile === undefined ? {} : { gatewayTokenFile: resolve(cwd, gatewayTokenFile) }),
    ...(aggregatorUrl === undefined ? {} : { aggregatorUrl: aggregatorUrl.replace(/\/+$/, "") }),
    ...(responderKey === undefined ? {} : { responderKey }),
  };
}
