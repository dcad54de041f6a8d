import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { GatewayConfigError } from "./errors.ts";

export const usage = `Usage: palisade-gateway --deployment <file> --provider-id <id> [options]

Serves a provider's security engines (address risk, token risk, phishing, transaction firewall) behind
the marketplace access guard: each call needs an access token for a purchase of this provider's service
at that route, and is recorded durably in the metering store before it is answered.

  --deployment <file>         deployment.json with a marketplace section (required)   PALISADE_DEPLOYMENT
  --provider-id <id>          the provider this gateway serves (required)               PALISADE_PROVIDER_ID
  --rpc-url <url>             JSON-RPC endpoint (default: the deployment's)             PALISADE_RPC_URL
  --data-dir <dir>            where metering.sqlite lives (default .palisade/gateway)   PALISADE_DATA_DIR
  --host <host>               listen address (default 127.0.0.1)                       PALISADE_GATEWAY_HOST
  --port <port>               listen port (default 8700)                                PALISADE_GATEWAY_PORT
  --max-token-lifetime <s>    refuse tokens expiring further ahead (default 300; keep it PALISADE_MAX_TOKEN_LIFETIME
                              at most the marketplace's sessionRevocationDelay)
  --labels-dir <dir>          extra lists: address label CSVs merged with the bundled  PALISADE_LABELS_DIR
                              ones, domains.csv added to the phishing lists
  --rate-limit <n>            requests per second per consumer (or address); 0: off  PALISADE_RATE_LIMIT
                              (default 50)
  --rate-burst <n>            requests a consumer may send at once (default 100)     PALISADE_RATE_BURST
  --aggregator-url <url>      answer attest=true with operator-attested verdicts     PALISADE_AGGREGATOR_URL
                              (without it: 503 attestation_unavailable)
  --attest-timeout <s>        wait at most this long for a certificate (default 60)  PALISADE_ATTEST_TIMEOUT
  --rpc-reject <verdicts>     JSON-RPC firewall at /rpc: verdicts never forwarded,   PALISADE_RPC_REJECT
                              "block" or "warn,block" (default block)
  --rpc-fail-open             forward a transaction the firewall cannot simulate     PALISADE_RPC_FAIL_OPEN=1
                              (default: refuse it)
  --rpc-upstream-ws-url <url> the node's WebSocket for subscriptions through /rpc     PALISADE_RPC_UPSTREAM_WS_URL
                              (default: the RPC URL with ws://, as anvil and reth serve)
  --alerts-token-file <file>  accept attack-monitor alerts at POST /v1/alerts from     PALISADE_ALERTS_TOKEN_FILE
                              senders presenting this file's secret as a Bearer token
                              (without it POST /v1/alerts answers 403)
  --log-level <level>         fatal|error|warn|info|debug|trace|silent (default info)   PALISADE_LOG_LEVEL
  --help                      this text

Example:
  npx tsx apps/gateway/src/main.ts --deployment .palisade/devnet/deployment.json --provider-id 1 --port 8700`;

const schema = z.object({
  deployment: z.string().min(1, { message: "required (--deployment or PALISADE_DEPLOYMENT)" }),
  providerId: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 32 - 1),
  rpcUrl: z.url({ protocol: /^(https?|wss?)$/ }).optional(),
  dataDir: z.string().min(1),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65_535),
  maxTokenLifetime: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86_400),
  labelsDir: z.string().min(1).optional(),
  // Spelled out rather than coerced: an empty variable must not read as 0 (which turns limits off).
  rateLimit: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,6})(\.[0-9]{1,3})?$/, { message: "requests per second: a number ≥ 0 (0: off)" })
    .transform(Number),
  rateBurst: z
    .string()
    .regex(/^[1-9][0-9]{0,6}$/, { message: "a whole number of requests ≥ 1" })
    .transform(Number),
  aggregatorUrl: z.url({ protocol: /^https?$/ }).optional(),
  attestTimeout: z.coerce.number().int().min(1).max(3_600),
  rpcReject: z
    .string()
    .transform((value) => [...new Set(value.split(",").map((verdict) => verdict.trim()))].sort())
    .pipe(z.array(z.enum(["block", "warn"])).min(1)),
  rpcFailOpen: z.enum(["0", "1", "true", "false"]).transform((value) => value === "1" || value === "true"),
  rpcUpstreamWsUrl: z.url({ protocol: /^wss?$/ }).optional(),
  alertsTokenFile: z.string().min(1).optional(),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
});

