import assert from "node:assert/strict";
import { test } from "node:test";
import { createProgress } from "./progress.ts";

test("each step line carries the time since the previous line and short addresses", () => {
  const lines: string[] = [];
  const clock = [0, 0, 1_250, 1_300, 1_300, 3_000];
  const progress = createProgress(
    (line) => lines.push(line),
    () => clock.shift() ?? 0,
  );
  progress.note("anvil", "starting");
  progress.step("deploy", "deployed StrategyManager at 0x5FbDB2315678afecb367f032d93F642f64180aa3");
  progress.step("deploy", "deployed stETH");
  progress.note("seed", "seeding");
  progress.step("seed", "done");
  assert.deepEqual(lines, [
    "[anvil] starting",
    "[deploy] deployed StrategyManager at 0x5FbD…0aa3 … 1.3 s",
    "[deploy] deployed stETH … 0.1 s",
    "[seed] seeding",
    "[seed] done … 1.7 s",
  ]);
});
