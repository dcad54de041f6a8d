// palisade-monitor: the attack monitor. Thin: parse and validate config, start, stop on SIGINT/SIGTERM.
import { pino } from "pino";
import { parseConfig } from "./config.ts";
import { MonitorConfigError } from "./errors.ts";
import { runMonitor } from "./run.ts";

async function main(): Promise<number> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.argv.slice(2), process.env, process.cwd());
  } catch (error) {
    if (error instanceof MonitorConfigError) {
      (error.help ? process.stdout : process.stderr).write(`${error.shortMessage}\n`);
      return error.help ? 0 : 2;
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel, base: { service: "palisade-monitor" } });
  try {
    const monitor = await runMonitor(config, logger);
    await new Promise<void>((resolveSignal) => {
      const onSignal = (signal: NodeJS.Signals) => {
        logger.info({ signal }, "shutting down");
        resolveSignal();
      };
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
    });
    // Deliveries still retrying get 5 s (the sinks' close); a stuck RPC must not hold the process.
    const force = setTimeout(() => {
      logger.error("did not stop within 15 s; exiting");
      process.exit(1);
    }, 15_000);
    force.unref();
    await monitor.stop();
    return 0;
  } catch (error) {
    logger.fatal({ err: error }, (error as { shortMessage?: string }).shortMessage ?? "failed");
    return 1;
  }
}

process.exitCode = await main();
