import assert from "node:assert/strict";
import { test } from "node:test";
import { commandPath, parseCommandLine } from "../commandLine.ts";
import { globalOptionTable } from "../globalOptions.ts";
import { renderHelp } from "../help.ts";
import { commandTable } from "./index.ts";

const commands = Object.entries(commandTable).flatMap(([group, { commands }]) =>
  Object.entries(commands).map(([name, command]) => ({
    group,
    name,
    path: commandPath(group, name),
    command,
  })),
);

/** Splits an example into argv the way a shell would (enough for the examples: double quotes, $(…)). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"[^"]*"|\S+/g)].map(([word]) => word.replace(/^"|"$/g, ""));
}

test("every command has a summary, an example and help that renders", () => {
  for (const { group, name, path, command } of commands) {
    assert.ok(command.summary.length > 10, path);
    assert.match(command.example, new RegExp(`npx palisade ${path}( |$)`), path);
    const help = renderHelp({ kind: "command", group, name, command }, commandTable);
    assert.match(help, new RegExp(`^palisade ${path}: `), path);
    assert.match(help, /\nExample:\n {2}/, path);
  }
});

test("every example parses as its own command with valid options", () => {
  for (const { path, command } of commands) {
    // The command itself, from `npx palisade …` up to the end or a closing `)` of a $(…).
    const start = command.example.indexOf("npx palisade ");
    const inner = command.example.slice(start + "npx palisade ".length).split(")")[0] ?? "";
    const line = parseCommandLine(shellWords(inner), commandTable, {});
    assert.equal(line.kind, "run", path);
    assert.equal(line.kind === "run" && line.path, path);
  }
});

test("an option shared by several commands, or shadowing a global, has one type", () => {
  const types = new Map<string, string>(
    Object.entries(globalOptionTable).map(([key, spec]) => [key, spec.type]),
  );
  for (const { path, command } of commands) {
    for (const [key, spec] of Object.entries(command.options)) {
      const known = types.get(key);
      if (known === undefined) types.set(key, spec.type);
      else assert.equal(spec.type, known, `${path} --${key}`);
    }
  }
});
