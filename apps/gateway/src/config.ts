import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { GatewayConfigError } from "./errors.ts";

export const usage = `Usage: palisade-gateway --deployment <file> --provider-id <id> [options]

Serves a provider's security API behind the marketplace access guard: each call needs an access token
for a purchase of this provider, and is recorded durably in the metering store before it is answered.

  --deployment <file>         deployment.json with a marketplace section (required)   PALISADE_DEPLOYMENT
  --provider-id <id>          the provider this gateway serves (required)               PALISADE_PROVIDER_ID
  --rpc-url <url>             JSON-RPC endpoint (default: the deployment's)             PALISADE_RPC_URL
  --data-dir <dir>            where metering.sqlite lives (default .palisade/gateway)   PALISADE_DATA_DIR
  --host <host>               listen address (default 127.0.0.1)                       PALISADE_GATEWAY_HOST
  --port <port>               listen port (default 8700)                                PALISADE_GATEWAY_PORT
  --max-token-lifetime <s>    refuse tokens expiring further ahead (default 300; keep it PALISADE_MAX_TOKEN_LIFETIME
                              at most the marketplace's sessionRevocationDelay)
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
    logLevel: pick("log-level", "PALISADE_LOG_LEVEL", "info"),
  });
  if (!parsed.success)
    throw new GatewayConfigError(`invalid configuration:\n${z.prettifyError(parsed.error)}\n\n${usage}`);
  return {
    ...parsed.data,
    deployment: resolve(cwd, parsed.data.deployment),
    dataDir: resolve(cwd, parsed.data.dataDir),
  };
}
