import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { test } from "node:test";
import { keccak256, stringToHex } from "viem";
import { tokenSimulatorRuntimeCode } from "./generated/tokenSimulator.ts";
import { PROBE_ACCOUNT, PROBE_CALLER } from "./hiddenOwner.ts";
import { SIMULATION_SENDER, SIMULATOR_ADDRESS } from "./simulate.ts";
import { forgeRuntimeCode } from "./testArtifacts.ts";

const tsx = resolve(import.meta.dirname, "../../../../node_modules/.bin/tsx");

test("the embedded simulator code is the forge artifact's (no drift)", () => {
  const result = spawnSync(tsx, [resolve(import.meta.dirname, "generateSimulator.ts"), "--check"], {
    encoding: "utf8",
  });
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  assert.equal(tokenSimulatorRuntimeCode, forgeRuntimeCode("TokenSimulator"));
});

test("the keyless addresses are what their comments derive them from", () => {
  const derived = (seed: string) => `0x${keccak256(stringToHex(seed)).slice(-40)}`;
  assert.equal(SIMULATOR_ADDRESS, derived("palisade.token-simulator"));
  assert.equal(SIMULATION_SENDER, derived("palisade.token-simulator.sender"));
  assert.equal(PROBE_CALLER, derived("palisade.token-probe.caller"));
  assert.equal(PROBE_ACCOUNT, derived("palisade.token-probe.account"));
});
