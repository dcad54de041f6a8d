import { type ParseArgsConfig, parseArgs } from "node:util";
import { z } from "zod";
import type { Command, CommandGroup } from "./commands/types.ts";
import { UsageError } from "./errors.ts";
import {
  DEFAULT_DEPLOYMENT,
  type GlobalOptions,
  globalOptionTable,
  type SignerChoice,
} from "./globalOptions.ts";
import { flagName, type OptionTable } from "./options.ts";
import { Secret } from "./secret.ts";

export type CommandTable = Readonly<Record<string, CommandGroup>>;

/** What the command line asks for: help on something, or a command with validated options. */
export type CommandLine =
  | { kind: "help"; topic: HelpTopic; explicit: boolean; problem?: UsageError }
  | {
      kind: "run";
      path: string;
      command: Command;
      globals: GlobalOptions;
      args: Record<string, unknown>;
    };

/** Root, a group (optionally narrowed to commands starting with `prefix`), or a command. */
export type HelpTopic =
  | { kind: "root" }
  | { kind: "group"; group: string; prefix: string }
  | { kind: "command"; group: string; name: string; command: Command };

const HELP_FLAGS = new Set(["--help", "-h"]);

/** `provider register`, or `status` for a group's own command (key ""). */
export function commandPath(group: string, name: string): string {
  return name === "" ? group : `${group} ${name}`;
}

/** The options a command accepts: the globals, overridden by its own of the same name. */
export function optionsOf(command: Command): OptionTable {
  return { ...globalOptionTable, ...command.options };
}

/**
 * Resolves `palisade <group> <command words…> [options]` against the command table: the command
 * words come first, then options in any order. Throws UsageError for anything it cannot run.
 */
export function parseCommandLine(
  argv: readonly string[],
  table: CommandTable,
  env: Readonly<Record<string, string | undefined>>,
): CommandLine {
  const firstOption = argv.findIndex((token) => token.startsWith("-"));
  const words = firstOption === -1 ? [...argv] : argv.slice(0, firstOption);
  const rest = firstOption === -1 ? [] : argv.slice(firstOption);
  const helpAsked = rest.some((token) => HELP_FLAGS.has(token));

  const [groupName, ...commandWords] = words;
  if (groupName === undefined) {
    return helpAsked
      ? { kind: "help", topic: { kind: "root" }, explicit: true }
      : {
          kind: "help",
          topic: { kind: "root" },
          explicit: false,
          problem: new UsageError("missing command", undefined),
        };
  }
  const group = table[groupName];
  if (!group)
    throw new UsageError(`unknown command group "${groupName}"`, undefined, {
      details: `groups: ${Object.keys(table).join(", ")}`,
    });

  // The longest run of words that names a command; none at all names the group's own command
  // (key ""), as `palisade status` is.
  let matched: { name: string; command: Command; used: number } | undefined;
  for (let used = commandWords.length; used >= 0; used -= 1) {
    const name = commandWords.slice(0, used).join(" ");
    const command = group.commands[name];
    if (command) {
      matched = { name, command, used };
      break;
    }
  }
  if (!matched) {
    const prefix = commandWords.join(" ");
    const narrowed = Object.keys(group.commands).filter(
      (name) => prefix === "" || name.startsWith(`${prefix} `),
    );
    const topic: HelpTopic = { kind: "group", group: groupName, prefix: narrowed.length > 0 ? prefix : "" };
    if (helpAsked && narrowed.length > 0) return { kind: "help", topic, explicit: true };
    const problem =
      prefix === ""
        ? new UsageError(`missing command after "${groupName}"`, groupName)
        : narrowed.length > 0
          ? new UsageError(`"${groupName} ${prefix}" needs one more word`, groupName)
          : new UsageError(`unknown command "${groupName} ${prefix}"`, groupName);
    return { kind: "help", topic, explicit: false, problem };
  }
  const path = commandPath(groupName, matched.name);
  const extra = commandWords.slice(matched.used);
  const positional = matched.command.positional;
  if (positional !== undefined && extra.length === 1 && extra[0] !== undefined) {
    // `check url <url>`: the bare word is the command's positional option.
    rest.unshift(`--${flagName(positional)}`, extra[0]);
    extra.length = 0;
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, path);
  if (helpAsked) {
    return {
      kind: "help",
      topic: { kind: "command", group: groupName, name: matched.name, command: matched.command },
      explicit: true,
    };
  }
  return parseOptions(path, matched.command, rest, env);
}