export type GatewayConfig = z.output<typeof schema>;

/** Flags over environment over defaults, validated; `--help` throws a GatewayConfigError with `help`. */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): GatewayConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        deployment: { type: "string" },
        "provider-id": { type: "string" },
        "rpc-url": { type: "string" },
        "data-dir": { type: "string" },
        host: { type: "string" },
        port: { type: "string" },
        "max-token-lifetime": { type: "string" },
        "labels-dir": { type: "string" },
        "rate-limit": { type: "string" },
        "rate-burst": { type: "string" },
        "aggregator-url": { type: "string" },
        "attest-timeout": { type: "string" },
        "rpc-reject": { type: "string" },
        "rpc-fail-open": { type: "boolean" },
        "rpc-upstream-ws-url": { type: "string" },
        "alerts-token-file": { type: "string" },
        "log-level": { type: "string" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new GatewayConfigError(`${(error as Error).message}\n\n${usage}`);
  }
  if (values.help) throw new GatewayConfigError(usage, true);
  const pick = (flag: string, variable: string, fallback?: string) =>
    (values[flag] as string | undefined) ?? env[variable] ?? fallback;
  const parsed = schema.safeParse({
    deployment: pick("deployment", "PALISADE_DEPLOYMENT", ""),
    providerId: pick("provider-id", "PALISADE_PROVIDER_ID"),
    rpcUrl: pick("rpc-url", "PALISADE_RPC_URL"),
    dataDir: pick("data-dir", "PALISADE_DATA_DIR", ".palisade/gateway"),
    host: pick("host", "PALISADE_GATEWAY_HOST", "127.0.0.1"),
    port: pick("port", "PALISADE_GATEWAY_PORT", "8700"),
    maxTokenLifetime: pick("max-token-lifetime", "PALISADE_MAX_TOKEN_LIFETIME", "300"),
    labelsDir: pick("labels-dir", "PALISADE_LABELS_DIR"),
    rateLimit: pick("rate-limit", "PALISADE_RATE_LIMIT", "50"),
    rateBurst: pick("rate-burst", "PALISADE_RATE_BURST", "100"),
    aggregatorUrl: pick("aggregator-url", "PALISADE_AGGREGATOR_URL"),
    attestTimeout: pick("attest-timeout", "PALISADE_ATTEST_TIMEOUT", "60"),
    rpcReject: pick("rpc-reject", "PALISADE_RPC_REJECT", "block"),
    rpcFailOpen: values["rpc-fail-open"] === true ? "1" : (env.PALISADE_RPC_FAIL_OPEN ?? "0"),
    rpcUpstreamWsUrl: pick("rpc-upstream-ws-url", "PALISADE_RPC_UPSTREAM_WS_URL"),
    alertsTokenFile: pick("alerts-token-file", "PALISADE_ALERTS_TOKEN_FILE"),
    logLevel: pick("log-level", "PALISADE_LOG_LEVEL", "info"),
  });
  if (!parsed.success)
    throw new GatewayConfigError(`invalid configuration:\n${z.prettifyError(parsed.error)}\n\n${usage}`);
  const { labelsDir, alertsTokenFile, ...rest } = parsed.data;
  return {
    ...rest,
    deployment: resolve(cwd, parsed.data.deployment),
    dataDir: resolve(cwd, parsed.data.dataDir),
    ...(labelsDir === undefined ? {} : { labelsDir: resolve(cwd, labelsDir) }),
    ...(alertsTokenFile === undefined ? {} : { alertsTokenFile: resolve(cwd, alertsTokenFile) }),
  };
}
