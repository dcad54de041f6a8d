// palisade-dashboard: the web dashboard and its same-origin API. Thin: parse and validate config,
// listen, stop on SIGINT/SIGTERM.
import { resolve } from "node:path";
import { pino } from "pino";
import { parseConfig } from "./config.ts";
import { DashboardConfigError } from "./errors.ts";
import { createDashboardServer } from "./server.ts";
import { createStateReader } from "./state.ts";

const repoRoot = resolve(import.meta.dirname, "../../../..");

async function main(): Promise<number> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.argv.slice(2), process.env, { cwd: process.cwd(), repoRoot });
  } catch (error) {
    if (error instanceof DashboardConfigError) {
      (error.help ? process.stdout : process.stderr).write(`${error.shortMessage}\n`);
      return error.help ? 0 : 2;
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel, base: { service: "palisade-dashboard" } });
  const server = createDashboardServer({
    readState: createStateReader(config),
    staticDir: config.staticDir,
    logger,
  });
  await new Promise<void>((listening, failed) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      failed(
        error.code === "EADDRINUSE"
          ? new DashboardConfigError(`port ${config.port} on ${config.host} is already in use: pass --port`)
          : error,
      ),
    );
    server.listen(config.port, config.host, listening);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  logger.info(
    { url: `http://${config.host}:${port}`, deployment: config.deploymentFile, staticDir: config.staticDir },
    "dashboard listening",
  );
  await new Promise<void>((stop) => {
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  server.closeAllConnections();
  await new Promise<void>((closed) => server.close(() => closed()));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `palisade-dashboard: ${error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
