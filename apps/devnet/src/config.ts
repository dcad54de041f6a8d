import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

export interface DevnetConfig {
  port: number;
  /** Holds anvil-state.json and deployment.json. */
  stateDir: string;
}

export const usage = `Usage: npm start -- [--port <port>] [--state-dir <dir>]

  --port <port>       RPC port on 127.0.0.1 (env PALISADE_PORT, default 8545)
  --state-dir <dir>   where the chain state and deployment.json live
                      (env PALISADE_STATE_DIR, default .palisade/devnet under the repository)
  --help              this text

An existing state directory is resumed; delete it to start from a fresh chain.`;

/** The command line asked for help, or was wrong. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly help = false,
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

const schema = z.object({
  port: z.coerce.number().int().min(1).max(65_535),
  stateDir: z.string().min(1),
});

/** Flags win over environment variables, which win over defaults. Relative paths resolve from `cwd`. */
export function parseConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  defaults: { stateDir: string; cwd: string },
): DevnetConfig {
  let values: { port?: string | undefined; "state-dir"?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { port: { type: "string" }, "state-dir": { type: "string" }, help: { type: "boolean" } },
      strict: true,
    }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\n${usage}`);
  }
  if (values.help) throw new ConfigError(usage, true);
  const parsed = schema.safeParse({
    port: values.port ?? env.PALISADE_PORT ?? 8545,
    stateDir: values["state-dir"] ?? env.PALISADE_STATE_DIR ?? defaults.stateDir,
  });
  if (!parsed.success)
    throw new ConfigError(`invalid configuration:\n${z.prettifyError(parsed.error)}\n\n${usage}`);
  return { port: parsed.data.port, stateDir: resolve(defaults.cwd, parsed.data.stateDir) };
}
