import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { type Fixture, fixture, repoRoot } from "@palisade/testkit";
import { writeDeployment } from "./deployment.ts";

// The README points newcomers at packages/sdk/examples: run each one against a real chain.
const run = promisify(execFile);
let f: Fixture;
const dir = mkdtempSync(join(tmpdir(), "palisade-examples-"));

before(async () => {
  f = await fixture();
});
after(async () => {
  await f.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("examples/restake.ts deposits, reads the position and queues a withdrawal", async () => {
  const file = join(dir, "deployment.json");
  await writeDeployment(file, f.deployment);
  const tsx = join(repoRoot, "node_modules", ".bin", "tsx");
  const { stdout } = await run(tsx, [join(repoRoot, "packages/sdk/examples/restake.ts"), file], {
    cwd: repoRoot,
  });
  assert.match(stdout, /^deposited 5 stETH for 5 shares$/m);
  assert.match(
    stdout,
    new RegExp(`^delegated to ${f.accounts.operators[0].address}, withdrawable 15 stETH$`, "mi"),
  );
  assert.match(stdout, /^queued a withdrawal of 1 share: 0x[0-9a-f]{64}$/m);
});
