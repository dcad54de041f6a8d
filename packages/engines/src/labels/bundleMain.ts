// Regenerates the committed label lists from the team's data folder, keeping MIT rows only.
// Usage: npx tsx packages/engines/src/labels/bundleMain.ts <from-dir> [to-dir]
// (to-dir defaults to packages/engines/data/labels).
import { writeLabelBundle } from "./bundle.ts";
import { bundledLabelsDir } from "./loadLabels.ts";

async function main(): Promise<void> {
  const [fromDir, toDir = bundledLabelsDir] = process.argv.slice(2);
  if (fromDir === undefined) {
    process.stderr.write("usage: tsx packages/engines/src/labels/bundleMain.ts <from-dir> [to-dir]\n");
    process.exit(2);
  }
  for (const { file, kept, dropped } of await writeLabelBundle(fromDir, toDir))
    process.stdout.write(`${file}: ${kept} rows kept, ${dropped} left out (not redistributable)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
