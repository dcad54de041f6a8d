import type { Deployment } from "@palisade/sdk";
import { DEVNET_CHAIN_ID } from "./chain/devAccounts.ts";
import { type CommandTable, parseCommandLine } from "./commandLine.ts";
import { commandTable } from "./commands/index.ts";
import { createContext } from "./context.ts";
import { renderHelp } from "./help.ts";
import type { Io } from "./io.ts";
import { toJson } from "./output/json.ts";
import { describeError } from "./report/describeError.ts";
import { fixContext } from "./report/fixContext.ts";

export { type Io, processIo } from "./io.ts";

/** Exit codes: success, a failure (chain, provider, file …), a usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * Runs `palisade <argv…>` and returns the exit code; writes only to `io`. The bin calls it with the
 * process's streams, tests with captured ones.
 */
export async function main(
  argv: readonly string[],
  io: Io,
  table: CommandTable = commandTable,
): Promise<number> {
  const json = argv.includes("--json");
  let path: string | undefined;
  let deployment: () => Promise<Deployment | undefined> = async () => undefined;
  try {
    const line = parseCommandLine(argv, table, io.env);
    if (line.kind === "help") {
      const text = renderHelp(line.topic, table);
      if (!line.problem) {
        io.stdout.write(text);
        return EXIT_OK;
      }
      io.stderr.write(text);
      throw line.problem;
    }
    path = line.path;
    const context = createContext(io, line.globals);
    deployment = () =>
      context.deployment().then(
        (loaded) => loaded,
        () => undefined,
      );
    const output = await line.command.run(context, line.args);
    io.stdout.write(`${line.globals.json ? toJson(output.data) : output.text}\n`);
    return EXIT_OK;
  } catch (error) {
    const loaded = await deployment();
    const devnet = loaded === undefined ? undefined : loaded.chainId === DEVNET_CHAIN_ID;
    const report = describeError(error, fixContext(argv, path, devnet, loaded));
    const lines = [`error: ${report.message}`];
    if (report.details) lines.push(...report.details.split("\n").map((line) => `  ${line}`));
    if (report.fix) lines.push(`FIX: ${report.fix}`);
    io.stderr.write(`${lines.join("\n")}\n`);
    if (json) {
      io.stdout.write(
        `${toJson({ error: { name: report.name, message: report.message, details: report.details ?? null, fix: report.fix ?? null } })}\n`,
      );
    }
    return report.exitCode === 2 ? EXIT_USAGE : EXIT_FAILURE;
  }
}