function parseOptions(
  path: string,
  command: Command,
  tokens: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CommandLine {
  const table = optionsOf(command);
  const parseArgsOptions: NonNullable<ParseArgsConfig["options"]> = Object.fromEntries(
    Object.entries(table).map(([key, spec]) => [
      flagName(key),
      {
        type: spec.type,
        ...(spec.multiple ? { multiple: true } : {}),
        ...(key === "help" ? { short: "h" } : {}),
      },
    ]),
  );
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...tokens],
      options: parseArgsOptions,
      strict: true,
      allowPositionals: false,
      allowNegative: true,
    }));
  } catch (error) {
    // parseArgs's messages name the token ("Unknown option '--foo'"), never an option's value.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, ""), path);
  }
  const problems: string[] = [];
  const parsed: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(table)) {
    const raw = values[flagName(key)];
    if (raw === false && spec.type === "boolean" && key !== "approve") {
      problems.push(`--no-${flagName(key)} is not an option`);
      continue;
    }
    const result = spec.schema.safeParse(raw);
    if (result.success) parsed[key] = result.data;
    else problems.push(`--${flagName(key)}: ${result.error.issues.map((issue) => issue.message).join("; ")}`);
  }
  for (const group of command.requireOneOf ?? []) {
    if (group.every((key) => values[flagName(key)] === undefined))
      problems.push(`give ${group.map((key) => `--${flagName(key)}`).join(" or ")}`);
  }
  if (problems.length > 0) {
    const [first, ...more] = problems;
    throw new UsageError(
      first ?? "invalid options",
      path,
      more.length > 0 ? { details: more.join("\n") } : {},
    );
  }
  const commandKeys = new Set(Object.keys(command.options));
  const globals = globalsFrom(parsed, commandKeys, env, path);
  const args = Object.fromEntries(Object.entries(parsed).filter(([key]) => commandKeys.has(key)));
  return { kind: "run", path, command, globals, args };
}

const envKey = z.string().regex(/^0x[0-9a-fA-F]{64}$/);

function globalsFrom(
  parsed: Record<string, unknown>,
  shadowed: ReadonlySet<string>,
  env: Readonly<Record<string, string | undefined>>,
  path: string,
): GlobalOptions {
  const global = (key: keyof typeof globalOptionTable) => (shadowed.has(key) ? undefined : parsed[key]);
  const key = (parsed.privateKey ?? global("key")) as `0x${string}` | undefined;
  const keystore = global("keystore") as string | undefined;
  const account = global("account") as string | undefined;
  const given = [
    key !== undefined ? "--key" : undefined,
    keystore !== undefined ? "--keystore" : undefined,
    account !== undefined ? "--account" : undefined,
  ].filter((flag) => flag !== undefined);
  if (given.length > 1) throw new UsageError(`give one signer, not ${given.join(" and ")}`, path);
  let signer: SignerChoice = { kind: "none" };
  if (key !== undefined) signer = { kind: "key", key: new Secret(key), source: "--key" };
  else if (keystore !== undefined) signer = { kind: "keystore", path: keystore };
  else if (account !== undefined) signer = { kind: "account", name: account };
  else if (env.PALISADE_KEY !== undefined && env.PALISADE_KEY !== "") {
    if (!envKey.safeParse(env.PALISADE_KEY).success)
      throw new UsageError("PALISADE_KEY must be a 0x-prefixed 32-byte hex private key", path);
    signer = { kind: "key", key: new Secret(env.PALISADE_KEY as `0x${string}`), source: "PALISADE_KEY" };
  }
  const rpcFromEnv = env.PALISADE_RPC_URL === "" ? undefined : env.PALISADE_RPC_URL;
  const rpcUrl = (global("rpc") as string | undefined) ?? rpcFromEnv;
  if (rpcUrl !== undefined && !globalOptionTable.rpc.schema.safeParse(rpcUrl).success)
    throw new UsageError("PALISADE_RPC_URL must be an http(s) or ws(s) URL", path);
  return {
    rpcUrl,
    deploymentPath:
      (global("deployment") as string | undefined) ||
      (env.PALISADE_DEPLOYMENT === "" ? undefined : env.PALISADE_DEPLOYMENT) ||
      DEFAULT_DEPLOYMENT,
    signer,
    json: parsed.json === true,
  };
}
