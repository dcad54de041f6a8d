import { type CommandTable, commandPath, type HelpTopic } from "./commandLine.ts";
import type { Command } from "./commands/types.ts";
import { globalOptionTable } from "./globalOptions.ts";
import { flagLabel, type OptionSpec, type OptionTable } from "./options.ts";

/** `--stake <PAL> --metadata <uri> [--no-approve]`: required options bare, the others in brackets. */
export function usageOf(command: Command): string {
  return Object.entries(command.options)
    .map(([key, spec]) => {
      const label = flagLabel(key, spec) + (spec.multiple ? " …" : "");
      return spec.required ? label : `[${label}]`;
    })
    .join(" ");
}

function optionLines(table: OptionTable, skip: ReadonlySet<string> = new Set()): string[] {
  const entries = Object.entries(table).filter(([key]) => !skip.has(key));
  const labels = entries.map(([key, spec]) => flagLabel(key, spec as OptionSpec));
  const width = Math.max(0, ...labels.map((label) => label.length));
  return entries.map(([, spec], index) => `  ${(labels[index] ?? "").padEnd(width)}  ${spec.description}`);
}

function commandList(group: string, names: readonly string[], table: CommandTable): string[] {
  const commands = table[group]?.commands ?? {};
  // The group's own command (key "") is listed as the bare group name.
  const labels = names.map((name) => (name === "" ? `(${group} alone)` : name));
  const width = Math.max(0, ...labels.map((label) => label.length));
  return names.map(
    (name, index) => `  ${(labels[index] ?? name).padEnd(width)}  ${commands[name]?.summary ?? ""}`,
  );
}

/** The help text of a topic (root, group, command), ending with a newline. */
export function renderHelp(topic: HelpTopic, table: CommandTable): string {
  if (topic.kind === "root") {
    const width = Math.max(...Object.keys(table).map((name) => name.length));
    return [
      "palisade: the Palisade marketplace from the command line",
      "",
      "Usage: palisade <group> [<command>] [options]",
      "",
      "Groups:",
      ...Object.entries(table).map(([name, group]) => `  ${name.padEnd(width)}  ${group.summary}`),
      "",
      "Global options:",
      ...optionLines(globalOptionTable),
      "",
      "`palisade <group> --help` lists a group's commands; `palisade <group> <command> --help` explains one.",
      "Against the devnet (`npm start`), try:  npx palisade status   npx palisade market services",
      "",
    ].join("\n");
  }
  if (topic.kind === "group") {
    const group = table[topic.group];
    const names = Object.keys(group?.commands ?? {}).filter(
      (name) => topic.prefix === "" || name.startsWith(`${topic.prefix} `),
    );
    const own = names.includes("") ? " [<command>]" : " <command>";
    const title = topic.prefix === "" ? topic.group : `${topic.group} ${topic.prefix}`;
    return [
      `palisade ${title}: ${group?.summary ?? ""}`,
      "",
      `Usage: palisade ${title}${own} [options]`,
      "",
      "Commands:",
      ...commandList(topic.group, names, table),
      "",
      `\`palisade ${topic.group} <command> --help\` explains one, with an example.`,
      "",
    ].join("\n");
  }
  const { command } = topic;
  const path = commandPath(topic.group, topic.name);
  const own = new Set(Object.keys(command.options));
  return [
    `palisade ${path}: ${command.summary}`,
    "",
    `Usage: palisade ${path} ${usageOf(command)}`.trimEnd(),
    ...(command.description ? ["", command.description] : []),
    ...(own.size > 0 ? ["", "Options:", ...optionLines(command.options)] : []),
    "",
    "Global options:",
    ...optionLines(globalOptionTable, own),
    "",
    "Example:",
    `  ${command.example}`,
    "",
  ].join("\n");
}
