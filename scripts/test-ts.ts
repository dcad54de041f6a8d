// Runs every `*.test.ts` under packages/ and apps/ through node:test with tsx.
// node 20's `--test` does not expand globs, so the files are listed here.
// Usage: tsx scripts/test-ts.ts [path-filter …]  (only files whose path contains a filter)
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const skip = new Set(["node_modules", "generated", ".palisade", "out", "cache"]);

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(path));
    else if (entry.name.endsWith(".test.ts")) found.push(relative(root, path));
  }
  return found;
}

const filters = process.argv.slice(2);
const files = ["packages", "apps"]
  .filter((dir) => existsSync(join(root, dir)))
  .flatMap((dir) => findTests(join(root, dir)))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  process.stderr.write(`no test files match ${filters.join(", ") || "packages/ apps/"}\n`);
  process.exit(1);
}
const child = spawn(process.execPath, ["--import", "tsx", "--test", ...files], {
  cwd: root,
  stdio: "inherit",
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
