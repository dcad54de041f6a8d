/**
 * Generates `src/generated/<id>.ts` (`export const <id>Abi = [...] as const`) and `src/index.ts`
 * from the forge artifacts in contracts/out.
 *
 *   tsx scripts/generate.ts           write the files
 *   tsx scripts/generate.ts --check   exit 1 if the committed files differ from what would be written
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { type AbiSource, abiSources } from "./contracts.ts";
import { renderAbiFile, renderIndex } from "./render.ts";

const packageRoot = resolve(import.meta.dirname, "..");
const repoRoot = resolve(packageRoot, "../..");
const outDir = join(repoRoot, "contracts/out");
const generatedDir = join(packageRoot, "src/generated");

class MissingArtifactError extends Error {
  constructor(missing: readonly string[]) {
    super(
      `missing forge artifact(s):\n${missing.map((path) => `  ${path}`).join("\n")}\n` +
        "Run `npm run build` (forge build, then this generator) from the repository root.",
    );
    this.name = "MissingArtifactError";
  }
}

function readAbi(source: AbiSource): readonly unknown[] {
  const artifact = JSON.parse(readFileSync(join(outDir, source.artifact), "utf8")) as { abi?: unknown };
  if (!Array.isArray(artifact.abi)) throw new Error(`${source.artifact} has no "abi" array`);
  return artifact.abi;
}

/** Every file the generator owns, by absolute path, with its expected content. */
function expectedFiles(): Map<string, string> {
  const missing = abiSources
    .filter((source) => !existsSync(join(outDir, source.artifact)))
    .map((source) => relative(repoRoot, join(outDir, source.artifact)));
  if (missing.length > 0) throw new MissingArtifactError(missing);
  const files = new Map<string, string>();
  for (const source of abiSources) {
    files.set(join(generatedDir, `${source.id}.ts`), renderAbiFile(source, readAbi(source)));
  }
  files.set(join(packageRoot, "src/index.ts"), renderIndex(abiSources));
  return files;
}

function stale(files: Map<string, string>): string[] {
  const generated = existsSync(generatedDir)
    ? readdirSync(generatedDir).map((name) => join(generatedDir, name))
    : [];
  return generated.filter((path) => !files.has(path));
}

function main(): void {
  const check = process.argv.includes("--check");
  const files = expectedFiles();
  if (check) {
    const drifted = [...files]
      .filter(([path, content]) => !existsSync(path) || readFileSync(path, "utf8") !== content)
      .map(([path]) => path);
    const extra = stale(files);
    if (drifted.length + extra.length > 0) {
      const list = [...drifted, ...extra].map((path) => `  ${relative(repoRoot, path)}`).join("\n");
      process.stderr.write(
        `generated ABIs are out of date:\n${list}\nRun \`npm run build\` and commit the result.\n`,
      );
      process.exit(1);
    }
    process.stdout.write(`abis: ${files.size} files up to date\n`);
    return;
  }
  let changed = 0;
  for (const [path, content] of files) {
    if (existsSync(path) && readFileSync(path, "utf8") === content) continue;
    writeFileSync(path, content);
    changed++;
  }
  for (const path of stale(files)) {
    process.stderr.write(`abis: ${relative(repoRoot, path)} is not generated from any contract; delete it\n`);
  }
  process.stdout.write(
    `abis: ${files.size} files in ${relative(repoRoot, packageRoot)}, ${changed} changed\n`,
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
