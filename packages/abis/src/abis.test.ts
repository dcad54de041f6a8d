import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { test } from "node:test";
import { abiSources } from "../scripts/contracts.ts";
import * as abis from "./index.ts";

const generator = resolve(import.meta.dirname, "../scripts/generate.ts");
const tsx = resolve(import.meta.dirname, "../../../node_modules/.bin/tsx");

test("committed ABIs match the forge artifacts (no drift)", () => {
  const result = spawnSync(tsx, [generator, "--check"], { encoding: "utf8" });
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
});

test("every listed contract is exported with a non-empty ABI", () => {
  const exported = abis as Record<string, readonly unknown[] | undefined>;
  for (const source of abiSources) {
    const abi = exported[`${source.id}Abi`];
    assert.ok(Array.isArray(abi) && abi.length > 0, `${source.id}Abi missing or empty`);
  }
});
