// palisade-gateway: a provider's API behind the marketplace access guard. Thin: parse and validate
// config, start, stop on SIGINT/SIGTERM.
import { createChainPurchaseSource } from "@palisade/provider";
import { pino } from "pino";
import { parseConfig } from "./config.ts";
import { GatewayConfigError } from "./errors.ts";
import { runGateway } from "./run.ts";

async function main(): Promise<number> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.argv.slice(2), process.env, process.cwd());
  } catch (error) {
    if (error instanceof GatewayConfigError) {
      (error.help ? process.stdout : process.stderr).write(`${error.shortMessage}\n`);
      return error.help ? 0 : 2;
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel, base: { service: "palisade-gateway" } });
  try {
    const gateway = await runGateway(config, logger, (client, marketplace) =>
      createChainPurchaseSource({
        client,
        marketplace,
        onError: (error) => logger.warn({ err: error }, "purchase event poll failed; retrying"),
      }),
    );
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
    await gateway.stop();
    return 0;
  } catch (error) {
    logger.fatal({ err: error }, (error as { shortMessage?: string }).shortMessage ?? "failed");
    return 1;
  }
}

process.exitCode = await main();
