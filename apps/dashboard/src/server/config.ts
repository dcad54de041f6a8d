import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { DashboardConfigError } from "./errors.ts";

export const usage = `Usage: palisade-dashboard [options]

Serves the Palisade dashboard (built by \`npm run build\`) and a same-origin API for it: the
deployment and the services (/api/config), the chain's JSON-RPC (/rpc), the operator nodes
(/api/nodes/<i>/…), the aggregator (/api/aggregator/…) and the providers' gateways
(/api/gateways/<providerId>/…). \`npm start\` runs it on the devnet.

  --state-dir <dir>      the devnet's state dir: deployment.json, services.json      PALISADE_STATE_DIR
                         (default .palisade/devnet under the repository)
  --deployment <file>    deployment file (default <state dir>/deployment.json)     PALISADE_DEPLOYMENT
  --services <file>      services file (default <state dir>/services.json;          PALISADE_SERVICES
                         missing: no services, chain views only)
  --rpc-url <url>        the chain's JSON-RPC (default: the deployment's rpcUrl)     PALISADE_RPC_URL
  --host <host>          listen address (default 127.0.0.1)                         PALISADE_DASHBOARD_HOST
  --port <port>          listen port (default 3000)                                  PALISADE_DASHBOARD_PORT
  --static-dir <dir>     the built pages (default apps/dashboard/dist)               PALISADE_DASHBOARD_DIST
  --log-level <level>    fatal|error|warn|info|debug|trace|silent (default info)     PALISADE_LOG_LEVEL
  --help                 this text`;

const schema = z.object({
  deploymentFile: z.string().min(1),
  servicesFile: z.string().min(1),
  rpcUrl: z.url({ protocol: /^https?$/ }).optional(),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65_535),
  staticDir: z.string().min(1),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
});

export type DashboardConfig = z.output<typeof schema>;

const options = {
  "state-dir": { type: "string" },
  deployment: { type: "string" },
  services: { type: "string" },
  "rpc-url": { type: "string" },
  host: { type: "string" },
  port: { type: "string" },
  "static-dir": { type: "string" },
  "log-level": { type: "string" },
  help: { type: "boolean" },
} as const;

/**
 * Flags over environment over defaults, validated. Relative paths resolve from `cwd`; the defaults
 * (state dir, built pages) from the repository root.
 */
export function parseConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  defaults: { cwd: string; repoRoot: string },
): DashboardConfig {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options }>>["values"];
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true }));
  } catch (error) {
    throw new DashboardConfigError(`${(error as Error).message}\n\n${usage}`);
  }
  if (values.help) throw new DashboardConfigError(usage, true);
  const stateDir = resolve(
    defaults.cwd,
    values["state-dir"] ?? env.PALISADE_STATE_DIR ?? join(defaults.repoRoot, ".palisade/devnet"),
  );
  const parsed = schema.safeParse({
    deploymentFile: resolve(
      defaults.cwd,
      values.deployment ?? env.PALISADE_DEPLOYMENT ?? join(stateDir, "deployment.json"),
    ),
    servicesFile: resolve(
      defaults.cwd,
      values.services ?? env.PALISADE_SERVICES ?? join(stateDir, "services.json"),
    ),
    rpcUrl: values["rpc-url"] ?? env.PALISADE_RPC_URL,
    host: values.host ?? env.PALISADE_DASHBOARD_HOST ?? "127.0.0.1",
    port: values.port ?? env.PALISADE_DASHBOARD_PORT ?? 3000,
    staticDir: resolve(
      defaults.cwd,
      values["static-dir"] ?? env.PALISADE_DASHBOARD_DIST ?? join(defaults.repoRoot, "apps/dashboard/dist"),
    ),
    logLevel: values["log-level"] ?? env.PALISADE_LOG_LEVEL ?? "info",
  });
  if (!parsed.success)
    throw new DashboardConfigError(`invalid configuration:\n${z.prettifyError(parsed.error)}\n\n${usage}`);
  return parsed.data;
}
