import { BaseError } from "@palisade/sdk";
import { parseConfig } from "./config.ts";
import { DeployConfigError } from "./errors.ts";
import { runDeploy } from "./run.ts";

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2), process.env, process.cwd());
  await runDeploy(config, { print, cwd: process.cwd() });
}

main().catch((error: unknown) => {
  if (error instanceof DeployConfigError && error.help) {
    print(error.message);
    process.exit(0);
  }
  // Expected failures (DeployError and the SDK's other named errors) are reported by name and
  // message; anything else is a bug and keeps its stack.
  const text =
    error instanceof BaseError
      ? `${error.name}: ${error.message}`
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`deploy: ${text}\n`);
  process.exit(1);
});
