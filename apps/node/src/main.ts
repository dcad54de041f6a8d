// palisade-node: the operator node. Thin: parse and validate config, start, stop on SIGINT/SIGTERM.
import { parseConfig } from "./config.ts";
import { ConfigError } from "./errors.ts";
import { createLogger, register, run } from "./run.ts";

async function main(): Promise<number> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.argv.slice(2), process.env, process.cwd());
  } catch (error) {
    if (error instanceof ConfigError) {
      (error.help ? process.stdout : process.stderr).write(`${error.shortMessage}\n`);
      return error.help ? 0 : 2;
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  try {
    if (config.command === "register") {
      await register(config, logger);
      return 0;
    }
    const node = await run(config, logger);
    await new Promise<void>((resolveSignal) => {
      const onSignal = (signal: NodeJS.Signals) => {
        logger.info({ signal }, "shutting down");
        resolveSignal();
      };
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
    });
    // A stuck request must not keep the process alive forever.
    const force = setTimeout(() => {
      logger.error("in-flight requests did not finish within 10 s; exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    await node.stop();
    return 0;
  } catch (error) {
    logger.fatal({ err: error }, (error as { shortMessage?: string }).shortMessage ?? "failed");
    return 1;
  }
}

process.exitCode = await main();
